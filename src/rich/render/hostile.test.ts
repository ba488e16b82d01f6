import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundAction, BoundButton, BoundMessage } from '../bound/model.ts';
import { esc } from './escape.ts';
import { FIXTURE_BASE, FIXTURE_NOW, fixtureTheme } from './fixtures.ts';
import { checkHtml, safetyProblems } from './html-check.ts';
import { renderMessageHtml } from './index.ts';

// Every text, label, id and URL field of every component and action, filled with hostile input.

function actions(t: string, u: string, id: string): BoundAction[] {
  return [
    { kind: 'open_url', id: `${id}1`, url: u },
    { kind: 'deep_link', id: `${id}2`, url: u, fallbackUrl: u },
    { kind: 'call', id: `${id}3`, phone: t },
    { kind: 'sms_reply', id: `${id}4`, body: t, to: t },
    { kind: 'sms_reply', id: `${id}5`, body: t, to: null },
    { kind: 'add_to_calendar', id: `${id}6`, title: t, start: t, end: t, location: t, description: t },
    { kind: 'show_on_map', id: `${id}7`, query: t, lat: null, lng: null, label: t, directions: false },
    { kind: 'copy_code', id: `${id}8`, code: t },
    { kind: 'postback', id: `${id}9`, payload: t, confirm: t },
    { kind: 'submit_form', id: `${id}10`, formId: id },
  ];
}

function hostileMessage(t: string, u: string, id = t): BoundMessage {
  const buttons: BoundButton[] = actions(t, u, id).map((action, i) => ({ type: 'button', key: `${id}b${i}`, label: t, style: 'primary', action }));
  const card = (n: number) => ({ type: 'card' as const, key: `${id}c${n}`, media: { type: 'image' as const, key: id, url: u, alt: t, aspectRatio: t, action: actions(t, u, id)[n % 10]! },
    title: t, subtitle: t, body: t, facts: [{ label: t, value: t }], buttons, action: actions(t, u, id)[(n + 3) % 10]! });
  return {
    version: 1, revision: 1, variant: t, locale: t, theme: fixtureTheme,
    quickReplies: [{ id, label: t, payload: t }],
    components: [
      { type: 'text', key: id, size: 'large', align: 'center', runs: [{ text: t, bold: true, italic: true, link: u }, { text: t, bold: false, italic: false, link: null }] },
      { type: 'heading', key: id, text: t, level: 2 },
      { type: 'image', key: id, url: u, alt: t, aspectRatio: '1:1', action: actions(t, u, id)[0]! },
      { type: 'video', key: id, url: u, poster: u, alt: t, captionsUrl: u },
      { type: 'video', key: id, url: 'https://ok.example/v.mp4', poster: u, alt: t, captionsUrl: u },
      { type: 'audio', key: id, url: u, title: t, alt: t },
      card(0),
      { type: 'card', key: id, media: { type: 'video', key: id, url: u, poster: u, alt: t, captionsUrl: u }, title: t, subtitle: null, body: null, facts: [], buttons: [], action: null },
      { type: 'carousel', key: id, cards: [card(1), card(2), card(5)] },
      ...buttons,
      { type: 'button_row', key: id, buttons },
      { type: 'list', key: id, ordered: true, items: actions(t, u, id).map((action) => ({ title: t, subtitle: t, image: u, alt: t, action })) },
      { type: 'divider', key: id },
      { type: 'spacer', key: id, size: 'small' },
      { type: 'facts', key: id, facts: [{ label: t, value: t }] },
      { type: 'countdown', key: id, to: '2030-01-01T00:00:00Z', label: t, expiredText: t },
      { type: 'countdown', key: id, to: t, label: t, expiredText: t },
      { type: 'code', key: id, format: 'qr', value: t, alt: t, caption: t },
      { type: 'map', key: id, query: t, lat: null, lng: null, label: t, alt: t, zoom: 3, action: null },
      ...actions(t, u, id).map((action) => ({ type: 'map' as const, key: id, query: t, lat: 1, lng: 2, label: t, alt: t, zoom: 3, action })),
      { type: 'form', key: id, id, title: t, submitLabel: t, multipleAnswers: false, fields: [
        { kind: 'text', name: t, label: t, required: true, errorMessage: t, pattern: t, placeholder: t, maxLength: 5 },
        { kind: 'email', name: t, label: t, required: false, errorMessage: t, pattern: null, placeholder: t, maxLength: null },
        { kind: 'number', name: t, label: t, required: true, errorMessage: t, min: 1, max: 2 },
        { kind: 'choice', name: t, label: t, required: true, errorMessage: t, options: [{ value: t, label: t }] },
        { kind: 'multi_choice', name: t, label: t, required: true, errorMessage: t, options: [{ value: t, label: t }] },
        { kind: 'toggle', name: t, label: t, required: true, errorMessage: t },
        { kind: 'rating', name: t, label: t, required: true, errorMessage: t, min: 1, max: 5 },
      ] },
    ],
  };
}

