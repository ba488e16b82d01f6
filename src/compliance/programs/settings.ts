// A program's settings (a program: one messaging use case of an account, e.g. "order updates" or
// "weekly deals"; a number belongs to one). Pure types and defaults; validation in settings-validate.ts.

/** The texts porm answers keywords with, in one language. */
export interface ProgramReplies {
  /** The one confirmation of an opt-out (no marketing allowed in it). */
  optOut: string;
  /** The confirmation of an opt-in (START, YES, UNSTOP). */
  optIn: string;
  /** The answer to HELP/INFO, sent whether or not the person is subscribed. */
  help: string;
  /** Double opt-in: what porm asks before the first marketing message. */
  confirmRequest: string;
}

/** Keywords a program adds to the built-in ones (src/compliance/keywords); the built-in opt-out words can never be removed. */
export interface ProgramKeywords {
  optOut: string[];
  optIn: string[];
  help: string[];
}

export interface QuietHours {
  /** "HH:MM" recipient local time when marketing may start, inclusive. */
  start: string;
  /** "HH:MM" recipient local time when the window closes, exclusive. */
  end: string;
  /** Transactional messages are exempt unless the program opts them in. */
  appliesToTransactional: boolean;
  /** Apply the stricter state rules (FL, OK, MD, CT, WA) from the recipient's area code. */
  stateRules: boolean;
}

export interface FrequencyCap {
  /** At most this many marketing messages per recipient … */
  max: number;
  /** … in any window of this many hours. */
  windowHours: number;
  /** Over the cap: hold until the window lets it through, or fail it. */
  action: 'hold' | 'fail';
}

export interface ProgramSettings {
  keywords: ProgramKeywords;
  /** Replies per language ("en", "es", …); `defaultLanguage` must be among them. */
  replies: Record<string, ProgramReplies>;
  defaultLanguage: string;
  /** Marketing to a recipient only after they answered YES to porm's confirmation request. */
  doubleOptIn: boolean;
  /** A marketing message to a recipient without an opt-in on record fails (PORM_CONSENT_REQUIRED). */
  requireConsentForMarketing: boolean;
  /** An opt-out received by this program suppresses the recipient for every program of the account (the reference's safe default). */
  brandWideSuppression: boolean;
  quietHours: QuietHours;
  frequencyCap: FrequencyCap | null;
}

export const DEFAULT_REPLIES: Readonly<Record<string, ProgramReplies>> = {
  en: {
    optOut: 'You have been unsubscribed and will receive no more messages. Reply START to resubscribe.',
    optIn: 'You are subscribed again. Msg & data rates may apply. Reply HELP for help, STOP to cancel.',
    help: 'Msg & data rates may apply. Reply STOP to cancel, START to resubscribe.',
    confirmRequest: 'Reply YES to confirm you want to receive marketing messages. Msg & data rates may apply. Reply STOP to cancel.',
  },
  es: {
    optOut: 'Has cancelado tu suscripción y no recibirás más mensajes. Responde START para volver a suscribirte.',
    optIn: 'Te has suscrito de nuevo. Pueden aplicarse tarifas de mensajes y datos. Responde AYUDA para ayuda, STOP para cancelar.',
    help: 'Pueden aplicarse tarifas de mensajes y datos. Responde STOP para cancelar, START para suscribirte.',
    confirmRequest: 'Responde SI para confirmar que quieres recibir mensajes de marketing. Responde STOP para cancelar.',
  },
};

export function defaultProgramSettings(): ProgramSettings {
  return {
    keywords: { optOut: [], optIn: [], help: [] },
    replies: structuredClone({ ...DEFAULT_REPLIES }),
    defaultLanguage: 'en',
    doubleOptIn: false,
    requireConsentForMarketing: false,
    brandWideSuppression: true,
    quietHours: { start: '08:00', end: '20:00', appliesToTransactional: false, stateRules: true },
    frequencyCap: null,
  };
}
