#!/usr/bin/python3
"""A peer MMSC for porm's MM4 tests, written with Debian's python3-aiosmtpd and checked with Python's
own `email` package: nothing here shares code with porm. It receives porm's SMTP mail (AUTH PLAIN/LOGIN
without TLS on loopback), parses each message with email.parser (policy=default), checks the 3GPP
TS 23.140 §8.4 headers and the MIME structure, and prints one JSON line per message on stdout.

usage: mm4_peer.py PORT USER PASSWORD
"""
import asyncio
import json
import sys
from email import policy
from email.parser import BytesParser

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

MANDATORY = {
    'MM4_forward.REQ': ['X-Mms-3GPP-MMS-Version', 'X-Mms-Message-Type', 'X-Mms-Transaction-ID', 'X-Mms-Message-ID',
                        'X-Mms-Originator-System', 'From', 'To', 'Date'],
    'MM4_forward.RES': ['X-Mms-3GPP-MMS-Version', 'X-Mms-Message-Type', 'X-Mms-Transaction-ID', 'X-Mms-Message-ID',
                        'X-Mms-Request-Status-Code', 'X-Mms-Originator-System'],
    'MM4_delivery_report.RES': ['X-Mms-3GPP-MMS-Version', 'X-Mms-Message-Type', 'X-Mms-Transaction-ID',
                                'X-Mms-Message-ID', 'X-Mms-Request-Status-Code'],
}


def describe(part):
    out = {'content_type': part.get_content_type(), 'defects': [type(d).__name__ for d in part.defects]}
    if part.is_multipart():
        out['params'] = dict(part.get_params() or [])
        out['parts'] = [describe(p) for p in part.iter_parts()]
    else:
        payload = part.get_payload(decode=True) or b''
        out['size'] = len(payload)
        out['cte'] = part.get('Content-Transfer-Encoding')
        out['content_id'] = part.get('Content-ID')
        if part.get_content_maintype() == 'text':
            out['text'] = payload.decode(part.get_content_charset() or 'us-ascii')
    return out


class Handler:
    async def handle_DATA(self, server, session, envelope):
        msg = BytesParser(policy=policy.default).parsebytes(envelope.original_content or envelope.content)
        mtype = str(msg.get('X-Mms-Message-Type', ''))
        missing = [h for h in MANDATORY.get(mtype, []) if msg.get(h) is None]
        lines_ok = all(len(line) <= 998 for line in (envelope.original_content or b'').split(b'\r\n'))
        record = {
            'mail_from': envelope.mail_from, 'rcpt_tos': envelope.rcpt_tos, 'type': mtype, 'missing': missing,
            'headers': {k: str(v) for k, v in msg.items()}, 'subject': str(msg.get('Subject', '')),
            'mime_version': msg.get('MIME-Version'), 'lines_within_998': lines_ok,
            'body': describe(msg), 'authenticated': session.authenticated,
        }
        print(json.dumps(record), flush=True)
        return '250 2.0.0 OK'


def main():
    port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
        return AuthResult(success=ok)

    controller = Controller(Handler(), hostname='127.0.0.1', port=port, authenticator=authenticator,
                            auth_required=True, auth_require_tls=False)
    controller.start()
    print(json.dumps({'ready': port}), flush=True)
    try:
        asyncio.get_event_loop().run_until_complete(asyncio.sleep(3600))
    except KeyboardInterrupt:
        pass
    finally:
        controller.stop()


if __name__ == '__main__':
    main()