const HOSTILE_TEXT = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'><svg onload=alert(1)>",
  '</article><script>alert(1)</script><article>',
  '&lt;script&gt; &amp; &#x3C;',
  '{{ x }} {% raw %} ${x}',
  '\u0000\u0007\u2028\u202e\uD800 lone surrogate',
  '__proto__',
];

const HOSTILE_URLS = [
  'javascript:alert(1)',
  'JaVaScRiPt:alert(1)',
  'java\nscript:alert(1)',
  'java\tscript:alert(1)',
  ' \u0001javascript:alert(1)',
  'jav&#x09;ascript:alert(1)',
  'javascript&colon;alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
  '/m/AbC123/../../evil',
  '/m/AbC123/%2e%2e/evil',
  '\\\\evil.example\\x',
];

const render = (m: BoundMessage, appSchemes: readonly string[] = []) =>
  renderMessageHtml(m, {}, { base: FIXTURE_BASE, now: FIXTURE_NOW, appSchemes, answeredForms: new Set(), postbackAnswers: {} });

describe('renderMessageHtml: hostile text in every field', () => {
  for (const t of HOSTILE_TEXT) {
    it(`escapes ${JSON.stringify(t)}`, () => {
      const html = render(hostileMessage(t, 'https://ok.example/x'));
      assert.deepEqual(safetyProblems(html, FIXTURE_BASE), []);
      assert.ok(!html.includes('<script'));
      assert.ok(!html.includes('<img src=x'));
      assert.ok(!html.includes('<svg onload'));
      if (/[<>"'&]/.test(t)) assert.ok(html.includes(esc(t)), 'text appears escaped');
      assert.ok(checkHtml(html).text.includes(t.slice(0, 10)) || !/^[ -~]+$/.test(t), 'text survives as text');
    });
  }

  it('keeps 100,000-character strings as text, in linear time', () => {
    const long = '<b>'.repeat(33_334);
    const m: BoundMessage = { ...hostileMessage('x', 'https://ok.example/x', 'k'), components: [
      { type: 'text', key: long, size: 'body', align: 'start', runs: [{ text: long, bold: true, italic: false, link: `https://ok.example/${long}` }] },
      { type: 'button', key: 'b', label: long, style: 'primary', action: { kind: 'copy_code', id: long, code: long } },
      { type: 'image', key: long, url: 'https://ok.example/i.png', alt: long, aspectRatio: null, action: null },
    ] };
    const t = performance.now();
    const html = render(m);
    assert.ok(performance.now() - t < 1000, 'render time');
    assert.deepEqual(safetyProblems(html, FIXTURE_BASE), []);
    assert.ok(!html.includes('<b>'));
    assert.ok(html.includes(`<strong>${esc(long)}</strong>`), 'the run keeps its text, without its over-long link');
  });

  it('never lets an attribute-breaking id or key out of its attribute', () => {
    const html = render(hostileMessage('plain', 'https://ok.example/x', '" onclick="alert(1)'));
    assert.deepEqual(safetyProblems(html, FIXTURE_BASE), []);
    assert.ok(html.includes('/go/%22%20onclick%3D%22alert(1)1'));
  });
});

describe('renderMessageHtml: hostile URLs in every URL field', () => {
  for (const u of HOSTILE_URLS) {
    it(`drops ${JSON.stringify(u)}`, () => {
      const html = render(hostileMessage('plain text', u, 'k'), ['javascript', 'data']);
      assert.deepEqual(safetyProblems(html, FIXTURE_BASE), []);
      const lower = html.toLowerCase();
      for (const bad of ['javascript', 'vbscript', 'data:', 'file:', 'evil.example']) assert.ok(!lower.includes(bad), bad);
      assert.equal(html.split('<video').length - 1, 1, 'a video without a safe URL is omitted');
      assert.ok(!html.includes('poster=') && !html.includes('<track'), 'unsafe poster and captions are dropped, the video stays');
      assert.ok(!html.includes('<audio'));
      assert.ok(!html.includes('porm-image'));
      assert.ok(!html.includes('data-porm-kind="open_url"'), 'open_url buttons with a bad URL are omitted');
      assert.ok(!html.includes('data-porm-kind="deep_link"'), 'deep links without a safe fallback are omitted');
      assert.ok(html.includes('<strong><em>plain text</em></strong>'), 'a run with a bad link stays as plain text');
    });
  }

  it('drops a very long URL', () => {
    const html = render(hostileMessage('x', `https://ok.example/${'a'.repeat(100_000)}`, 'k'));
    assert.ok(!html.includes('aaaaaaaaaa'));
    assert.ok(html.length < 100_000);
  });

  it('keeps the deep link fallback but drops an unsafe app URL', () => {
    const m: BoundMessage = { ...hostileMessage('x', 'https://ok.example/x', 'k'), components: [
      { type: 'button', key: 'b', label: 'Open', style: 'primary', action: { kind: 'deep_link', id: 'd', url: 'javascript:alert(1)', fallbackUrl: 'https://ok.example/' } },
    ] };
    const html = render(m);
    assert.ok(html.includes('href="/m/AbC123/go/d"'));
    assert.ok(!html.includes('data-porm-deeplink'));
  });
});
