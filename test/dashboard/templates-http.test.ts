// The dashboard's template pages over real HTTP: creating and revising through the editor form,
// errors and lint warnings shown with their codes and line numbers (bad JSON, bad documents, bad
// sample data), the preview of the three forms (server-rendered and as the live script's
// fragment), revisions and their diff, engagement; roles, account isolation, CSRF and escaping.
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { withHarness, type Harness } from '../helpers/harness.ts';
import { csrfOf, jar, owner, person, visit, type Jar } from '../helpers/dashboard-http.ts';

const pretty = (v: unknown): string => JSON.stringify(v, null, 2);
const HOSTILE = '<img src=x onerror="window.__pwned=1">"Sale" & <b>now</b>';

const doc = (heading: string, extra: Record<string, unknown>[] = []) => ({
  version: 1, name: 'promo',
  theme: { primaryColor: '#0b5fff', backgroundColor: '#ffffff', textColor: '#1a1a1a', onPrimaryColor: '#ffffff', font: 'system', cornerRadius: 12 },
  data: { first_name: { type: 'string', example: 'Ada', missing: 'default', default: 'there' } },
  components: [
    { type: 'heading', text: heading, level: 1 },
    { type: 'text', text: 'Hi {{ first_name }}, our sale ends Sunday.' },
    { type: 'text', text: 'Dark mode on', when: { device: { eq: { path: 'device.dark_mode', value: true } } } },
    { type: 'button', id: 'shop', label: 'Shop now', action: { kind: 'open_url', url: 'https://shop.example.com/sale' } },
    ...extra,
  ],
});

