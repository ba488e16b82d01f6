import type { BoundComponent } from '../bound/model.ts';
import type { Component } from '../format/types.ts';
import { compileButton, compileButtonRow } from './component-buttons.ts';
import { compileCode, compileCountdown, compileFacts, compileHeading, compileList, compileMap, compileText } from './component-content.ts';
import { compileForm } from './component-form.ts';
import { compileAudio, compileCard, compileCarousel, compileImage, compileVideo } from './component-media.ts';
import type { Build } from './context.ts';
import type { CompileScope, KeyRegistry } from './scope.ts';
import { unit } from './units.ts';

// One top-level component → one closure. A top-level component is always a droppable unit: a
// problem nothing smaller absorbs leaves out the whole component, with a warning.

export function compileComponent(c: Component, at: string, s: CompileScope, keys: KeyRegistry): Build<BoundComponent | null> {
  if (c.type === 'button') return compileButton(c, at, s, keys);
  const key = keys.key(c.id, at);
  return unit(at, c.when, body(c, at, key, s, keys), true);
}

function body(c: Exclude<Component, { type: 'button' }>, at: string, key: string, s: CompileScope, keys: KeyRegistry): Build<BoundComponent> {
  switch (c.type) {
    case 'text': return compileText(c, at, key, s);
    case 'heading': return compileHeading(c, at, key, s);
    case 'image': return compileImage(c, at, key, s, keys);
    case 'video': return compileVideo(c, at, key, s);
    case 'audio': return compileAudio(c, at, key, s);
    case 'card': return compileCard(c, at, key, s, keys);
    case 'carousel': return compileCarousel(c, at, key, s, keys);
    case 'button_row': return compileButtonRow(c, at, key, s, keys);
    case 'list': return compileList(c, at, key, s, keys);
    case 'facts': return compileFacts(c, at, key, s);
    case 'countdown': return compileCountdown(c, at, key, s);
    case 'code': return compileCode(c, at, key, s);
    case 'map': return compileMap(c, at, key, s, keys);
    case 'form': return compileForm(c, at, key, s);
    case 'divider': return () => ({ key, type: 'divider' });
    case 'spacer': {
      const size = c.size ?? 'medium';
      return () => ({ key, type: 'spacer', size });
    }
  }
}
