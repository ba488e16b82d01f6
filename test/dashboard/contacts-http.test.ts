// The contacts, lists, imports and segments pages over real HTTP: every form with malformed and
// hostile input shows the services' code next to its field; read-only users are refused every
// POST; another account's contact, list, import and segment are 404; forms without the CSRF token
// are refused; what contacts and files hold (names, attributes, file names, CSV cells, formulas)
// is shown as text.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { eventually, withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, owner as signInOwner, person, submit, visit, type Jar } from '../helpers/dashboard-http.ts';

const XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>';
const ESCAPED = '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;';

/** The error paragraph next to field `name` (id f-name-error), with its code. */
function fieldError(page: string, name: string): string | undefined {
  return new RegExp(`<p class="error" id="f-${name}-error" role="alert">([^]*?)</p>`).exec(page)?.[1];
}

/** Posts the import form as a browser does: multipart, fields first, the file last. */
async function upload(h: Harness, b: Jar, fields: Record<string, string>, file?: { name: string; text: string }): Promise<{ status: number; text: string; location: string | null }> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.text], { type: 'text/csv' }), file.name);
  const res = await fetch(`${h.url}/dashboard/imports`, { method: 'POST', redirect: 'manual', body: form, headers: { cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } });
  return { status: res.status, text: await res.text(), location: res.headers.get('location') };
}

const spooled = (h: Harness): string[] => (existsSync(join(h.dataDir, 'imports')) ? readdirSync(join(h.dataDir, 'imports')) : []);

