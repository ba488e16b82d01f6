// Compose over real HTTP: the multipart form sends through SendService and lands on the message's
// page; every field's error shows next to it with the API's code; CSRF, roles and account
// boundaries hold; what senders wrote (bodies, file names) is escaped; the live-status JSON and
// the script asset route serve only what they should.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, jar, owner as ownerOf, person, visit, type Jar, type Visit } from '../helpers/dashboard-http.ts';
import { noisePng } from '../helpers/images.ts';
import { DASHBOARD_SCRIPTS, dashboardScript } from '../../src/dashboard/scripts.ts';
import { appointment } from '../../src/rich/format/examples.ts';

const SENDER = '+14155550199';
const TO = '+14155550100';

interface Upload { bytes: Buffer; name: string; type: string }

/** Posts the compose form as a browser does: multipart/form-data, the jar's cookies, no redirects followed. */
async function post(h: Harness, b: Jar, fields: Record<string, string | string[]>, file?: Upload): Promise<Visit> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
  if (file) form.append('file', new File([file.bytes], file.name, { type: file.type }));
  const res = await fetch(`${h.url}/dashboard/compose`, { method: 'POST', redirect: 'manual', body: form, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** The compose page's CSRF token and form key, then the form posted with them. */
async function compose(h: Harness, b: Jar, fields: Record<string, string | string[]>, file?: Upload): Promise<Visit> {
  const shown = await visit(h, b, 'GET', '/dashboard/compose');
  assert.equal(shown.status, 200, shown.text.slice(0, 300));
  const key = /name="key" value="([^"]+)"/.exec(shown.text)?.[1] ?? '';
  return post(h, b, { csrf: csrfOf(shown.text), key, sender: SENDER, action: 'send', ...fields }, file);
}

const fieldError = (page: string, field: string): string => new RegExp(`<p class="field-error" id="${field}-error">([\\s\\S]*?)</p>`).exec(page)?.[1] ?? '';

