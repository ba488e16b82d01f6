import type { BoundMessage } from '../src/rich/bound/model.ts';
import { isObject, prop } from './json.ts';

// `GET ${base}/instructions`: the bound message plus the state the renderer needs (answers already
// given, server time). Checked only as deep as this file relies on; the renderer re-validates
// everything it emits, whatever the message holds.

export interface Instructions {
  readonly revision: number;
  readonly message: BoundMessage;
  readonly answeredForms: ReadonlySet<string>;
  readonly postbackAnswers: Readonly<Record<string, string>>;
  /** Server clock (epoch ms) when the instructions were made. */
  readonly now: number;
  readonly appSchemes: readonly string[];
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export function parseInstructions(body: unknown): Instructions {
  const revision = prop(body, 'revision');
  const message = prop(body, 'message');
  if (typeof revision !== 'number' || !isObject(message) || !Array.isArray(message.components) || !Array.isArray(message.quickReplies)) {
    throw new Error('instructions: unexpected response shape');
  }
  const answers = prop(body, 'postback_answers');
  // fromEntries defines own properties, so an action id like "__proto__" stays plain data.
  const postbackAnswers = Object.fromEntries(isObject(answers) ? Object.entries(answers).filter((e): e is [string, string] => typeof e[1] === 'string') : []);
  const now = prop(body, 'now');
  return {
    revision,
    message: message as unknown as BoundMessage,
    answeredForms: new Set(strings(prop(body, 'answered_forms'))),
    postbackAnswers,
    now: typeof now === 'number' && Number.isFinite(now) ? now : Date.now(),
    appSchemes: strings(prop(body, 'app_schemes')),
  };
}

export async function fetchInstructions(base: string): Promise<Instructions> {
  const res = await fetch(`${base}/instructions`, { credentials: 'same-origin', cache: 'no-store', headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`instructions: HTTP ${res.status}`);
  return parseInstructions(await res.json());
}
