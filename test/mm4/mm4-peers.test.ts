import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, eventually, startHarness, tempDir, waitForStatus, type Harness } from '../helpers/harness.ts';
import { freePort } from './free-port.ts';

// MM4 against peers nobody here wrote: Debian's python3-aiosmtpd plays the peer MMSC's SMTP server
// and Python's `email` package parses what porm forwards (test/peers/mm4_peer.py); swaks, Debian's
// SMTP test tool, sends the peer's answers and an inbound MMS to porm's listener, written here by
// hand from 3GPP TS 23.140 §8.4 rather than by porm's own builder.

const PY = '/usr/bin/python3';
const HAVE_AIOSMTPD = spawnSync(PY, ['-c', 'import aiosmtpd']).status === 0;
const HAVE_SWAKS = spawnSync('swaks', ['--version']).status === 0;
const SKIP = !HAVE_AIOSMTPD || !HAVE_SWAKS ? `skipped: ${!HAVE_AIOSMTPD ? 'python3-aiosmtpd' : 'swaks'} is not installed` : false;

const FROM = '+14155550100';
const TO = '+14155550199';
const PEER_DOMAIN = 'mms.mnc002.mcc310.gprs';
const PORM_DOMAIN = 'mms.porm.example';
const PEER_LOGIN = { username: 'porm', password: 'peer-secret-1' };
const LISTENER_LOGIN = { username: 'peer', password: 'listener-secret-1' };
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

interface PeerRecord {
  type: string;
  missing: string[];
  headers: Record<string, string>;
  subject: string;
  mail_from: string;
  rcpt_tos: string[];
  lines_within_998: boolean;
  authenticated: boolean;
  body: MimeDescription;
}
interface MimeDescription { content_type: string; defects: string[]; params?: Record<string, string>; parts?: MimeDescription[]; size?: number; cte?: string; text?: string }