describe('dashboard compose over HTTP', () => {
  let h: Harness;
  let owner: Jar;
  let member: Jar;
  withHarness((harness) => { h = harness; }, { PORM_MEDIA_MAX_UPLOAD_BYTES: '300000' });
  before(async () => {
    owner = await ownerOf(h);
    member = await person(h, 'member', 'mo@example.com');
    await h.porm.services.numbers.create(h.porm.bootstrap.accountId, { number: SENDER });
  });

  it('sends a message with an image from the form and lands on its page, which goes live and shows the three previews', async () => {
    const png = await noisePng(120, 90);
    const sent = await compose(h, member, { to: TO, body: 'Hello from the dashboard' }, { bytes: png, name: 'cat.png', type: 'image/png' });
    assert.equal(sent.status, 303, sent.text.slice(0, 500));
    const id = /^\/dashboard\/messages\/(msg_[A-Za-z0-9]+)$/.exec(sent.headers.get('location') ?? '')?.[1];
    assert.ok(id, sent.headers.get('location') ?? 'no location');
    const api = await h.api('GET', `/v1/messages/${id}`);
    assert.equal(api.body.body, 'Hello from the dashboard');
    assert.equal(api.body.from, SENDER);
    assert.match(String((api.body.media as Array<{ id?: string }>)[0]?.id), /^med_/);
    await eventually(async () => ((await h.api('GET', `/v1/messages/${id}`)).body.status === 'delivered' ? true : undefined), 30_000, 'delivered');

    const live = await visit(h, member, 'GET', `/dashboard/messages/${id}/live`);
    assert.equal(live.status, 200);
    const body = JSON.parse(live.text) as { status: string; events: Array<{ type: string }> };
    assert.equal(body.status, 'delivered');
    assert.ok(body.events.some((e) => e.type === 'delivered'));

    const page = await visit(h, member, 'GET', `/dashboard/messages/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<script type="module" src="\/dashboard\/assets\/live-status\.js"><\/script>/);
    assert.match(page.text, new RegExp(`data-live="/dashboard/messages/${id}/live"`));
    assert.match(page.text, /id="preview-porm"[\s\S]*no porm page/);
    assert.match(page.text, /id="preview-mms"><figcaption>MMS slideshow: profile <code>us-600k<\/code>/);
    assert.match(page.text, /Slide 1 of 1/);
    assert.match(page.text, /<img src="\/media\/[^"]+" alt="Slide 1 picture" width="120" height="90">/);
    assert.match(page.text, /id="preview-sms"><figcaption>SMS: 1 segment \(GSM-7\)/);
  });

  it('attaches a file and shows what each carrier profile would send, then sends the attached media by id', async () => {
    const shown = await visit(h, member, 'GET', '/dashboard/compose');
    const csrf = csrfOf(shown.text);
    const key = /name="key" value="([^"]+)"/.exec(shown.text)?.[1] ?? '';
    const big = await noisePng(240, 180);
    const attached = await post(h, member, { csrf, key, to: TO, sender: SENDER, body: 'Fitted', action: 'attach' }, { bytes: big, name: 'noise.png', type: 'image/png' });
    assert.equal(attached.status, 200, attached.text.slice(0, 500));
    assert.match(attached.text, /What each carrier profile would send/);
    // The OMA conformance class takes JPEG and GIF only, at most 100 KB: the PNG is converted for it.
    const row = /<th scope="row">mms-conformance-rich[\s\S]*?<\/tr>/.exec(attached.text)?.[0] ?? '';
    assert.match(row, /image\/(jpeg|gif) (\d+)×(\d+)/, row);
    const [, , w, hgt] = /image\/(jpeg|gif) (\d+)×(\d+)/.exec(row)!;
    assert.ok(Number(w) <= 640 && Number(hgt) <= 480, row);
    assert.match(row, /\(from \d+\.\d KB\)/);
    assert.match(attached.text, /<th scope="row">us-600k<br><small>sandbox, sandbox-smsc<\/small>/);
    const mediaId = /<input type="hidden" name="media" value="(med_[^"]+)">/.exec(attached.text)?.[1];
    assert.ok(mediaId);
    const sent = await post(h, member, { csrf, key, to: TO, sender: SENDER, body: 'Fitted', media: mediaId, action: 'send' });
    assert.equal(sent.status, 303, sent.text.slice(0, 500));
    const id = sent.headers.get('location')!.split('/').pop()!;
    assert.deepEqual((await h.api('GET', `/v1/messages/${id}`)).body.media, [{ id: mediaId }]);
    // Ticking "remove" takes the attachment off the form.
    const removed = await post(h, member, { csrf, key, to: TO, sender: SENDER, body: 'Fitted', media: mediaId, remove: mediaId, action: 'attach' });
    assert.equal(removed.status, 200);
    assert.doesNotMatch(removed.text, /name="media"/);
    assert.doesNotMatch(removed.text, /What each carrier profile would send/);
    // The same form sent again (a reload, a second click) sends nothing new.
    const again = await post(h, member, { csrf, key, to: TO, sender: SENDER, body: 'Fitted', media: mediaId, action: 'send' });
    assert.equal(again.headers.get('location'), sent.headers.get('location'));
  });

  it('shows each field\'s error next to it with the API\'s code, and sends nothing', async () => {
    const before = (await h.api('GET', '/v1/messages?limit=100')).body.data as unknown[];
    const badNumber = await compose(h, member, { to: '+1 not a number', body: 'x' });
    assert.equal(badNumber.status, 400);
    assert.match(fieldError(badNumber.text, 'to'), /PORM_INVALID_PHONE_NUMBER/);
    assert.match(badNumber.text, /<textarea id="to" name="to" rows="2" inputmode="tel" autocomplete="off" aria-invalid="true" aria-describedby="to-hint to-error">\+1 not a number<\/textarea>/);
    const second = await compose(h, member, { to: `${TO}, +999`, body: 'x' });
    assert.match(fieldError(second.text, 'to'), /\+999: .*PORM_INVALID_PHONE_NUMBER/);
    const empty = await compose(h, member, { to: TO, body: '' });
    assert.equal(empty.status, 400);
    assert.match(fieldError(empty.text, 'body'), /PORM_MISSING_FIELD/);
    const noSender = await compose(h, member, { to: TO, body: 'x', sender: '', from: 'nobody' });
    assert.match(fieldError(noSender.text, 'from'), /PORM_INVALID_PHONE_NUMBER/);
    const template = await compose(h, member, { to: TO, body: '', template: 'tpl_01JUNKNOWNXXXXXXXXXXXXXXXX', data: '{}' });
    assert.equal(template.status, 404, template.text.slice(0, 300));
    assert.match(fieldError(template.text, 'template'), /PORM_RICH_TEMPLATE_NOT_FOUND/);
    const badJson = await compose(h, member, { to: TO, body: '', template: 'tpl_x', data: '{nope' });
    assert.match(fieldError(badJson.text, 'data'), /PORM_INVALID_JSON/);
    const when = await compose(h, member, { to: TO, body: 'x', send_at: '2026-02-30T10:00' });
    assert.match(fieldError(when.text, 'send_at'), /PORM_INVALID_SEND_AT/);
    const merge = await compose(h, member, { to: TO, body: 'Hi {{ contact.name' });
    assert.match(fieldError(merge.text, 'body'), /PORM_CAMPAIGN_BODY_INVALID/);
    const oversize = await compose(h, member, { to: TO, body: 'x' }, { bytes: Buffer.alloc(400_000, 1), name: 'huge.png', type: 'image/png' });
    assert.equal(oversize.status, 413);
    assert.match(fieldError(oversize.text, 'file'), /PORM_MEDIA_TOO_LARGE/);
    const notMedia = await compose(h, member, { to: TO, body: 'x' }, { bytes: Buffer.from([0x00, 0x01, 0x02, 0x03, 0xfe, 0xff, 0x10, 0x20]), name: 'x.png', type: 'image/png' });
    assert.ok(notMedia.status >= 400 && notMedia.status < 500, String(notMedia.status));
    assert.match(fieldError(notMedia.text, 'file'), /PORM_MEDIA_/);
    assert.equal(((await h.api('GET', '/v1/messages?limit=100')).body.data as unknown[]).length, before.length, 'nothing was sent');
  });

  it('escapes a hostile body and file name, and keeps only the name\'s last path segment', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const name = '../../etc/<img src=x onerror=alert(3)>.png';
    const shown = await visit(h, member, 'GET', '/dashboard/compose');
    const page = await post(h, member, { csrf: csrfOf(shown.text), to: TO, sender: SENDER, body: hostile, action: 'attach' }, { bytes: await noisePng(), name, type: 'image/png' });
    assert.equal(page.status, 200, page.text.slice(0, 300));
    assert.ok(!page.text.includes('<script>alert(1)') && !page.text.includes('<img src=x'), 'nothing the sender wrote became markup');
    assert.ok(page.text.includes('&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;</textarea>'));
    assert.ok(page.text.includes('&lt;img src=x onerror=alert(3)&gt;.png · image/png'), 'the file name, escaped');
    assert.ok(!page.text.includes('etc/'), 'the path was dropped');
    const mediaId = /name="media" value="(med_[^"]+)"/.exec(page.text)![1]!;
    const sent = await post(h, member, { csrf: csrfOf(shown.text), to: TO, sender: SENDER, body: hostile, media: mediaId, action: 'send' });
    assert.equal(sent.status, 303, sent.text.slice(0, 300));
    const message = await visit(h, member, 'GET', sent.headers.get('location')!);
    assert.ok(!message.text.includes('<script>alert(1)') && !message.text.includes('<img src=x'));
    assert.match(message.text, /<p class="compose-slide-text">&lt;script&gt;alert\(1\)/);
    assert.match(message.text, /<p class="compose-sms-bubble">&lt;script&gt;/);
  });

  it('answers a malformed multipart body with a refusal or the file\'s error, never a crash', async () => {
    const cookie = [...member.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const raw = (body: string, boundary = 'XyZ') => fetch(`${h.url}/dashboard/compose`, { method: 'POST', redirect: 'manual', body, headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` } });
    // Nothing readable: no CSRF token, so the form is refused as any forged form is.
    const garbage = await raw('this is not multipart at all');
    assert.equal(garbage.status, 403);
    assert.match(await garbage.text(), /PORM_DASHBOARD_CSRF/);
    // The fields arrive, then the file part breaks off: the page says so by the file field.
    const shown = await visit(h, member, 'GET', '/dashboard/compose');
    const part = (name: string, value: string) => `--XyZ\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
    const cut = `${part('csrf', csrfOf(shown.text))}${part('to', TO)}${part('action', 'send')}--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG`;
    const broken = await raw(cut);
    const text = await broken.text();
    assert.equal(broken.status, 400, text.slice(0, 300));
    assert.match(fieldError(text, 'file'), /PORM_INVALID_MULTIPART/, text.replace(/[\s\S]*<main/, '').slice(0, 1500));
    // A hostile id on the live endpoint is simply not found.
    const live = await visit(h, member, 'GET', `/dashboard/messages/${encodeURIComponent('<script>x</script>')}/live`);
    assert.equal(live.status, 404);
    assert.deepEqual(JSON.parse(live.text), { code: 'PORM_MESSAGE_NOT_FOUND' });
  });

  it('refuses a form without the session\'s CSRF token, a read-only user, and a visitor without a session', async () => {
    const count = async () => ((await h.api('GET', '/v1/messages?limit=100')).body.data as unknown[]).length;
    const n = await count();
    const noToken = await post(h, member, { to: TO, sender: SENDER, body: 'forged', action: 'send' });
    assert.equal(noToken.status, 403);
    assert.match(noToken.text, /PORM_DASHBOARD_CSRF/);
    const wrong = await post(h, member, { csrf: 'x'.repeat(43), to: TO, sender: SENDER, body: 'forged', action: 'send' }, { bytes: await noisePng(), name: 'a.png', type: 'image/png' });
    assert.equal(wrong.status, 403);
    assert.match(wrong.text, /PORM_DASHBOARD_CSRF/);
    const reader = await person(h, 'read-only', 'rita@example.com');
    assert.equal((await visit(h, reader, 'GET', '/dashboard/compose')).status, 403);
    const readerPage = await visit(h, reader, 'GET', '/dashboard');
    assert.doesNotMatch(readerPage.text, /href="\/dashboard\/compose"/, 'no Compose link for read-only users');
    const asReader = await post(h, reader, { csrf: csrfOf(readerPage.text), to: TO, sender: SENDER, body: 'read-only', action: 'send' });
    assert.equal(asReader.status, 403);
    assert.match(asReader.text, /PORM_DASHBOARD_FORBIDDEN/);
    const stranger = await post(h, jar(), { to: TO, sender: SENDER, body: 'anon', action: 'send' }, { bytes: await noisePng(), name: 'a.png', type: 'image/png' });
    assert.equal(stranger.status, 403);
    assert.equal((await visit(h, jar(), 'GET', '/dashboard/compose')).status, 303);
    assert.equal(await count(), n, 'nothing was sent');
  });

  it('never lets one account use another account\'s media, template or number, nor read its messages live', async () => {
    const other = await h.porm.services.accounts.create('other');
    const theirs = other.account.id;
    const media = await h.porm.services.media.upload(theirs, { bytes: await noisePng(), declaredType: 'image/png', filename: 'theirs.png' });
    const template = await h.porm.services.rich.templates.create(theirs, { document: appointment });
    await h.porm.services.numbers.create(theirs, { number: '+14155550177' });
    const withMedia = await compose(h, owner, { to: TO, body: 'x', media: media.id });
    assert.equal(withMedia.status, 404);
    assert.match(fieldError(withMedia.text, 'file'), /PORM_MEDIA_NOT_FOUND/);
    assert.ok(!withMedia.text.includes('theirs.png'));
    const withTemplate = await compose(h, owner, { to: TO, body: '', template: template.id, data: JSON.stringify({ patient: 'Ada', appt: appointment.data!.appt!.example }) });
    assert.match(fieldError(withTemplate.text, 'template'), /PORM_RICH_TEMPLATE_NOT_FOUND/);
    assert.ok(!withTemplate.text.includes(`value="${template.id}" selected`));
    const fromTheirs = await compose(h, owner, { to: TO, body: 'x', sender: '+14155550177', from: '+14155550177' });
    assert.equal(fromTheirs.status, 403);
    assert.match(fieldError(fromTheirs.text, 'from'), /PORM_SENDER_NOT_OWNED/);
    // Their number is not in our select, so a posted value naming it falls back to the typed sender.
    assert.doesNotMatch((await visit(h, owner, 'GET', '/dashboard/compose')).text, /\+14155550177/);

    const sent = await h.api('POST', '/v1/messages', { to: TO, from: SENDER, body: 'ours' });
    const oscarLink = await h.porm.services.dashboard.users.invite(theirs, 'oscar@example.com', 'admin');
    const oscar = jar();
    const { acceptLink, PASSWORD } = await import('../helpers/dashboard-http.ts');
    assert.equal(await acceptLink(h, oscar, oscarLink, { password: PASSWORD }), 303);
    const live = await visit(h, oscar, 'GET', `/dashboard/messages/${String(sent.body.id)}/live`);
    assert.equal(live.status, 404);
    assert.deepEqual(JSON.parse(live.text), { code: 'PORM_MESSAGE_NOT_FOUND' });
    assert.equal((await visit(h, jar(), 'GET', `/dashboard/messages/${String(sent.body.id)}/live`)).status, 303);
  });

  it('sends to several numbers, fills merge fields from contacts, and schedules at each recipient\'s local time', async () => {
    await h.porm.services.contacts.contacts.upsert(h.porm.bootstrap.accountId, { phone: '+14155550101', name: 'Ana' });
    const now = h.porm.services.clock.now();
    const day = new Date(now + 2 * 86_400_000).toISOString().slice(0, 10);
    const sent = await compose(h, member, { to: '+14155550101\n+12125550102', body: 'Hi {{ contact.name | default: "there" }}', send_at: `${day}T10:00`, send_zone: 'recipient' });
    assert.equal(sent.status, 200, sent.text.slice(0, 500));
    const ids = [...sent.text.matchAll(/href="\/dashboard\/messages\/(msg_[A-Za-z0-9]+)"/g)].map((m) => m[1]!);
    assert.equal(ids.length, 2, sent.text);
    const [sf, ny] = await Promise.all(ids.map(async (id) => (await h.api('GET', `/v1/messages/${id}`)).body));
    assert.equal(sf!.body, 'Hi Ana');
    assert.equal(ny!.body, 'Hi there');
    assert.equal(sf!.status, 'scheduled');
    // 10:00 in San Francisco (PST, UTC−8) and in New York (EST, UTC−5) in December.
    assert.equal(sf!.send_at, `${day}T18:00:00.000Z`);
    assert.equal(ny!.send_at, `${day}T15:00:00.000Z`);
    const utc = await compose(h, member, { to: TO, body: 'utc', send_at: `${day}T10:00`, send_zone: 'utc' });
    assert.equal(utc.status, 303);
    assert.equal((await h.api('GET', `/v1/messages/${utc.headers.get('location')!.split('/').pop()!}`)).body.send_at, `${day}T10:00:00.000Z`);
  });

  it('sends from a rich template with its data and shows the porm page in the preview', async () => {
    const template = await h.porm.services.rich.templates.create(h.porm.bootstrap.accountId, { document: appointment, name: 'appointment' });
    const shown = await visit(h, member, 'GET', '/dashboard/compose');
    assert.match(shown.text, new RegExp(`<option value="${template.id}">appointment \\(${template.id}\\)</option>`));
    const sent = await compose(h, member, { to: TO, body: '', template: template.id, data: JSON.stringify({ patient: 'Ada <b>', appt: appointment.data!.appt!.example }) });
    assert.equal(sent.status, 303, sent.text.slice(0, 500));
    const page = await visit(h, member, 'GET', sent.headers.get('location')!);
    assert.match(page.text, /<link rel="stylesheet" href="\/m\/assets\/message\.css">/);
    assert.match(page.text, /<div class="compose-screen porm-screen" inert><article class="porm-msg"/);
    assert.match(page.text, /Hi Ada &lt;b&gt;, see you/);
    // Showing the preview is not the recipient opening the page.
    const opens = await h.porm.services.store.db.selectFrom('rich_events').select('kind').where('kind', '=', 'open').execute();
    assert.equal(opens.length, 0);
  });

  it('serves listed scripts with an ETag and 304, and nothing else: unlisted names and traversal are 404', async () => {
    const b = jar();
    const res = await visit(h, b, 'GET', '/dashboard/assets/live-status.js');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/);
    const etag = res.headers.get('etag');
    assert.ok(etag);
    const cached = await fetch(`${h.url}/dashboard/assets/live-status.js`, { headers: { 'if-none-match': etag } });
    assert.equal(cached.status, 304);
    for (const path of ['/dashboard/assets/nope.js', '/dashboard/assets/..%2Fscripts.js', '/dashboard/assets/..%2F..%2Fsrc%2Fdashboard%2Fscripts.js', '/dashboard/assets/live-status.ts', '/dashboard/assets/%2e%2e%2flive-status.js', '/dashboard/assets/live-status%00.js']) {
      const r = await visit(h, b, 'GET', path);
      assert.equal(r.status, 404, path);
    }
    // Each page loads one script: its whole JavaScript, gzipped, within the 120 KB a page may have.
    for (const [page, name] of [['/dashboard/messages/{id}', 'live-status'], ['/dashboard/compose', 'compose-attach']] as const) {
      assert.ok(DASHBOARD_SCRIPTS.includes(name));
      const script = await dashboardScript(name)!;
      console.log(`${page} JavaScript: ${name}.js ${script.gzipBytes} bytes gzipped`);
      assert.ok(script.gzipBytes <= 120 * 1024, `${name}: ${script.gzipBytes} bytes gzipped`);
    }
    assert.match((await visit(h, member, 'GET', '/dashboard/compose')).text, /<script type="module" src="\/dashboard\/assets\/compose-attach\.js"><\/script>/);
  });
});
