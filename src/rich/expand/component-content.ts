import type { BoundComponent, BoundFact, BoundListItem, BoundTextRun } from '../bound/model.ts';
import type { Component, Fact, TextRun } from '../format/types.ts';
import { compileAction } from './actions.ts';
import { compileOptAction } from './component-buttons.ts';
import type { Build } from './context.ts';
import type { CompileScope, KeyRegistry } from './scope.ts';
import { catchDrop, collectSome } from './units.ts';

// Text-like components and the small units inside them: runs, facts and list items drop alone,
// and a text, facts or list component left with none of them drops.

type Of<T extends Component['type']> = Extract<Component, { type: T }>;

function compileRun(r: TextRun, at: string, s: CompileScope): Build<BoundTextRun> {
  const text = s.text(r.text, `${at}/text`);
  const bold = r.bold ?? false;
  const italic = r.italic ?? false;
  const link = s.optUrl(r.link, `${at}/link`, false);
  return (ctx) => ({ text: text(ctx), bold, italic, link: link(ctx) });
}

export function compileText(c: Of<'text'>, at: string, key: string, s: CompileScope): Build<BoundComponent> {
  const size = c.size ?? 'body';
  const align = c.align ?? 'start';
  if (c.runs === undefined) {
    // `text` is one plain run; its problems drop the component, reported at the component.
    const text = s.text(c.text ?? '', `${at}/text`);
    return (ctx) => ({ key, type: 'text', runs: [{ text: text(ctx), bold: false, italic: false, link: null }], size, align });
  }
  const runs = c.runs.map((r, i) => catchDrop(`${at}/runs/${i}`, compileRun(r, `${at}/runs/${i}`, s)));
  return (ctx) => ({ key, type: 'text', runs: collectSome(ctx, runs, at, 'run'), size, align });
}

export function compileHeading(c: Of<'heading'>, at: string, key: string, s: CompileScope): Build<BoundComponent> {
  const text = s.text(c.text, `${at}/text`);
  const level = c.level ?? 2;
  return (ctx) => ({ key, type: 'heading', text: text(ctx), level });
}

export function compileFactUnits(facts: readonly Fact[], at: string, s: CompileScope): Build<BoundFact | null>[] {
  return facts.map((f, i) => {
    const factAt = `${at}/facts/${i}`;
    const label = s.text(f.label, `${factAt}/label`);
    const value = s.text(f.value, `${factAt}/value`);
    return catchDrop(factAt, (ctx) => ({ label: label(ctx), value: value(ctx) }));
  });
}

export function compileFacts(c: Of<'facts'>, at: string, key: string, s: CompileScope): Build<BoundComponent> {
  const facts = compileFactUnits(c.facts, at, s);
  return (ctx) => ({ key, type: 'facts', facts: collectSome(ctx, facts, at, 'fact') });
}

export function compileList(c: Of<'list'>, at: string, key: string, s: CompileScope, keys: KeyRegistry): Build<BoundComponent> {
  const ordered = c.ordered ?? false;
  const items = c.items.map((item, i): Build<BoundListItem | null> => {
    const itemAt = `${at}/items/${i}`;
    const title = s.text(item.title, `${itemAt}/title`);
    const subtitle = s.optText(item.subtitle, `${itemAt}/subtitle`);
    const image = s.optUrl(item.image, `${itemAt}/image`, true);
    const alt = s.textOr(item.alt, `${itemAt}/alt`, '');
    const action = item.action === undefined ? () => null : compileAction(item.action, keys.action(`${key}/items/${i}`, `${itemAt}/action`), `${itemAt}/action`, s);
    return catchDrop(itemAt, (ctx) => ({ title: title(ctx), subtitle: subtitle(ctx), image: image(ctx), alt: alt(ctx), action: action(ctx) }));
  });
  return (ctx) => ({ key, type: 'list', ordered, items: collectSome(ctx, items, at, 'item') });
}

export function compileCountdown(c: Of<'countdown'>, at: string, key: string, s: CompileScope): Build<BoundComponent> {
  const to = s.instant(c.to, `${at}/to`);
  const label = s.optText(c.label, `${at}/label`);
  const expiredText = s.optText(c.expiredText, `${at}/expiredText`);
  return (ctx) => ({ key, type: 'countdown', to: to(ctx), label: label(ctx), expiredText: expiredText(ctx) });
}

export function compileCode(c: Of<'code'>, at: string, key: string, s: CompileScope): Build<BoundComponent> {
  const format = c.format;
  const value = s.text(c.value, `${at}/value`);
  const alt = s.textOr(c.alt, `${at}/alt`, '');
  const caption = s.optText(c.caption, `${at}/caption`);
  return (ctx) => ({ key, type: 'code', format, value: value(ctx), alt: alt(ctx), caption: caption(ctx) });
}

export function compileMap(c: Of<'map'>, at: string, key: string, s: CompileScope, keys: KeyRegistry): Build<BoundComponent> {
  const query = s.optText(c.query, `${at}/query`);
  const label = s.optText(c.label, `${at}/label`);
  const alt = s.textOr(c.alt, `${at}/alt`, '');
  const lat = c.lat ?? null;
  const lng = c.lng ?? null;
  const zoom = c.zoom ?? 14;
  const action = compileOptAction(c.action, key, at, s, keys);
  return (ctx) => ({ key, type: 'map', query: query(ctx), lat, lng, label: label(ctx), alt: alt(ctx), zoom, action: action(ctx) });
}
