import type { BoundAction, BoundButton, BoundComponent } from '../bound/model.ts';
import type { Action, Button, Component } from '../format/types.ts';
import { compileAction } from './actions.ts';
import type { Build } from './context.ts';
import type { CompileScope, KeyRegistry } from './scope.ts';
import { collectSome, unit } from './units.ts';

// Buttons drop alone (in a card, a row or at the top level); a row left without buttons drops.

/** A button as a droppable unit with its rules. Its action id is the button's key. */
export function compileButton(b: Button, at: string, s: CompileScope, keys: KeyRegistry): Build<BoundButton | null> {
  const key = keys.key(b.id, at);
  const label = s.text(b.label, `${at}/label`);
  const style = b.style ?? 'secondary';
  const action = compileAction(b.action, keys.action(key, `${at}/action`), `${at}/action`, s);
  return unit(at, b.when, (ctx) => ({ key, type: 'button', label: label(ctx), style, action: action(ctx) }), true);
}

export function compileButtons(buttons: readonly Button[] | undefined, at: string, s: CompileScope, keys: KeyRegistry): Build<BoundButton | null>[] {
  return (buttons ?? []).map((b, i) => compileButton(b, `${at}/buttons/${i}`, s, keys));
}

export function compileButtonRow(c: Extract<Component, { type: 'button_row' }>, at: string, key: string, s: CompileScope, keys: KeyRegistry): Build<BoundComponent> {
  const buttons = compileButtons(c.buttons, at, s, keys);
  return (ctx) => ({ key, type: 'button_row', buttons: collectSome(ctx, buttons, at, 'button') });
}

/** The tap action of an image, card or map: id `${componentKey}.action`. */
export function compileOptAction(a: Action | undefined, key: string, at: string, s: CompileScope, keys: KeyRegistry): Build<BoundAction | null> {
  if (a === undefined) return () => null;
  return compileAction(a, keys.action(`${key}.action`, `${at}/action`), `${at}/action`, s);
}
