"""A minimal app written for Twilio, to try porm's Twilio-style webhooks (docs/twilio-webhooks.md).

    TWILIO_AUTH_TOKEN=... python3 examples/twilio_app.py 4567

Needs the twilio package (pip install twilio, or Debian's python3-twilio). Every request is
checked with twilio.request_validator.RequestValidator and printed as one JSON line:
{"path", "valid", "params"}. POST or GET /sms answers TwiML echoing the text back; anything
else (status callbacks) gets an empty 200.
"""
import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl, urlsplit
from xml.sax.saxutils import escape

from twilio.request_validator import RequestValidator

validator = RequestValidator(os.environ["TWILIO_AUTH_TOKEN"])


class App(BaseHTTPRequestHandler):
    def handle_request(self, params):
        # The URL exactly as configured in porm: scheme, host and path with its query string.
        url = "http://%s%s" % (self.headers["Host"], self.path)
        valid = validator.validate(url, params if self.command == "POST" else {}, self.headers.get("X-Twilio-Signature", ""))
        print(json.dumps({"path": urlsplit(self.path).path, "valid": valid, "params": params}), flush=True)
        if not valid:
            self.send_response(403)
            self.end_headers()
            return
        self.send_response(200)
        if urlsplit(self.path).path == "/sms":
            reply = "<Response><Message>You said: %s</Message></Response>" % escape(params.get("Body", ""))
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            self.wfile.write(reply.encode("utf-8"))
        else:
            self.end_headers()

    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        self.handle_request(dict(parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True)))

    def do_GET(self):
        self.handle_request(dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True)))

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    HTTPServer(("127.0.0.1", int(sys.argv[1]) if len(sys.argv) > 1 else 4567), App).serve_forever()