/** 1-based line of the first line of `text` containing `needle`. */
const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('dashboard templates', () => {
  let h: Harness;
  let olive: Jar;
  withHarness((harness) => { h = harness; });
  before(async () => { olive = await owner(h); });

  /** Posts the editor form of `page` (its CSRF token) to `action`. */
  const post = async (b: Jar, page: string, action: string, form: Record<string, string>) => {
    const shown = await visit(h, b, 'GET', page);
    assert.equal(shown.status, 200, shown.text.slice(0, 300));
    return visit(h, b, 'POST', action, { csrf: csrfOf(shown.text), ...form });
  };
  const create = async (document: unknown, name = ''): Promise<string> => {
    const res = await post(olive, '/dashboard/templates/new', '/dashboard/templates/new', { document: pretty(document), name });
    assert.equal(res.status, 303, res.text.slice(0, 2000));
    const id = /^\/dashboard\/templates\/(tpl_[0-9A-Za-z]+)\?saved=1$/.exec(res.headers.get('location') ?? '')?.[1];
    assert.ok(id, res.headers.get('location') ?? '');
    return id;
  };

  it('creates a template from the form and revises it; the API sees both revisions; the diff marks the lines', async () => {
    const empty = await visit(h, olive, 'GET', '/dashboard/templates');
    assert.equal(empty.status, 200);
    assert.match(empty.text, /<a href="\/dashboard\/templates" aria-current="page">Templates<\/a>/);
    assert.match(empty.text, /No templates yet/);
    const starter = await visit(h, olive, 'GET', '/dashboard/templates/new');
    assert.match(starter.text, /<textarea id="tpl-document" name="document"/);
    assert.match(starter.text, /<iframe class="tpl-phone-screen tpl-phone-w390"[^>]* sandbox="allow-same-origin" srcdoc="/, 'the starter document is previewed at once');
    assert.match(starter.text, /<script type="module" src="\/dashboard\/assets\/template-editor.js"><\/script>/);

    const id = await create(doc('Weekend sale'), 'Weekend promo');
    const page = await visit(h, olive, 'GET', `/dashboard/templates/${id}?saved=1`);
    assert.equal(page.status, 200);
    assert.match(page.text, /Saved revision 1\./);
    assert.match(page.text, /<h1>Template Weekend promo<\/h1>/);
    assert.ok(page.text.includes('&quot;Weekend sale&quot;'), 'the stored document is in the textarea');
    assert.match(page.text, /No errors, no warnings\./);

    const revised = await post(olive, `/dashboard/templates/${id}`, `/dashboard/templates/${id}`, { document: pretty(doc('Weekend sale: 20% off')), note: 'say how much', name: 'Weekend promo' });
    assert.equal(revised.status, 303, revised.text.slice(0, 1000));
    assert.equal(revised.headers.get('location'), `/dashboard/templates/${id}?saved=2`);
    const api = await h.api('GET', `/v1/templates/${id}`);
    assert.equal(api.body.latest_revision, 2);
    assert.deepEqual((api.body.revisions as Array<{ note: string | null }>).map((r) => r.note), ['say how much', null]);

    const list = await visit(h, olive, 'GET', '/dashboard/templates');
    assert.match(list.text, new RegExp(`<a href="/dashboard/templates/${id}">Weekend promo</a></td><td><a href="/dashboard/templates/${id}/revisions">2</a>`));

    const revisions = await visit(h, olive, 'GET', `/dashboard/templates/${id}/revisions`);
    assert.equal(revisions.status, 200);
    assert.match(revisions.text, /Revision 1 → 2: 1 line added, 1 removed/);
    assert.match(revisions.text, /<tr class="diff-removed"><td class="diff-no">\d+<\/td><td class="diff-no"><\/td><td class="diff-mark"><span aria-hidden="true">−<\/span><span class="visually-hidden">removed<\/span><\/td><td><code class="diff-text"> {6}&quot;text&quot;: &quot;Weekend sale&quot;,<\/code>/);
    assert.match(revisions.text, /<tr class="diff-added">.*<span aria-hidden="true">\+<\/span><span class="visually-hidden">added<\/span><\/td><td><code class="diff-text"> {6}&quot;text&quot;: &quot;Weekend sale: 20% off&quot;,<\/code>/);
    assert.match(revisions.text, /unchanged lines/);
    const same = await visit(h, olive, 'GET', `/dashboard/templates/${id}/revisions?from=2&to=2`);
    assert.match(same.text, /Revisions 2 and 2 have the same document/);
    const missing = await visit(h, olive, 'GET', `/dashboard/templates/${id}/revisions?from=1&to=9`);
    assert.equal(missing.status, 404);
    assert.match(missing.text, /PORM_RICH_REVISION_NOT_FOUND/);
    const junk = await visit(h, olive, 'GET', `/dashboard/templates/${id}/revisions?from=%3Cx%3E&to=2`);
    assert.equal(junk.status, 400);
    assert.ok(!junk.text.includes('<x>'));
    const old = await visit(h, olive, 'GET', `/dashboard/templates/${id}?revision=1`);
    assert.match(old.text, /Showing revision 1/);
    assert.ok(old.text.includes('&quot;Weekend sale&quot;'));
  });

  it('refuses a save over a revision someone saved meanwhile (409), keeping the text; saving again replaces it', async () => {
    const id = await create(doc('Weekend sale'), 'shared');
    const member = await person(h, 'member', 'max@example.com');
    const mine = await visit(h, olive, 'GET', `/dashboard/templates/${id}`);
    const theirs = await visit(h, member, 'GET', `/dashboard/templates/${id}`);
    assert.match(mine.text, /name="base_revision" value="1"/);
    assert.equal((await visit(h, member, 'POST', `/dashboard/templates/${id}`, { csrf: csrfOf(theirs.text), base_revision: '1', document: pretty(doc('Their change')) })).status, 303);
    const late = await visit(h, olive, 'POST', `/dashboard/templates/${id}`, { csrf: csrfOf(mine.text), base_revision: '1', document: pretty(doc('My change')) });
    assert.equal(late.status, 409);
    assert.match(late.text, /<code>PORM_RICH_TEMPLATE_CHANGED<\/code>/);
    assert.match(late.text, /revision 2 was saved while you edited/);
    assert.ok(late.text.includes('&quot;My change&quot;'), 'my text is kept');
    assert.match(late.text, /name="base_revision" value="2"/);
    assert.equal((await h.api('GET', `/v1/templates/${id}`)).body.latest_revision, 2);
    const again = await visit(h, olive, 'POST', `/dashboard/templates/${id}`, { csrf: csrfOf(late.text), base_revision: '2', document: pretty(doc('My change')) });
    assert.equal(again.status, 303);
    assert.equal(again.headers.get('location'), `/dashboard/templates/${id}?saved=3`);
  });

  it('refuses malformed JSON with PORM_INVALID_JSON at its line and column, keeping the text and storing nothing', async () => {
    const before = (await h.api('GET', '/v1/templates')).body.data as unknown[];
    const text = '{\n  "version": 1,\n  "name": ,\n  "components": []\n}';
    const res = await post(olive, '/dashboard/templates/new', '/dashboard/templates/new', { document: text });
    assert.equal(res.status, 400);
    assert.match(res.text, /<code>PORM_INVALID_JSON<\/code>/);
    assert.match(res.text, /<a class="issue-place" href="#tpl-document" data-field="tpl-document" data-line="3" data-col="11">Line 3, column 11<\/a>/);
    assert.match(res.text, /<code class="issue-code">PORM_INVALID_JSON<\/code>/);
    assert.ok(res.text.includes('&quot;name&quot;: ,'), 'the text comes back as typed');
    assert.match(res.text, /aria-invalid="true"/);
    assert.equal(((await h.api('GET', '/v1/templates')).body.data as unknown[]).length, before.length);
    // Past the dashboard's form limit (64 KB) nothing is read or stored.
    const huge = await post(olive, '/dashboard/templates/new', '/dashboard/templates/new', { document: pretty(doc('x'.repeat(70_000))) });
    assert.equal(huge.status, 413, huge.text.slice(0, 300));
    assert.equal(((await h.api('GET', '/v1/templates')).body.data as unknown[]).length, before.length);
    // Everything JSON.parse refuses is refused, somewhere on its line.
    for (const bad of ['', '{', '[1,]', '{"a" 1}', '{"a":"\n"}', '{} {}', 'nul', '\u0000', '{'.repeat(5000)]) {
      const r = await post(olive, '/dashboard/templates/new', '/dashboard/templates/new', { document: bad });
      assert.equal(r.status, 400, JSON.stringify(bad));
      assert.match(r.text, /data-line="\d+" data-col="\d+"/, JSON.stringify(bad));
    }
  });

  it('shows every document error with its code, pointer and line, and lint warnings with their rule', async () => {
    const bad = doc('Sale');
    (bad.components[0] as Record<string, unknown>).type = 'marquee';
    (bad.theme as Record<string, unknown>).primaryColor = 'red;}body{background:url(//evil)}';
    const text = pretty(bad);
    const res = await post(olive, '/dashboard/templates/new', '/dashboard/templates/new', { document: text });
    assert.equal(res.status, 422);
    assert.match(res.text, /<code>PORM_RICH_TEMPLATE_INVALID<\/code>/);
    const typeLine = lineOf(text, '"marquee"');
    const colourLine = lineOf(text, 'red;}body');
    assert.match(res.text, new RegExp(`data-line="${typeLine}" data-col="7">Line ${typeLine}, column 7</a> <code class="issue-code">PORM_TEMPLATE_DOC_UNKNOWN_TYPE</code>`));
    assert.match(res.text, new RegExp(`data-line="${colourLine}" data-col="5">Line ${colourLine}, column 5</a> <code class="issue-code">PORM_TEMPLATE_DOC_BAD_VALUE</code>`));
    assert.match(res.text, /<code class="issue-pointer">\/components\/0\/type<\/code>/);
    assert.match(res.text, /Fix the errors to see the preview/);
    assert.ok(!res.text.includes('red;}body{background:url(//evil)}</'), 'the colour is only ever text');

    // A missing required field points at the object that lacks it.
    const noText = doc('Sale');
    delete (noText.components[0] as Record<string, unknown>).text;
    const t2 = pretty(noText);
    const r2 = await post(olive, '/dashboard/templates/new', '/dashboard/templates/new', { document: t2 });
    assert.equal(r2.status, 422);
    assert.match(r2.text, /PORM_TEMPLATE_DOC_MISSING_FIELD/);
    const objectLine = lineOf(t2, '"level": 1') - 2;
    assert.match(r2.text, new RegExp(`data-line="${objectLine}" data-col="5">Line ${objectLine}, column 5</a> <span class="tpl-muted">\\(inside\\)</span> <code class="issue-code">PORM_TEMPLATE_DOC_MISSING_FIELD</code>`));

    // A valid document that lints dirty saves, and its warnings are listed with their rule.
    const dirty = doc('Sale', [{ type: 'image', url: 'https://cdn.example.com/a.png' }]);
    const id = await create(dirty);
    const page = await visit(h, olive, 'GET', `/dashboard/templates/${id}`);
    const imageLine = lineOf(pretty(dirty), '"type": "image"');
    assert.match(page.text, /1 warning\./);
    assert.match(page.text, new RegExp(`<span class="issue-kind">Warning</span> <a class="issue-place" href="#tpl-document" data-field="tpl-document" data-line="${imageLine - 1}" data-col="5">`));
    assert.match(page.text, /<code class="issue-code">image-alt<\/code>/);
  });

  it('previews the porm page, the MMS and the SMS with sample data and device settings; bad sample data is placed', async () => {
    const text = pretty(doc('Weekend sale'));
    const page = '/dashboard/templates/new';
    const res = await post(olive, page, '/dashboard/templates/preview', { document: text, data: '{"first_name": "Grace"}', width: '320', dark: 'on', locale: 'fr-FR', time: '21:30' });
    assert.equal(res.status, 200);
    assert.match(res.text, /<h1>New template<\/h1>/, 'without script the whole editor comes back');
    assert.match(res.text, /<iframe class="tpl-phone-screen tpl-phone-w320" title="The porm page, 320 px wide, dark mode"/);
    const srcdoc = /srcdoc="([^"]*)"/.exec(res.text)?.[1] ?? '';
    assert.ok(srcdoc.includes('Hi Grace, our sale ends Sunday.'), srcdoc.slice(0, 500));
    assert.ok(srcdoc.includes('Dark mode on'), 'the device rule saw dark mode');
    assert.ok(srcdoc.includes('&lt;link rel=&quot;stylesheet&quot; href=&quot;/dashboard/assets/rich-theme.css?p=%230b5fff'));
    assert.match(res.text, /<h3 id="pv-mms">MMS fallback<\/h3>/);
    assert.match(res.text, /<div class="bubble sms-text">[^<]*Hi Grace/);
    assert.match(res.text, /value="320" selected/);
    assert.match(res.text, /name="dark" type="checkbox" checked/);

    const light = await post(olive, page, '/dashboard/templates/preview', { document: text, fragment: '1' });
    assert.equal(light.status, 200);
    assert.ok(light.text.startsWith('<div id="template-feedback"'), 'the live script gets the fragment only');
    assert.ok(!light.text.includes('<html'));
    assert.ok(!light.text.includes('Dark mode on'));
    assert.ok(light.text.includes('Hi Ada'), 'without data the examples are used');

    const badData = await post(olive, page, '/dashboard/templates/preview', { document: text, data: '{\n  "first_name": "Grace",\n}', locale: 'x<y', time: '25:99', width: '9999', fragment: '1' });
    assert.match(badData.text, /data-field="tpl-data" data-line="3" data-col="1">Line 3, column 1<\/a> <code class="issue-code">PORM_INVALID_JSON<\/code>/);
    assert.match(badData.text, /The locale is not a language tag/);
    assert.match(badData.text, /The time of day is not HH:MM/);
    assert.ok(!badData.text.includes('x<y'));
    const notObject = await post(olive, page, '/dashboard/templates/preview', { document: text, data: '[1]', fragment: '1' });
    assert.match(notObject.text, /PORM_INVALID_FIELD/);
    const blocking = doc('Order {{ order.id }}');
    (blocking.data as Record<string, unknown>).order = { type: 'object', missing: 'block', example: { id: 'A1' }, fields: { id: { type: 'string' } } };
    const blocked = await post(olive, page, '/dashboard/templates/preview', { document: pretty(blocking), data: '{"first_name": 5}', fragment: '1' });
    assert.match(blocked.text, /<p class="error" role="alert">[^<]*<code>PORM_RICH_[A-Z_]+<\/code><\/p>/, 'a send that would be refused says why');
    assert.ok(!blocked.text.includes('<iframe'));
    const wrongType = await post(olive, page, '/dashboard/templates/preview', { document: text, data: '{\n  "first_name": 5\n}', fragment: '1' });
    assert.match(wrongType.text, /<span class="issue-kind">Warning<\/span> <a class="issue-place" href="#tpl-data" data-field="tpl-data" data-line="2" data-col="3">Line 2, column 3<\/a> <code class="issue-code">slot-type<\/code>/);
    assert.match(wrongType.text, /0 errors, 1 warning\./);
    assert.match(wrongType.text, /<iframe/, 'a value of the wrong type is treated as missing, and the preview still shows');
    const theme = await visit(h, jar(), 'GET', '/dashboard/assets/rich-theme.css?p=red;}body{x:url(//evil)}&b=%23000000&r=1e9&f=%3C/style%3E');
    assert.equal(theme.status, 200);
    assert.equal(theme.headers.get('content-type'), 'text/css; charset=utf-8');
    assert.ok(!theme.text.includes('evil') && !theme.text.includes('</style>'), theme.text);
    assert.match(theme.text, /--porm-bg:#000000;.*--porm-radius:32px/);
  });

  it('refuses the preview without a session, and forms without the CSRF token', async () => {
    const text = pretty(doc('Weekend sale'));
    const anon = await visit(h, jar(), 'POST', '/dashboard/templates/preview', { document: text, fragment: '1' });
    assert.equal(anon.status, 403);
    assert.ok(!anon.text.includes('template-feedback'));
    assert.equal((await visit(h, jar(), 'GET', '/dashboard/templates')).status, 303);
    const before = ((await h.api('GET', '/v1/templates')).body.data as unknown[]).length;
    const noToken = await visit(h, olive, 'POST', '/dashboard/templates/new', { document: text });
    assert.equal(noToken.status, 403);
    assert.match(noToken.text, /PORM_DASHBOARD_CSRF/);
    const wrong = await visit(h, olive, 'POST', '/dashboard/templates/new', { document: text, csrf: 'x'.repeat(43) });
    assert.equal(wrong.status, 403);
    const previewForged = await visit(h, olive, 'POST', '/dashboard/templates/preview', { document: text, fragment: '1' });
    assert.equal(previewForged.status, 403);
    assert.equal(((await h.api('GET', '/v1/templates')).body.data as unknown[]).length, before);
  });

  it('lets a read-only user look and preview but not save (403), and a member save', async () => {
    const id = await create(doc('Weekend sale'), 'for roles');
    const ro = await person(h, 'read-only', 'rita@example.com');
    const list = await visit(h, ro, 'GET', '/dashboard/templates');
    assert.equal(list.status, 200);
    assert.ok(!list.text.includes('New template'));
    const editor = await visit(h, ro, 'GET', `/dashboard/templates/${id}`);
    assert.equal(editor.status, 200);
    assert.ok(!editor.text.includes('Save revision'));
    assert.match(editor.text, /can preview templates but not save/);
    assert.equal((await visit(h, ro, 'GET', '/dashboard/templates/new')).status, 403);
    const save = await visit(h, ro, 'POST', `/dashboard/templates/${id}`, { csrf: csrfOf(editor.text), document: pretty(doc('Changed by read-only')) });
    assert.equal(save.status, 403);
    assert.match(save.text, /PORM_DASHBOARD_FORBIDDEN/);
    const create403 = await visit(h, ro, 'POST', '/dashboard/templates/new', { csrf: csrfOf(editor.text), document: pretty(doc('x')) });
    assert.equal(create403.status, 403);
    assert.equal((await h.api('GET', `/v1/templates/${id}`)).body.latest_revision, 1);
    const preview = await visit(h, ro, 'POST', '/dashboard/templates/preview', { csrf: csrfOf(editor.text), template_id: id, document: pretty(doc('Just looking')), fragment: '1' });
    assert.equal(preview.status, 200);
    assert.ok(preview.text.includes('Just looking'));

    const member = await person(h, 'member', 'mo@example.com');
    const saved = await post(member, `/dashboard/templates/${id}`, `/dashboard/templates/${id}`, { document: pretty(doc('Changed by a member')) });
    assert.equal(saved.status, 303);
    assert.equal((await h.api('GET', `/v1/templates/${id}`)).body.latest_revision, 2);
    const long = await post(member, `/dashboard/templates/${id}`, `/dashboard/templates/${id}`, { document: pretty(doc('x')), name: 'n'.repeat(201) });
    assert.equal(long.status, 400);
    assert.match(long.text, /PORM_INVALID_FIELD/);
  });

  it("shows another account's template to nobody here (404 on every page) and never lists it", async () => {
    const other = await h.porm.services.accounts.create('other');
    const theirs = await h.porm.services.rich.templates.create(other.account.id, { document: doc('Their secret sale'), name: 'their-template' });
    for (const path of [`/dashboard/templates/${theirs.id}`, `/dashboard/templates/${theirs.id}/revisions`, `/dashboard/templates/${theirs.id}/engagement`, `/dashboard/templates/${theirs.id}?revision=1`]) {
      const res = await visit(h, olive, 'GET', path);
      assert.equal(res.status, 404, path);
      assert.match(res.text, /PORM_RICH_TEMPLATE_NOT_FOUND/);
      assert.ok(!res.text.includes('Their secret sale'), path);
    }
    const page = await visit(h, olive, 'GET', '/dashboard/templates');
    assert.ok(!page.text.includes('their-template'));
    const revise = await visit(h, olive, 'POST', `/dashboard/templates/${theirs.id}`, { csrf: csrfOf(page.text), document: pretty(doc('Hijacked')) });
    assert.equal(revise.status, 404);
    const preview = await visit(h, olive, 'POST', '/dashboard/templates/preview', { csrf: csrfOf(page.text), template_id: theirs.id, document: pretty(doc('x')) });
    assert.equal(preview.status, 404);
    assert.equal((await h.porm.services.rich.templates.get(other.account.id, theirs.id)).latestRevision, 1);
    const theirOwner = await person(h, 'owner', 'them@example.com', other.account.id);
    assert.equal((await visit(h, theirOwner, 'GET', `/dashboard/templates/${theirs.id}`)).status, 200);
  });

  it('escapes template names and text everywhere: list, editor, diff and preview', async () => {
    const id = await create(doc(HOSTILE), HOSTILE);
    await post(olive, `/dashboard/templates/${id}`, `/dashboard/templates/${id}`, { document: pretty(doc(`${HOSTILE}!`)), note: HOSTILE, name: HOSTILE });
    const pages = [
      await visit(h, olive, 'GET', '/dashboard/templates'),
      await visit(h, olive, 'GET', `/dashboard/templates/${id}`),
      await visit(h, olive, 'GET', `/dashboard/templates/${id}/revisions`),
      await visit(h, olive, 'GET', `/dashboard/templates/${id}/engagement`),
      await post(olive, `/dashboard/templates/${id}`, '/dashboard/templates/preview', { template_id: id, document: pretty(doc(HOSTILE)), data: `{"first_name": ${JSON.stringify(HOSTILE)}}` }),
    ];
    for (const p of pages) {
      assert.equal(p.status, 200, p.text.slice(0, 300));
      assert.ok(!p.text.includes('<img src=x'), p.text.slice(0, 300));
      assert.ok(!p.text.includes('<b>now'), p.text.slice(0, 300));
    }
    assert.ok(pages[0]!.text.includes('&lt;img src=x onerror=&quot;window.__pwned=1&quot;&gt;&quot;Sale&quot; &amp; &lt;b&gt;now&lt;/b&gt;</a>'));
    assert.ok(pages[2]!.text.includes('&lt;img src=x onerror=\\&quot;window.__pwned=1\\&quot;&gt;'), 'the diff shows the JSON text, escaped');
    // In the frame the renderer's escaping is escaped once more for the srcdoc attribute.
    const srcdoc = /srcdoc="([^"]*)"/.exec(pages[4]!.text)?.[1] ?? '';
    assert.ok(srcdoc.includes('&amp;lt;img src=x'), srcdoc.slice(0, 400));
  });

  it('shows engagement: renders, clicks per button and form answers, from what recipients did', async () => {
    const id = await create(doc('Weekend sale', [{ type: 'form', id: 'rate', submitLabel: 'Send', fields: [{ kind: 'rating', name: 'score', label: 'How was it?', required: true }] }]), 'engaging');
    const sent = await h.api('POST', '/v1/messages', { to: '+14155550123', from: '+14155550199', template: id, data: { first_name: 'Ada' } });
    assert.equal(sent.status, 201, sent.text);
    const url = String(sent.body.page_url);
    assert.equal((await fetch(url)).status, 200);
    const render = await fetch(`${url}/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'render', ok: true, duration_ms: 12, revision: 1 }) });
    assert.ok(render.status < 300, String(render.status));
    assert.equal((await fetch(`${url}/go/shop`, { redirect: 'manual' })).status, 302);
    assert.equal((await fetch(`${url}/go/shop`, { redirect: 'manual' })).status, 302);
    const answer = await fetch(`${url}/f/rate`, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'score=4' });
    assert.ok(answer.status < 400, String(answer.status));
    const page = await visit(h, olive, 'GET', `/dashboard/templates/${id}/engagement`);
    assert.equal(page.status, 200);
    assert.match(page.text, /<dt>Renders<\/dt><dd>1 ok, 0 failed/);
    assert.match(page.text, /<tr><td><code>shop<\/code><\/td><td>2<\/td><td>1<\/td>/);
    assert.match(page.text, /<dt>Form answers<\/dt><dd>1<\/dd>/);
    assert.match(page.text, /<tr><td><code>rate<\/code><\/td><td>1<\/td><\/tr>/);
    const list = await visit(h, olive, 'GET', '/dashboard/templates');
    assert.match(list.text, new RegExp(`<a href="/dashboard/templates/${id}">engaging</a>.*?<td>1</td><td><a href="/dashboard/templates/${id}/engagement">2</a>`, 's'));
  });
});