describe('MM4 against python3-aiosmtpd, Python email and swaks', { skip: SKIP }, () => {
  let h: Harness;
  let peer: ChildProcessWithoutNullStreams;
  let listenPort = 0;
  const received: PeerRecord[] = [];
  const dir = tempDir();

  before(async () => {
    const peerPort = await freePort();
    listenPort = await freePort();
    peer = spawn(PY, [resolve(import.meta.dirname, '../peers/mm4_peer.py'), String(peerPort), PEER_LOGIN.username, PEER_LOGIN.password]);
    const lines = createInterface({ input: peer.stdout });
    let ready: () => void = () => undefined;
    const started = new Promise<void>((r) => { ready = r; });
    lines.on('line', (line) => {
      const value = JSON.parse(line) as PeerRecord | { ready: number };
      if ('ready' in value) ready();
      else received.push(value);
    });
    await started;
    const configFile = join(dir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        peer: {
          type: 'mm4', peerDomain: PEER_DOMAIN, domain: PORM_DOMAIN,
          smtp: { host: '127.0.0.1', port: peerPort, startTls: 'off', ...PEER_LOGIN },
          listen: { host: '127.0.0.1', port: listenPort }, peer: { ...LISTENER_LOGIN, allowFrom: ['127.0.0.0/8', '::1'] },
        },
      },
      routes: [{ from: '*', carriers: ['peer'] }],
    }));
    h = await startHarness({ PORM_CONFIG: configFile }, dir);
    assert.equal((await h.api('POST', '/v1/numbers', { number: FROM })).status, 201);
  });
  after(async () => {
    await h?.stop();
    peer?.kill();
    cleanup(dir);
  });

  /**
   * swaks sends `mail` to porm's listener; resolves with its exit status and transcript. Spawned
   * asynchronously: porm runs in this process and must keep answering while swaks talks to it.
   */
  async function swaks(mail: string, auth = LISTENER_LOGIN): Promise<{ status: number | null; out: string }> {
    const file = join(dir, `mail-${Date.now()}-${Math.random()}.eml`);
    writeFileSync(file, mail.replace(/\n/g, '\r\n'));
    const r = spawn('swaks', [
      '--server', `127.0.0.1:${listenPort}`, '--from', `mmsc@${PEER_DOMAIN}`, '--to', `system-user@${PORM_DOMAIN}`,
      '--auth', 'LOGIN', '--auth-user', auth.username, '--auth-password', auth.password, '--data', file, '--timeout', '10',
    ]);
    let out = '';
    r.stdout.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    r.stderr.on('data', (c: Buffer) => { out += c.toString('utf8'); });
    const status = await new Promise<number | null>((done) => r.on('close', (code) => done(code)));
    return { status, out };
  }

  let sentId = '';

  test('porm\'s MM4_forward.REQ parses cleanly in Python\'s email package with every 23.140 header', async () => {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'dot.png');
    const up = await h.api('POST', '/v1/media', form);
    const sent = await h.api('POST', '/v1/messages', { from: FROM, to: TO, body: 'Grüße, 👋 from porm', subject: 'Ünïcode subject', media: [{ id: String(up.body.id) }] });
    assert.equal(sent.status, 201, sent.text);
    sentId = String(sent.body.id);
    await waitForStatus(h, sentId, 'sent');
    const rec = await eventually(async () => received.find((r) => r.headers['X-Mms-Transaction-ID'] === sentId), 10_000, 'the forward at the peer');
    assert.equal(rec.type, 'MM4_forward.REQ');
    assert.deepEqual(rec.missing, []);
    assert.equal(rec.authenticated, true);
    assert.equal(rec.mail_from, `system-user@${PORM_DOMAIN}`);
    assert.deepEqual(rec.rcpt_tos, [`${TO}/TYPE=PLMN@${PEER_DOMAIN}`]);
    assert.equal(rec.headers['X-Mms-Message-ID'], `${sentId}@${PORM_DOMAIN}`);
    assert.equal(rec.headers['X-Mms-Originator-System'], `system-user@${PORM_DOMAIN}`);
    assert.equal(rec.headers['From'], `${FROM}/TYPE=PLMN@${PORM_DOMAIN}`);
    assert.equal(rec.headers['X-Mms-Ack-Request'], 'Yes');
    assert.match(rec.headers['X-Mms-3GPP-MMS-Version']!, /^\d+\.\d+\.\d+$/);
    assert.equal(rec.subject, 'Ünïcode subject');
    assert.equal(rec.lines_within_998, true);
    // The MM as MIME: no defects anywhere, the text and the picture intact after base64.
    const flat: MimeDescription[] = [];
    const walk = (d: MimeDescription): void => { flat.push(d); d.parts?.forEach(walk); };
    walk(rec.body);
    assert.deepEqual(flat.flatMap((d) => d.defects), []);
    assert.match(rec.body.content_type, /^multipart\/(related|mixed)$/);
    assert.ok(flat.some((d) => d.content_type === 'text/plain' && d.text === 'Grüße, 👋 from porm'), JSON.stringify(flat));
    assert.ok(flat.some((d) => d.content_type === 'image/png' && d.size === PNG.length && d.cte === 'base64'));
  });

  test('swaks: the peer\'s MM4_forward.RES and MM4_delivery_report.REQ make the message delivered', async () => {
    const res = await swaks(`From: mmsc@${PEER_DOMAIN}
To: system-user@${PORM_DOMAIN}
Date: Wed, 02 Dec 2026 12:00:00 +0000
Message-ID: <res-1@${PEER_DOMAIN}>
X-Mms-3GPP-MMS-Version: 6.3.0
X-Mms-Message-Type: MM4_forward.RES
X-Mms-Transaction-ID: ${sentId}
X-Mms-Message-ID: ${sentId}@${PORM_DOMAIN}
X-Mms-Request-Status-Code: Ok
X-Mms-Originator-System: mmsc@${PEER_DOMAIN}

`);
    assert.equal(res.status, 0, res.out);
    const report = await swaks(`From: ${TO}/TYPE=PLMN@${PEER_DOMAIN}
To: ${FROM}/TYPE=PLMN@${PORM_DOMAIN}
Date: Wed, 02 Dec 2026 12:00:05 +0000
Message-ID: <dr-1@${PEER_DOMAIN}>
X-Mms-3GPP-MMS-Version: 6.3.0
X-Mms-Message-Type: MM4_delivery_report.REQ
X-Mms-Transaction-ID: dr-1
X-Mms-Message-ID: <${sentId}@${PORM_DOMAIN}>
X-Mms-Ack-Request: Yes
X-Mms-Originator-System: mmsc@${PEER_DOMAIN}
x-mms-mm-status-code: retrieved

`);
    assert.equal(report.status, 0, report.out);
    await waitForStatus(h, sentId, 'delivered');
    // porm answers the report it was asked to acknowledge.
    const ack = await eventually(async () => received.find((r) => r.type === 'MM4_delivery_report.RES'), 10_000, 'the MM4_delivery_report.RES');
    assert.deepEqual(ack.missing, []);
    assert.equal(ack.headers['X-Mms-Transaction-ID'], 'dr-1');
    assert.equal(ack.headers['X-Mms-Request-Status-Code'], 'Ok');
  });

  test('swaks: an inbound MM4_forward.REQ (multipart/related with SMIL) is stored as the number\'s inbound MMS and acknowledged', async () => {
    const b64 = PNG.toString('base64');
    const mail = `From: +14155550142/TYPE=PLMN@${PEER_DOMAIN}
To: ${FROM}/TYPE=PLMN@${PORM_DOMAIN}
Date: Wed, 02 Dec 2026 12:01:00 +0000
Message-ID: <in-1@${PEER_DOMAIN}>
Subject: =?UTF-8?Q?caf=C3=A9?=
MIME-Version: 1.0
X-Mms-3GPP-MMS-Version: 6.3.0
X-Mms-Message-Type: MM4_forward.REQ
X-Mms-Transaction-ID: in-1
X-Mms-Message-ID: in-1@${PEER_DOMAIN}
X-Mms-Ack-Request: Yes
X-Mms-Originator-System: mmsc@${PEER_DOMAIN}
Content-Type: multipart/related; type="application/smil"; start="<smil>"; boundary="b1"

--b1
Content-Type: application/smil; charset=utf-8
Content-ID: <smil>

<smil><body><par><img src="cid:img"/><text src="cid:txt"/></par></body></smil>
--b1
Content-Type: text/plain; charset=utf-8
Content-ID: <txt>
Content-Transfer-Encoding: quoted-printable

see the caf=C3=A9
--b1
Content-Type: image/png
Content-ID: <img>
Content-Location: photo.png
Content-Transfer-Encoding: base64

${b64}
--b1--
`;
    const out = await swaks(mail);
    assert.equal(out.status, 0, out.out);
    const inbound = await eventually(async () => {
      const list = await h.api('GET', '/v1/inbound-messages');
      return (list.body.data as Array<Record<string, unknown>>).find((m) => m.from === '+14155550142');
    }, 10_000, 'the inbound MMS');
    assert.equal(inbound.to, FROM);
    assert.equal(inbound.body, 'see the café');
    assert.deepEqual((inbound.media as Array<{ content_type: string; size: number }>).map((m) => [m.content_type, m.size]), [['image/png', PNG.length]]);
    const ack = await eventually(async () => received.find((r) => r.type === 'MM4_forward.RES' && r.headers['X-Mms-Transaction-ID'] === 'in-1'), 10_000, 'the MM4_forward.RES');
    assert.deepEqual(ack.missing, []);
    assert.equal(ack.headers['X-Mms-Message-ID'], `in-1@${PEER_DOMAIN}`);
    assert.deepEqual(ack.rcpt_tos, [`mmsc@${PEER_DOMAIN}`]);
    // The same forward again (as a peer resends when its RES was lost) is the same inbound message:
    // swaks's 250 comes only once porm has recorded (here: recognised) it, so the count is final.
    assert.equal((await swaks(mail)).status, 0);
    const all = (await h.api('GET', '/v1/inbound-messages')).body.data as Array<Record<string, unknown>>;
    assert.equal(all.filter((m) => m.from === '+14155550142').length, 1);
  });

  test('swaks: wrong credentials get 535 and a mail that is not MM4 gets 550 saying why; nothing is recorded', async () => {
    const before = (await h.api('GET', '/v1/inbound-messages')).body.data as unknown[];
    const wrong = await swaks(`From: x@${PEER_DOMAIN}\nX-Mms-Message-Type: MM4_forward.REQ\n\nhi\n`, { username: 'peer', password: 'not-the-password' });
    assert.notEqual(wrong.status, 0);
    assert.match(wrong.out, /535/);
    const plain = await swaks(`From: someone@example.com\nTo: system-user@${PORM_DOMAIN}\nSubject: hello\n\njust an email\n`);
    assert.notEqual(plain.status, 0);
    assert.match(plain.out, /550[ -]5\.6\.0 no X-Mms-Message-Type header/);
    const unknownType = await swaks(`From: mmsc@${PEER_DOMAIN}\nX-Mms-Message-Type: MM4_bogus.REQ\nX-Mms-Transaction-ID: t\n\n`);
    assert.match(unknownType.out, /550[ -]5\.6\.0 X-Mms-Message-Type "MM4_bogus.REQ"/);
    const noStatus = await swaks(`From: mmsc@${PEER_DOMAIN}\nX-Mms-Message-Type: MM4_forward.RES\nX-Mms-Transaction-ID: t\nX-Mms-Message-ID: m\n\n`);
    assert.match(noStatus.out, /550[ -]5\.6\.0 no X-Mms-Request-Status-Code header/);
    const after = (await h.api('GET', '/v1/inbound-messages')).body.data as unknown[];
    assert.equal(after.length, before.length);
  });
});
