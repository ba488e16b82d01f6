import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PormError } from '../../errors.ts';
import type { Component } from '../format/types.ts';
import { compileDocument } from './index.ts';
import { bindError, bindOk, component, makeDoc, str } from './test-support.ts';

// Data is hostile: it may hold markup, scripts, dangerous URLs, huge values and prototype keys.
// Documents here are compiled without validation where a validated one could not carry the attack.

const u = { u: str('https://a.example', 'block') };

describe('expand: hostile data', () => {
  it('passes <script> and other markup through as text, verbatim (escaping is the renderer\'s job)', () => {
    const evil = '<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" \u202e';
    const d = makeDoc([{ type: 'heading', text: '{{ s }}' }, { type: 'text', runs: [{ text: 'a {{ s }}' }] }, { type: 'button', label: '{{ s }}', action: { kind: 'postback', payload: '{{ s }}' } }], { s: str('x') });
    const { message } = bindOk(d, { s: evil });
    assert.equal(component(message, 'heading').text, evil);
    assert.equal(component(message, 'text').runs[0]!.text, `a ${evil}`);
    assert.deepEqual(component(message, 'button').action, { kind: 'postback', id: '/components/2', payload: evil, confirm: null });
  });

  const attacks = ['javascript:alert(1)', 'data:text/html,<script>alert(1)</script>', ' JAVASCRIPT:alert(1)', 'java\tscript:alert(1)', '\njavascript:alert(1)', 'JaVaScRiPt:alert(1)', 'vbscript:msgbox(1)', 'not a url', ''];
  const places: [string, Component][] = [
    ['run link', { type: 'text', runs: [{ text: 'a', link: '{{ u }}' }] }],
    ['action url', { type: 'button', label: 'b', action: { kind: 'open_url', url: '{{ u }}' } }],
    ['deep link', { type: 'button', label: 'b', action: { kind: 'deep_link', url: '{{ u }}', fallbackUrl: 'https://a.example' } }],
    ['deep link fallback', { type: 'button', label: 'b', action: { kind: 'deep_link', url: 'https://a.example', fallbackUrl: '{{ u }}' } }],
    ['image', { type: 'image', url: '{{ u }}' }],
    ['video poster', { type: 'video', url: 'https://a.example/v.mp4', poster: '{{ u }}' }],
    ['captions', { type: 'video', url: 'https://a.example/v.mp4', captionsUrl: '{{ u }}' }],
    ['audio', { type: 'audio', url: '{{ u }}' }],
    ['list image', { type: 'list', items: [{ title: 't', image: '{{ u }}' }] }],
  ];
  for (const [place, c] of places) {
    it(`drops a ${place} whose URL data makes dangerous or invalid`, () => {
      const d = makeDoc([c, { type: 'divider' }], u);
      for (const attack of attacks) {
        const r = bindOk(d, { u: attack });
        assert.deepEqual(r.message.components.map((x) => x.type), ['divider'], JSON.stringify(attack));
        assert.ok(r.warnings.some((w) => w.code === 'bad-url'), JSON.stringify(r.warnings));
        assert.ok(!JSON.stringify(r.message).toLowerCase().includes('script:'));
      }
      assert.equal(bindOk(d, { u: '  https://ok.example/a b  ' }).message.components.length, 2);
    });
  }

  it('allows only http/https for media, and app schemes only when configured', () => {
    const d = makeDoc([{ type: 'image', url: '{{ u }}' }, { type: 'text', runs: [{ text: 'a', link: '{{ u }}' }] }], u);
    assert.deepEqual(bindOk(d, { u: 'tel:+15551234' }).message.components.map((c) => c.type), ['text']);
    assert.deepEqual(bindOk(d, { u: 'myapp://open' }).message.components, []);
    const withApp = bindOk(d, { u: 'myapp://open' }, {}, { urlSchemes: ['https', 'myapp'] });
    assert.deepEqual(component(withApp.message, 'text').runs[0]!.link, 'myapp://open');
    assert.equal(component(bindOk(d, { u: ' HTTPS://A.example/x ' }).message, 'image').url, 'https://a.example/x');
  });

  it('never sends a literal template that came from data', () => {
    const d = makeDoc([{ type: 'text', runs: [{ text: 'ok' }, { text: 'Hi {{ name }}' }] }], { name: str('x') });
    for (const name of ['{{ x }}', '{% if 1 %}', 'a{{b']) {
      const e = bindError(d, { name });
      assert.equal(e.code, 'PORM_TEMPLATE_LITERAL_MARKUP');
      assert.deepEqual(e.fields.map((f) => [f.field, f.code]), [['/components/0/runs/1/text', 'PORM_TEMPLATE_LITERAL_MARKUP']]);
    }
    assert.equal(bindError(makeDoc([{ type: 'text', text: '{% raw %}{{ x }}{% endraw %}' }]), {}).code, 'PORM_TEMPLATE_LITERAL_MARKUP');
  });

  it('stops huge loops with PORM_TEMPLATE_ITERATION_LIMIT', () => {
    const d = makeDoc([{ type: 'text', text: '{% for i in l %}{% for j in l %}.{% endfor %}{% endfor %}' }], { l: { type: 'list', example: [1], missing: 'block' } });
    const e = bindError(d, { l: Array.from({ length: 200 }, (_, i) => i) });
    assert.equal(e.code, 'PORM_TEMPLATE_ITERATION_LIMIT');
    assert.equal(e.fields[0]!.field, '/components/0/text');
  });

  it('stops 1 MB values with PORM_TEMPLATE_OUTPUT_LIMIT, in plain and filtered outputs', () => {
    const big = 'x'.repeat(1024 * 1024);
    for (const text of ['{{ s }}', 'a {{ s | upcase }}', '{{ s | truncate: 2000000 }}']) {
      const e = bindError(makeDoc([{ type: 'text', text }], { s: str('x') }), { s: big });
      assert.equal(e.code, 'PORM_TEMPLATE_OUTPUT_LIMIT', text);
    }
    const many = Array.from({ length: 10 }, (_, i): Component => ({ type: 'heading', text: `${i}{{ s }}` }));
    assert.equal(bindError(makeDoc(many, { s: str('x') }), { s: 'y'.repeat(60_000) }).code, 'PORM_TEMPLATE_OUTPUT_LIMIT');
  });

  it('refuses data that is not a plain object', () => {
    const d = makeDoc([{ type: 'divider' }]);
    for (const data of [null, undefined, 42, 'str', [], [{}], new Date(0), new Map(), () => 1, Symbol('s')]) {
      const e = bindError(d, data);
      assert.equal(e.code, 'PORM_RICH_DATA_INVALID', String(typeof data));
    }
    assert.ok(bindOk(d, Object.create(null)).message);
  });

  it('keeps prototype keys away from output and from Object.prototype', () => {
    const d = makeDoc([{ type: 'text', text: '[{{ name }}][{{ contact.first_name }}][{{ contact.constructor }}][{{ contact.__proto__ }}]' }], {
      name: str('n', 'default', { default: 'dflt' }),
      contact: { type: 'object', example: {}, missing: 'default', default: {} },
    });
    const data = JSON.parse('{"__proto__":{"name":"evil","polluted":1},"constructor":{"name":"evil"},"contact":{"__proto__":{"first_name":"evil"},"constructor":"evil"}}') as unknown;
    const { message } = bindOk(d, data);
    assert.equal(component(message, 'text').runs[0]!.text, '[dflt][][][]');
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  });

  it('never runs getters in the data', () => {
    let ran = false;
    const data = { get name(): string { ran = true; return 'x'; } };
    const r = bindOk(makeDoc([{ type: 'text', text: 'Hi {{ name }}' }], { name: str('n', 'default', { default: 'you' }) }), data);
    assert.equal(component(r.message, 'text').runs[0]!.text, 'Hi you');
    assert.equal(ran, false);
  });

  it('checks phones and times from data', () => {
    const d = makeDoc([
      { type: 'button', label: 'call', action: { kind: 'call', phone: '{{ p }}' } },
      { type: 'button', label: 'sms', action: { kind: 'sms_reply', body: 'b', to: '{{ p }}' } },
      { type: 'button', label: 'cal', action: { kind: 'add_to_calendar', title: 't', start: '{{ t }}' } },
      { type: 'countdown', to: '{{ t }}' },
    ], { p: str('1'), t: str('2026-01-01') });
    const ok = bindOk(d, { p: ' +1 (555) 010-99 ', t: '2026-03-02T10:00' });
    assert.deepEqual(ok.message.components.map((c) => c.type === 'button' ? c.action : c.type === 'countdown' ? c.to : null), [
      { kind: 'call', id: '/components/0', phone: '+155501099' },
      { kind: 'sms_reply', id: '/components/1', body: 'b', to: '+155501099' },
      { kind: 'add_to_calendar', id: '/components/2', title: 't', start: '2026-03-02T10:00:00.000Z', end: null, location: null, description: null },
      '2026-03-02T10:00:00.000Z',
    ]);
    const bad = bindOk(d, { p: 'call me, 12', t: 'soon' });
    assert.deepEqual(bad.message.components, []);
    assert.deepEqual(bad.warnings.map((w) => w.code), ['bad-phone', 'bad-phone', 'bad-date', 'bad-date', 'empty-message']);
  });
});

