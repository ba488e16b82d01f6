// The keywords porm always knows, as normalised text (normalize.ts). Sources: the reference §2 —
// FCC 24-24 "per se" revocation words, Twilio's default set, AWS (ARRET, REMOVE, TD) and Telnyx
// ("STOP ALL"). A program can add words; it can never remove these.

export type KeywordKind = 'opt_out' | 'opt_in' | 'help';

/** A language is named only where the word tells it; otherwise the program's default language answers. */
export interface BuiltinKeyword { text: string; language?: string }

export const OPT_OUT_WORDS: readonly BuiltinKeyword[] = [
  // FCC 24-24
  { text: 'stop' }, { text: 'quit' }, { text: 'end' }, { text: 'revoke' }, { text: 'opt out' }, { text: 'cancel' }, { text: 'unsubscribe' },
  // Twilio
  { text: 'stopall' }, { text: 'optout' },
  // AWS, Telnyx
  { text: 'arret', language: 'fr' }, { text: 'remove' }, { text: 'td' }, { text: 'stop all' },
  // Spanish
  { text: 'alto', language: 'es' }, { text: 'parar', language: 'es' }, { text: 'baja', language: 'es' }, { text: 'cancelar', language: 'es' },
  { text: 'detener', language: 'es' }, { text: 'darme de baja', language: 'es' },
];

/**
 * Clear opt-out phrases (the reference: "any other clear wording is a rebuttable revocation").
 * Only whole replies count: "dont stop the deals" contains "stop" and is not an opt-out.
 */
export const OPT_OUT_PHRASES: readonly BuiltinKeyword[] = [
  { text: 'stop texting me' }, { text: 'stop texting' }, { text: 'stop messaging me' }, { text: 'stop sending me messages' }, { text: 'stop sending' },
  { text: 'stop sending me texts' }, { text: 'stop contacting me' }, { text: 'stop the texts' }, { text: 'stop the messages' },
  { text: 'remove me' }, { text: 'remove me from this list' }, { text: 'remove me from your list' }, { text: 'remove my number' },
  { text: 'take me off' }, { text: 'take me off your list' }, { text: 'take me off this list' }, { text: 'opt me out' },
  { text: 'unsubscribe me' }, { text: 'wrong number' }, { text: 'dont text me' }, { text: 'do not text me' }, { text: 'dont text' }, { text: 'do not text' },
  { text: 'dont message me' }, { text: 'do not message me' }, { text: 'dont contact me' }, { text: 'do not contact me' },
  { text: 'no more texts' }, { text: 'no more messages' }, { text: 'leave me alone' }, { text: 'i want to unsubscribe' },
  { text: 'no me envies mas mensajes', language: 'es' }, { text: 'numero equivocado', language: 'es' },
];

export const OPT_IN_WORDS: readonly BuiltinKeyword[] = [
  { text: 'start' }, { text: 'yes' }, { text: 'unstop' }, { text: 'si', language: 'es' },
];

export const HELP_WORDS: readonly BuiltinKeyword[] = [
  { text: 'help' }, { text: 'info' }, { text: 'ayuda', language: 'es' },
];

/** Courtesy around a keyword does not change it: "stop please", "please unsubscribe", "STOP!! thanks". */
export const COURTESY_WORDS: ReadonlySet<string> = new Set(['please', 'pls', 'plz', 'thanks', 'thank you', 'thx', 'now', 'por favor', 'gracias', 'ok']);