describe('dashboard contacts, lists, imports and segments', () => {
  let h: Harness;
  let member: Jar;
  let reader: Jar;
  let oscar: Jar;
  withHarness((harness) => { h = harness; });
  before(async () => {
    await signInOwner(h); // the account's owner exists first, as on a real install
    member = await person(h, 'member', 'mia@example.com');
    reader = await person(h, 'read-only', 'rita@example.com');
    const other = await h.porm.services.accounts.create('other');
    oscar = await person(h, 'admin', 'oscar@example.com', other.account.id);
  });

  it('adds a contact through the form, shows it with its lists, standing and timeline, edits and removes it', async () => {
    const list = await h.api('POST', '/v1/lists', { name: 'Shoe buyers' });
    assert.equal(list.status, 201);
    const added = await submit(h, member, '/dashboard/contacts/new', {
      phone: '(415) 555-0100', default_country: 'US', name: 'Ada', time_zone: 'America/Chicago', locale: 'en-US', tags: 'vip, shoes', attributes: 'plan=gold\norders=3', lists: String(list.body.id),
    });
    assert.equal(added.status, 303, added.text);
    const id = /\/dashboard\/contacts\/(con_[0-9a-z]{26})$/.exec(added.headers.get('location') ?? '')?.[1];
    assert.ok(id, added.headers.get('location') ?? '');
    const api = await h.api('GET', `/v1/contacts/${id}`);
    assert.deepEqual({ phone: api.body.phone, tags: api.body.tags, attributes: api.body.attributes, lists: api.body.lists }, { phone: '+14155550100', tags: ['shoes', 'vip'], attributes: { plan: 'gold', orders: 3 }, lists: [list.body.id] });

    await h.api('POST', '/v1/messages', { to: '+14155550100', from: '+14155550199', body: `Your order ${XSS}` });
    await h.api('POST', '/v1/consents', { to: '+14155550100', source: 'api', wording: 'Text me deals' });
    const page = await visit(h, reader, 'GET', `/dashboard/contacts/${id}`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<h1>Ada \(\+14155550100\)<\/h1>/);
    assert.match(page.text, /Shoe buyers/);
    assert.match(page.text, /<code>plan<\/code><\/td><td class="body">gold/);
    assert.match(page.text, /<strong>Opted in<\/strong>/);
    assert.match(page.text, /<strong>sent<\/strong>/);
    assert.ok(page.text.includes(`Your order ${ESCAPED}`), 'the timeline shows a body as text');
    assert.doesNotMatch(page.text, /href="\/dashboard\/contacts\/[^"]+\/edit"/, 'read-only users get no edit link');

    const listed = await visit(h, reader, 'GET', `/dashboard/contacts?list=${String(list.body.id)}`);
    assert.match(listed.text, /\+14155550100/);
    assert.equal((await visit(h, reader, 'GET', '/dashboard/contacts?tag=nope')).text.includes('+14155550100'), false);
    const search = await visit(h, reader, 'GET', '/dashboard/contacts?q=415-555-0100');
    assert.equal(search.status, 303);
    assert.equal(search.headers.get('location'), `/dashboard/contacts/${id}`);

    const edit = await submit(h, member, `/dashboard/contacts/${id}/edit`, { name: 'Ada Lovelace', time_zone: '', locale: 'en-US', tags: 'vip', attributes: 'plan=silver' });
    assert.equal(edit.status, 303, edit.text);
    const after = await h.api('GET', `/v1/contacts/${id}`);
    assert.deepEqual({ name: after.body.name, tz: after.body.time_zone, tags: after.body.tags, attributes: after.body.attributes }, { name: 'Ada Lovelace', tz: null, tags: ['vip'], attributes: { plan: 'silver' } });

    const removed = await submit(h, member, `/dashboard/contacts/${id}`, {}, `/dashboard/contacts/${id}/remove`);
    assert.equal(removed.status, 303);
    assert.equal((await h.api('GET', `/v1/contacts/${id}`)).status, 404);
  });

  it('shows the service\'s code next to each contact field given malformed or hostile input', async () => {
    const cases: Array<[Record<string, string>, string, string]> = [
      [{ phone: 'not a number' }, 'phone', 'PORM_INVALID_PHONE_NUMBER'],
      [{ phone: XSS }, 'phone', 'PORM_INVALID_PHONE_NUMBER'],
      [{ phone: '4155550101', default_country: 'ZZ' }, 'default_country', 'PORM_INVALID_COUNTRY'],
      [{ phone: '+14155550101', time_zone: 'Mars/Olympus_Mons' }, 'time_zone', 'PORM_INVALID_TIME_ZONE'],
      [{ phone: '+14155550101', locale: '"><script>' }, 'locale', 'PORM_INVALID_FIELD'],
      [{ phone: '+14155550101', tags: '<b>bold</b>' }, 'tags', 'PORM_INVALID_FIELD'],
      [{ phone: '+14155550101', name: 'x'.repeat(201) }, 'name', 'PORM_INVALID_FIELD'],
      [{ phone: '+14155550101', attributes: 'no equals sign' }, 'attributes', 'PORM_INVALID_ATTRIBUTES'],
      [{ phone: '+14155550101', attributes: 'bad key!=1' }, 'attributes', 'PORM_INVALID_ATTRIBUTES'],
      [{ phone: '+14155550101', attributes: `long=${'y'.repeat(1001)}` }, 'attributes', 'PORM_INVALID_ATTRIBUTES'],
    ];
    for (const [form, name, code] of cases) {
      const res = await submit(h, member, '/dashboard/contacts/new', form);
      assert.equal(res.status, 400, `${JSON.stringify(form).slice(0, 80)}: ${res.status}`);
      assert.match(fieldError(res.text, name) ?? '', new RegExp(`<code>${code}</code>`), `${name}: ${res.text.slice(0, 300)}`);
      assert.ok(!res.text.includes('<script>') && !res.text.includes('<b>bold'), 'what was typed comes back escaped');
    }
    const search = await visit(h, member, 'GET', `/dashboard/contacts?q=${encodeURIComponent(XSS)}`);
    assert.equal(search.status, 400);
    assert.match(fieldError(search.text, 'q') ?? '', /<code>PORM_INVALID_PHONE_NUMBER<\/code>/, 'a search that is no number says so at the search box');
    assert.ok(!search.text.includes('<script>alert(1)'));
    const cursor = await visit(h, member, 'GET', '/dashboard/contacts?cursor=%3Cjunk%3E');
    assert.equal(cursor.status, 400);
    assert.match(cursor.text, /<code>PORM_INVALID_CURSOR<\/code>/);
    assert.equal((await visit(h, member, 'GET', '/dashboard/contacts/con_00000000000000000000000000?cursor=bad')).status, 404);
    const unknownList = await submit(h, member, '/dashboard/contacts/new', { phone: '+14155550101', lists: 'lst_00000000000000000000000000' });
    assert.equal(unknownList.status, 404);
    assert.match(unknownList.text, /PORM_LIST_NOT_FOUND/);
    assert.equal((await h.api('GET', '/v1/contacts/%2B14155550101')).status, 404, 'nothing was written');
  });

  it('escapes a contact\'s name, tags and attributes wherever they are shown', async () => {
    const made = await h.api('POST', '/v1/contacts', { phone: '+14155550102', name: XSS, attributes: { note: XSS, quote: '"onmouseover="alert(3)' } });
    assert.equal(made.status, 201, made.text);
    for (const path of ['/dashboard/contacts', `/dashboard/contacts/${String(made.body.id)}`, `/dashboard/contacts/${String(made.body.id)}/edit`]) {
      const page = await visit(h, member, 'GET', path);
      assert.equal(page.status, 200, path);
      assert.ok(page.text.includes(ESCAPED), path);
      assert.ok(!page.text.includes('<script>alert(1)') && !page.text.includes('<img src=x'), path);
      assert.ok(!page.text.includes('"onmouseover="'), path);
    }
  });

  it('pages through contacts 50 at a time, newest first, and shows a suppressed contact as suppressed', async () => {
    for (let i = 0; i < 55; i++) assert.equal((await h.api('POST', '/v1/contacts', { phone: `+1415555${String(1000 + i)}`, tags: ['paged'] })).status, 201);
    const first = await visit(h, reader, 'GET', '/dashboard/contacts?tag=paged');
    assert.equal((first.text.match(/<tr><td><a href="\/dashboard\/contacts\/con_/g) ?? []).length, 50);
    assert.ok(first.text.indexOf('+14155551054') < first.text.indexOf('+14155551010'), 'newest first');
    const next = /<a href="([^"]+)" rel="next">Older contacts<\/a>/.exec(first.text)?.[1]?.replaceAll('&amp;', '&');
    assert.ok(next?.includes('tag=paged'), 'the next page keeps the filter');
    const second = await visit(h, reader, 'GET', next!);
    assert.deepEqual([...second.text.matchAll(/>(\+1415555[0-9]{4})</g)].map((m) => m[1]), ['+14155551004', '+14155551003', '+14155551002', '+14155551001', '+14155551000']);
    assert.doesNotMatch(second.text, /rel="next"/);

    assert.equal((await h.api('POST', '/v1/suppressions', { to: '+14155551000', reason: 'asked by phone' })).status, 201);
    const contact = await h.api('GET', '/v1/contacts/%2B14155551000');
    const page = await visit(h, reader, 'GET', `/dashboard/contacts/${String(contact.body.id)}`);
    assert.match(page.text, /<strong class="contacts-suppressed">Suppressed<\/strong>: every program since [^(]+\(asked by phone\)/);
    assert.match(page.text, /<strong>opt_out<\/strong> by api/);
  });

  it('creates lists and adds members, with the codes next to the fields', async () => {
    const created = await submit(h, member, '/dashboard/lists', { name: `VIP ${XSS}`, description: 'the best' });
    assert.equal(created.status, 303, created.text);
    const listPath = created.headers.get('location')!;
    const taken = await submit(h, member, '/dashboard/lists', { name: `VIP ${XSS}` });
    assert.equal(taken.status, 409);
    assert.match(fieldError(taken.text, 'name') ?? '', /PORM_LIST_NAME_TAKEN/);
    assert.match(fieldError((await submit(h, member, '/dashboard/lists', { name: '  ' })).text, 'name') ?? '', /PORM_INVALID_FIELD/);
    const lists = await visit(h, reader, 'GET', '/dashboard/lists');
    assert.ok(lists.text.includes(`VIP ${ESCAPED}`));
    assert.ok(!lists.text.includes('<script>alert(1)'));

    const add = await submit(h, member, listPath, { contacts: '+14155550110\n415-555-0111, +14155550110', default_country: 'US' }, `${listPath}/members`);
    assert.equal(add.status, 303, add.text);
    const shown = await visit(h, reader, 'GET', add.headers.get('location')!);
    assert.match(shown.text, /Added 2 contacts/);
    assert.match(shown.text, /<dt>Members<\/dt><dd>2<\/dd>/);
    const bad = await submit(h, member, listPath, { contacts: `+14155550112\n${XSS}` }, `${listPath}/members`);
    assert.equal(bad.status, 400);
    assert.match(fieldError(bad.text, 'contacts') ?? '', /PORM_INVALID_PHONE_NUMBER/);
    assert.ok(!bad.text.includes('<script>alert(1)'));
    assert.match(fieldError((await submit(h, member, listPath, { contacts: '' }, `${listPath}/members`)).text, 'contacts') ?? '', /PORM_INVALID_FIELD/);
    assert.match(fieldError((await submit(h, member, listPath, { contacts: '4155550113', default_country: 'QQ' }, `${listPath}/members`)).text, 'default_country') ?? '', /PORM_INVALID_COUNTRY/);
  });

  it('imports a CSV uploaded through the form and shows its progress and error report, formulas and markup as text', async () => {
    const list = await h.api('POST', '/v1/lists', { name: 'Imported' });
    const page = await visit(h, member, 'GET', '/dashboard/imports');
    assert.equal(page.status, 200);
    assert.match(page.text, /enctype="multipart\/form-data"/);
    const csv = `Mobile,Full Name,Plan\n(415) 555-0120,${XSS},gold\n=cmd|' /C calc'!A0,Mallory,\n415-555-0120,Again,\n"<img src=x onerror=alert(9)>",Eve,\n`;
    const res = await upload(h, member, { csrf: csrfOf(page.text), list: String(list.body.id), default_country: 'US', on_duplicate: 'update', encoding: 'auto', columns: 'Mobile=phone\nFull Name=name\nPlan=attributes.plan' }, { name: '<svg onload=alert(7)>.csv', text: csv });
    assert.equal(res.status, 303, res.text.slice(0, 500));
    const id = /\/dashboard\/imports\/(imp_[0-9a-z]{26})$/.exec(res.location ?? '')?.[1];
    assert.ok(id);
    const progress = await eventually(async () => {
      const r = await visit(h, reader, 'GET', `/dashboard/imports/${id}/progress`);
      assert.equal(r.status, 200);
      const body = JSON.parse(r.text) as { done: boolean; rows: number; max: number; value: number; created: number; invalid: number; duplicates: number };
      return body.done ? body : undefined;
    }, 20_000, 'the import ends');
    assert.deepEqual({ rows: progress.rows, max: progress.max, value: progress.value, created: progress.created, invalid: progress.invalid, duplicates: progress.duplicates }, { rows: 4, max: 4, value: 4, created: 1, invalid: 2, duplicates: 1 });
    assert.equal((await h.api('GET', `/v1/imports/${id}`)).body.status, 'completed');

    const shown = await visit(h, reader, 'GET', `/dashboard/imports/${id}`);
    assert.equal(shown.status, 200);
    assert.match(shown.text, /<progress id="import-progress" max="4" value="4">/);
    assert.ok(shown.text.includes('&lt;svg onload=alert(7)&gt;.csv'), 'the file name is text');
    assert.ok(!shown.text.includes('<svg'));
    assert.ok(shown.text.includes('<code>=cmd|&#39; /C calc&#39;!A0</code>'), 'a formula is shown as the text it is');
    assert.ok(shown.text.includes('&lt;img src=x onerror=alert(9)&gt;'), 'a cell\'s markup is text');
    assert.ok(!shown.text.includes('<img src=x'));
    assert.match(shown.text, /<td>3<\/td><td class="body"><code>=cmd/);
    assert.match(shown.text, /PORM_IMPORT_DUPLICATE_ROW/);
    const csvReport = await visit(h, reader, 'GET', `/dashboard/imports/${id}/errors.csv`);
    assert.equal(csvReport.status, 200);
    assert.match(csvReport.headers.get('content-type') ?? '', /^text\/csv/);
    assert.match(csvReport.text, /"3","'=cmd\|' \/C calc'!A0","PORM_INVALID_PHONE_NUMBER"/, 'the download neutralises formulas');
    const contact = await h.api('GET', '/v1/contacts/%2B14155550120');
    assert.equal(contact.body.name, XSS);
    assert.deepEqual(contact.body.lists, [list.body.id]);
    assert.deepEqual(spooled(h), [], 'the spooled file is gone once imported');
  });

  it('shows the import options\' codes next to their fields and keeps no file it did not import', async () => {
    const page = await visit(h, member, 'GET', '/dashboard/imports');
    const csrf = csrfOf(page.text);
    const file = { name: 'a.csv', text: 'phone\n+14155550130\n' };
    const cases: Array<[Record<string, string>, typeof file | undefined, string, string, number]> = [
      [{ csrf }, undefined, 'file', 'PORM_IMPORT_UNSUPPORTED_UPLOAD', 415],
      [{ csrf }, { name: 'empty.csv', text: '' }, 'file', 'PORM_IMPORT_BAD_HEADER', 400],
      [{ csrf, default_country: 'ZZ' }, file, 'default_country', 'PORM_INVALID_COUNTRY', 400],
      [{ csrf, list: 'lst_00000000000000000000000000' }, file, 'list', 'PORM_LIST_NOT_FOUND', 404],
      [{ csrf, list: XSS }, file, 'list', 'PORM_LIST_NOT_FOUND', 404],
      [{ csrf, on_duplicate: 'explode' }, file, 'on_duplicate', 'PORM_INVALID_FIELD', 400],
      [{ csrf, encoding: 'ebcdic' }, file, 'encoding', 'PORM_INVALID_FIELD', 400],
      [{ csrf, columns: 'no mapping here' }, file, 'columns', 'PORM_IMPORT_BAD_MAPPING', 400],
      [{ csrf, columns: `phone=${XSS}` }, file, 'columns', 'PORM_IMPORT_BAD_MAPPING', 400],
    ];
    for (const [fields, f, name, code, status] of cases) {
      const res = await upload(h, member, fields, f);
      assert.equal(res.status, status, `${JSON.stringify(fields).slice(0, 80)}: ${res.text.slice(0, 300)}`);
      assert.match(fieldError(res.text, name) ?? '', new RegExp(`<code>${code}</code>`), `${name}: ${code}`);
      assert.ok(!res.text.includes('<script>alert(1)'));
    }
    // A mapping naming a column the file does not have ends the import failed, as through /v1.
    const missing = await upload(h, member, { csrf, columns: 'Cell=phone' }, file);
    assert.equal(missing.status, 303);
    const failed = await eventually(async () => {
      const r = await visit(h, member, 'GET', missing.location!);
      return /data-status="failed"/.test(r.text) ? r.text : undefined;
    }, 20_000, 'the import fails');
    assert.match(failed, /<code>PORM_IMPORT_BAD_MAPPING<\/code>/);
    await eventually(async () => (spooled(h).length === 0 ? true : undefined), 10_000, 'no spooled file is left');
  });

  it('shows a segment\'s live count from the session endpoint and the rule\'s codes next to the row', async () => {
    await h.api('POST', '/v1/contacts', { phone: '+14155550140', attributes: { plan: 'gold', orders: 5 }, tags: ['seg'] });
    await h.api('POST', '/v1/contacts', { phone: '+14155550141', attributes: { plan: 'gold', orders: 1 }, tags: ['seg'] });
    const page = await visit(h, reader, 'GET', '/dashboard/segments');
    assert.equal(page.status, 200);
    const csrf = csrfOf(page.text);
    const count = async (b: Jar, rule: unknown, token = csrf): Promise<{ status: number; body: Record<string, unknown> }> => {
      const res = await fetch(`${h.url}/dashboard/segments/count`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/json', cookie: [...b.cookies].map(([k, v]) => `${k}=${v}`).join('; ') }, body: JSON.stringify({ csrf: token, rule }) });
      return { status: res.status, body: res.status === 200 || res.status === 400 ? await res.json() as Record<string, unknown> : {} };
    };
    assert.deepEqual(await count(reader, { tag: 'seg' }), { status: 200, body: { count: 2 } });
    assert.deepEqual((await count(reader, { and: [{ tag: 'seg' }, { attribute: 'orders', op: 'gt', value: 3 }] })).body, { count: 1 });
    const bad = await count(reader, { attribute: 'orders', op: 'gt', value: 'three' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.code, 'PORM_SEGMENT_RULE_INVALID');
    assert.equal(bad.body.field, '/rule/value');
    assert.equal((await count(reader, { tag: 'seg' }, 'x'.repeat(43))).status, 403, 'the count needs the session\'s token');
    assert.equal((await count({ cookies: new Map() }, { tag: 'seg' })).status, 403, 'and a session');
    assert.deepEqual((await count(oscar, { tag: 'seg' }, csrfOf((await visit(h, oscar, 'GET', '/dashboard/segments')).text))).body, { count: 0 }, 'another account counts its own contacts');

    // Without the script: the rows post to the page, which counts, adds and removes rows, and saves.
    const rows = (r: Array<[string, string, string, string]>, extra: Record<string, string>): URLSearchParams => {
      const form = new URLSearchParams({ csrf: csrfOf(page.text), match: 'all' });
      for (const [field, key, op, value] of r) { form.append('field', field); form.append('key', key); form.append('op', op); form.append('value', value); }
      for (const [k, v] of Object.entries(extra)) form.append(k, v);
      return form;
    };
    const mcsrf = csrfOf((await visit(h, member, 'GET', '/dashboard/segments')).text);
    const post = (form: URLSearchParams) => { form.set('csrf', mcsrf); return visit(h, member, 'POST', '/dashboard/segments', form); };
    const counted = await post(rows([['tag', '', 'eq', 'seg'], ['attribute', 'plan', 'eq', 'gold']], { action: 'count' }));
    assert.equal(counted.status, 200);
    assert.match(counted.text, /<output id="segment-count"[^>]*>2<\/output>/);
    const more = await post(rows([['tag', '', 'eq', 'seg']], { action: 'add' }));
    assert.equal((more.text.match(/class="rule-row"/g) ?? []).length, 2);
    const fewer = await post(rows([['tag', '', 'eq', 'seg'], ['attribute', 'plan', 'eq', 'gold']], { remove: '0' }));
    assert.equal((fewer.text.match(/class="rule-row"/g) ?? []).length, 1);
    assert.match(fewer.text, /id="rule-0-key" name="key" value="plan"/);
    const wrong = await post(rows([['tag', '', 'eq', 'seg'], ['attribute', 'orders', 'gt', XSS]], { action: 'count' }));
    assert.equal(wrong.status, 400);
    assert.match(wrong.text, /<p class="error" id="rule-1-error" role="alert">[^<]*<code>PORM_SEGMENT_RULE_INVALID<\/code>/);
    assert.match(wrong.text, /id="rule-1-value" name="value" value="&lt;script&gt;[^"]*" autocomplete="off" list="segment-lists" aria-invalid="true"/);
    assert.ok(!wrong.text.includes('<script>alert(1)'));
    const badKey = await post(rows([['attribute', 'bad key', 'eq', '1']], { action: 'count' }));
    assert.match(badKey.text, /id="rule-0-key"[^>]*aria-invalid="true"/);
    const noName = await post(rows([['tag', '', 'eq', 'seg']], { action: 'save', name: '' }));
    assert.equal(noName.status, 400);
    assert.match(fieldError(noName.text, 'name') ?? '', /PORM_INVALID_FIELD/);
    const saved = await post(rows([['tag', '', 'eq', 'seg'], ['attribute', 'orders', 'gte', '5']], { action: 'save', name: `Big ${XSS}` }));
    assert.equal(saved.status, 303, saved.text.slice(0, 300));
    const segmentPath = saved.headers.get('location')!;
    const segment = await visit(h, reader, 'GET', segmentPath);
    assert.match(segment.text, /<dt>Matching now<\/dt><dd>1<\/dd>/);
    assert.ok(segment.text.includes(`Segment Big ${ESCAPED}`));
    const api = await h.api('GET', `/v1/segments/${segmentPath.split('/').pop()!}`);
    assert.deepEqual(api.body.rule, { and: [{ tag: 'seg' }, { attribute: 'orders', op: 'gte', value: 5 }] }, 'the same rules document the API takes');
    const again = await post(rows([['tag', '', 'eq', 'seg']], { action: 'save', name: `Big ${XSS}` }));
    assert.equal(again.status, 409);
    assert.match(fieldError(again.text, 'name') ?? '', /PORM_SEGMENT_NAME_TAKEN/);
  });

  it('refuses every change from a read-only user (403) and every form without the CSRF token', async () => {
    const contact = await h.api('POST', '/v1/contacts', { phone: '+14155550150' });
    const list = await h.api('POST', '/v1/lists', { name: 'Locked' });
    const imp = await h.api('POST', '/v1/imports', 'phone\n+14155550151\n', { 'content-type': 'text/csv' });
    const posts = ['/dashboard/contacts/new', `/dashboard/contacts/${String(contact.body.id)}/edit`, `/dashboard/contacts/${String(contact.body.id)}/remove`,
      '/dashboard/lists', `/dashboard/lists/${String(list.body.id)}/members`, '/dashboard/imports', `/dashboard/imports/${String(imp.body.id)}/cancel`, '/dashboard/segments'];
    const csrf = csrfOf((await visit(h, reader, 'GET', '/dashboard/contacts')).text);
    for (const path of posts) {
      const res = await visit(h, reader, 'POST', path, { csrf, phone: '+14155550152', name: 'Nope', contacts: '+14155550152', field: 'tag', key: '', op: 'eq', value: 'x', action: 'save' });
      assert.equal(res.status, 403, path);
      assert.match(res.text, /PORM_DASHBOARD_FORBIDDEN/, path);
      const forged = await visit(h, member, 'POST', path, { csrf: 'x'.repeat(43), phone: '+14155550152', name: 'Nope', contacts: '+14155550152' });
      assert.equal(forged.status, 403, path);
      assert.match(forged.text, /PORM_DASHBOARD_CSRF/, path);
    }
    const page = await visit(h, reader, 'GET', '/dashboard/imports');
    const refused = await upload(h, reader, { csrf: csrfOf(page.text) }, { name: 'r.csv', text: 'phone\n+14155550153\n' });
    assert.equal(refused.status, 403);
    const forgedUpload = await upload(h, member, { csrf: 'y'.repeat(43) }, { name: 'r.csv', text: 'phone\n+14155550153\n' });
    assert.equal(forgedUpload.status, 403);
    assert.match(forgedUpload.text, /PORM_DASHBOARD_CSRF/);
    const anonymous = await upload(h, { cookies: new Map() }, { csrf: 'z'.repeat(43) }, { name: 'r.csv', text: 'phone\n+14155550153\n' });
    assert.equal(anonymous.status, 403);
    assert.deepEqual(spooled(h), [], 'no refused upload was written');
    assert.equal((await h.api('GET', '/v1/contacts/%2B14155550152')).status, 404);
    assert.equal((await h.api('GET', '/v1/contacts/%2B14155550153')).status, 404);
    assert.equal((await h.api('GET', `/v1/contacts/${String(contact.body.id)}`)).status, 200);
    // Counting a segment changes nothing: a read-only user may, without the script too.
    const counted = await visit(h, reader, 'POST', '/dashboard/segments', { csrf, field: 'tag', key: '', op: 'eq', value: 'x', action: 'count' });
    assert.equal(counted.status, 200);
    assert.match(counted.text, /<output id="segment-count"[^>]*>0<\/output>/);
    assert.ok(!((await h.api('GET', '/v1/segments')).body.data as Array<{ name: string }>).some((x) => x.name === 'Nope'), 'the refused save stored nothing');
    // Members do the work but reach no admin page.
    assert.equal((await visit(h, member, 'GET', '/dashboard/users')).status, 403);
    for (const path of ['/dashboard/contacts', '/dashboard/lists', '/dashboard/imports', '/dashboard/segments']) assert.equal((await visit(h, member, 'GET', path)).status, 200, path);
  });

  it('keeps one account\'s contacts, lists, imports and segments from another\'s users', async () => {
    const contact = await h.api('POST', '/v1/contacts', { phone: '+14155550160', name: 'Secret Sam' });
    const list = await h.api('POST', '/v1/lists', { name: 'Secret list' });
    const imp = await h.api('POST', '/v1/imports', 'phone\nnope\n', { 'content-type': 'text/csv' });
    const segment = await h.api('POST', '/v1/segments', { name: 'Secret segment', rule: { tag: 'x' } });
    for (const r of [contact, list, imp, segment]) assert.ok(r.status === 201 || r.status === 202, r.text);
    const ids = { contact: String(contact.body.id), list: String(list.body.id), imp: String(imp.body.id), segment: String(segment.body.id) };
    for (const path of [`/dashboard/contacts/${ids.contact}`, `/dashboard/contacts/${ids.contact}/edit`, `/dashboard/lists/${ids.list}`, `/dashboard/imports/${ids.imp}`,
      `/dashboard/imports/${ids.imp}/progress`, `/dashboard/imports/${ids.imp}/errors.csv`, `/dashboard/segments/${ids.segment}`]) {
      const res = await visit(h, oscar, 'GET', path);
      assert.equal(res.status, 404, path);
      assert.ok(!res.text.includes('Secret'), path);
    }
    const csrf = csrfOf((await visit(h, oscar, 'GET', '/dashboard/contacts')).text);
    for (const [path, form] of [[`/dashboard/contacts/${ids.contact}/edit`, { name: 'Hijacked' }], [`/dashboard/contacts/${ids.contact}/remove`, {}],
      [`/dashboard/lists/${ids.list}/members`, { contacts: '+14155550161' }], [`/dashboard/imports/${ids.imp}/cancel`, {}]] as const) {
      const res = await visit(h, oscar, 'POST', path, { csrf, ...form });
      assert.equal(res.status, 404, path);
    }
    assert.equal((await visit(h, oscar, 'GET', '/dashboard/contacts?q=%2B14155550160')).status, 404);
    for (const path of ['/dashboard/contacts', '/dashboard/lists', '/dashboard/imports', '/dashboard/segments']) {
      assert.ok(!(await visit(h, oscar, 'GET', path)).text.includes('Secret'), path);
    }
    assert.equal((await visit(h, oscar, 'POST', '/dashboard/contacts/new', { csrf, phone: '+14155550162', lists: ids.list })).status, 404, 'another account\'s list cannot be joined');
    assert.equal((await h.api('GET', `/v1/contacts/${ids.contact}`)).body.name, 'Secret Sam');
    assert.equal((await h.api('GET', `/v1/lists/${ids.list}`)).body.member_count, 0);
  });
});