describe('expand: compileDocument is defensive', () => {
  const fails = (doc: unknown, pattern: RegExp) => assert.throws(() => compileDocument(doc as never), (e: unknown) => e instanceof PormError && e.code === 'PORM_RICH_TEMPLATE_INVALID' && pattern.test(e.message));
  it('throws PORM_RICH_TEMPLATE_INVALID for a string that does not compile, naming its pointer', () => {
    fails(makeDoc([{ type: 'divider' }, { type: 'card', title: 'ok', facts: [{ label: 'a', value: '{{ x | nope }}' }] }]), /^\/components\/1\/facts\/0\/value: PORM_TEMPLATE_UNKNOWN_FILTER/);
    fails(makeDoc([{ type: 'text', text: '{% assign a = 1 %}' }]), /PORM_TEMPLATE_UNSUPPORTED_TAG/);
  });
  it('throws for duplicate keys, bad slot names and other versions', () => {
    fails(makeDoc([{ type: 'divider', id: 'a' }, { type: 'spacer', id: 'a' }]), /duplicate component key "a"/);
    fails(makeDoc([{ type: 'divider' }], { __proto__x: str('a') }), /slot names/);
    fails({ ...makeDoc([{ type: 'divider' }]), version: 2 }, /version 1/);
  });
});
