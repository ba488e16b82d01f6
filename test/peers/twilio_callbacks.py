"""A Python application written for Twilio, pointed at porm (test/twilio-python.test.ts runs it).

With Debian's python3-twilio: twilio.rest.Client, its base URL set to porm (the one-line
switch), creates a message whose StatusCallback is a loopback server of this script, fetches it
back, and validates every callback porm posts with twilio.request_validator.RequestValidator.
It also serves a number's inbound webhook, validating porm's request and answering TwiML.
Prints one JSON object (what it saw) and exits 0; any exception exits 1 with its text.

Environment: PORM_URL, TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN, FROM, TO.
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import parse_qsl

from twilio.request_validator import RequestValidator
from twilio.rest import Client

TOKEN = os.environ["TWILIO_AUTH_TOKEN"]
validator = RequestValidator(TOKEN)
seen = []
lock = threading.Lock()


class App(BaseHTTPRequestHandler):
    def do_POST(self):
        length = int(self.headers.get("Content-Length", "0"))
        params = dict(parse_qsl(self.rfile.read(length).decode("utf-8"), keep_blank_values=True))
        url = "http://%s%s" % (self.headers["Host"], self.path)
        valid = validator.validate(url, params, self.headers.get("X-Twilio-Signature", ""))
        with lock:
            seen.append({"path": self.path, "params": params, "valid": valid})
        if self.path.startswith("/sms"):
            body = ("<?xml version='1.0' encoding='UTF-8'?><Response><Message>Python got: %s</Message></Response>"
                    % params.get("Body", "").replace("&", "&amp;").replace("<", "&lt;"))
            self.send_response(200)
            self.send_header("Content-Type", "text/xml")
            self.end_headers()
            self.wfile.write(body.encode("utf-8"))
            return
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


def wait_for(check, what, timeout=20.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        with lock:
            found = check()
        if found:
            return found
        time.sleep(0.05)
    raise RuntimeError("timed out waiting for " + what)


def main():
    server = HTTPServer(("127.0.0.1", 0), App)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app_url = "http://127.0.0.1:%d" % server.server_address[1]
    # Announce the app's URL first: the test points the number's inbound webhook at it.
    print(json.dumps({"app_url": app_url}), flush=True)

    client = Client(os.environ["TWILIO_ACCOUNT_SID"], TOKEN)
    client.api.base_url = os.environ["PORM_URL"]  # the one line that moves the app to porm
    created = client.messages.create(to=os.environ["TO"], from_=os.environ["FROM"], body="from python",
                                     status_callback=app_url + "/status?lang=py")
    fetched = client.messages(created.sid).fetch()
    wait_for(lambda: any(s["params"].get("MessageStatus") == "delivered" for s in seen), "the delivered callback")

    # The test makes the handset reply once it has read the line below.
    print(json.dumps({"ready_for_inbound": True}), flush=True)
    wait_for(lambda: any(s["path"].startswith("/sms") for s in seen), "the inbound webhook")
    server.shutdown()
    with lock:
        print(json.dumps({
            "created": {"sid": created.sid, "status": created.status, "account_sid": created.account_sid},
            "fetched": {"sid": fetched.sid, "body": fetched.body, "to": fetched.to},
            "requests": seen,
        }), flush=True)


if __name__ == "__main__":
    try:
        main()
    except Exception as err:  # the test prints this
        print(json.dumps({"error": "%s: %s" % (type(err).__name__, err)}), flush=True)
        sys.exit(1)
