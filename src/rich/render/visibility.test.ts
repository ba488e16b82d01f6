import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { BoundButton, BoundComponent, BoundMessage } from '../bound/model.ts';
import type { Predicate } from '../format/types.ts';
import { FIXTURE_BASE, FIXTURE_NOW, boardingPassBound, orderShippedBound, showcaseBound } from './fixtures.ts';
import { renderMessageHtml, visibleComponents } from './index.ts';

const keys = (m: BoundMessage, d: Parameters<typeof visibleComponents>[1]) => visibleComponents(m, d).map((c) => c.key);
const msg = (components: BoundComponent[]): BoundMessage => ({ ...orderShippedBound, components });
const div = (key: string, device?: Predicate): BoundComponent => (device ? { type: 'divider', key, device } : { type: 'divider', key });
const btn = (key: string, device?: Predicate): BoundButton => ({ type: 'button', key, label: key, style: 'primary', action: { kind: 'postback', id: key, payload: key, confirm: null }, ...(device ? { device } : {}) });

describe('visibleComponents', () => {
  it('applies screen_width rules (and their "otherwise" side)', () => {
    assert.deepEqual(keys(boardingPassBound, { screen_width: 390 }), ['/components/0', '/components/1', '/components/2', 'pass']);
    assert.deepEqual(keys(boardingPassBound, { screen_width: 240 }), ['/components/0', '/components/1', '/components/2', '/components/4']);
  });

  it('treats a missing context value as unmet: comparisons hide, their negation shows', () => {
    assert.deepEqual(keys(boardingPassBound, {}), ['/components/0', '/components/1', '/components/2', '/components/4']);
    const m = msg([div('eq', { eq: { path: 'device.dark_mode', value: false } }), div('ne', { ne: { path: 'device.dark_mode', value: true } }), div('exists', { exists: { path: 'device.country' } })]);
    assert.deepEqual(keys(m, {}), ['ne']);
  });

  it('applies dark_mode rules', () => {
    assert.ok(keys(showcaseBound, { dark_mode: true }).includes('dark-only'));
    assert.ok(!keys(showcaseBound, { dark_mode: false }).includes('dark-only'));
  });

  it('applies capability rules to cards inside a carousel', () => {
    const cards = (d: Parameters<typeof visibleComponents>[1]) => {
      const c = visibleComponents(showcaseBound, d).find((x) => x.type === 'carousel');
      return c?.type === 'carousel' ? c.cards.map((x) => x.key) : [];
    };
    assert.deepEqual(cards({ capability: { video: true } }), ['pick-1', 'pick-2']);
    assert.deepEqual(cards({ capability: { video: false } }), ['pick-1']);
    assert.deepEqual(cards({}), ['pick-1']);
  });

  it('filters buttons in rows and cards, card media, and drops emptied rows and carousels', () => {
    const narrow: Predicate = { lt: { path: 'device.screen_width', value: 300 } };
    const m = msg([
      { type: 'button_row', key: 'row', buttons: [btn('a'), btn('b', narrow)] },
      { type: 'button_row', key: 'gone', buttons: [btn('c', narrow)] },
      { type: 'carousel', key: 'car', cards: [{ ...(showcaseBound.components[4] as Extract<BoundComponent, { type: 'carousel' }>).cards[0]!, device: narrow }] },
      { type: 'card', key: 'card', media: { type: 'image', key: 'm', url: 'https://x.example/i.png', alt: '', aspectRatio: null, action: null, device: narrow }, title: 't', subtitle: null, body: null, facts: [], buttons: [btn('d', narrow), btn('e')], action: null },
    ]);
    const v = visibleComponents(m, { screen_width: 400 });
    assert.deepEqual(v.map((c) => c.key), ['row', 'card']);
    const [row, card] = v;
    assert.ok(row?.type === 'button_row' && row.buttons.length === 1 && row.buttons[0]!.key === 'a');
    assert.ok(card?.type === 'card' && card.media === null && card.buttons.map((b) => b.key).join() === 'e');
  });

  it('hides a component whose rule is malformed rather than failing the render', () => {
    const m = msg([div('bad', {} as Predicate), div('ok')]);
    assert.deepEqual(keys(m, {}), ['ok']);
    assert.doesNotThrow(() => renderMessageHtml(m, {}, { base: FIXTURE_BASE, now: FIXTURE_NOW }));
  });

  it('returns the same component objects when there are no rules', () => {
    const v = visibleComponents(orderShippedBound, {});
    v.forEach((c, i) => assert.equal(c, orderShippedBound.components[i]));
  });

  it('reads only own properties of the device context', () => {
    const proto = Object.create({ dark_mode: true }) as Record<string, unknown>;
    assert.ok(!keys(showcaseBound, proto).includes('dark-only'));
  });

  it('is what the renderer shows', () => {
    const html = renderMessageHtml(boardingPassBound, { screen_width: 240 }, { base: FIXTURE_BASE, now: FIXTURE_NOW });
    assert.ok(!html.includes('porm-code'));
    assert.ok(html.includes('Your screen is too narrow'));
  });
});
