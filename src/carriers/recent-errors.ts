import type { HealthError } from './carrier.ts';

// The last few errors of one connector, newest first, as the dashboard's overview shows them to
// every account: a carrier's words can echo a recipient's number, so digit runs long enough to be
// a phone number are masked, and the text is cut short. Codes are porm's or the carrier's own.

// A run of digits (with the spaces, brackets and dashes numbers are written with), not inside a word
// such as 0x0000000B; masked when it holds 7 digits or more.
const NUMBER = /(?<![\w.:])\+?\d[\d ()-]{5,}\d(?!\w)/g;
export const MAX_ERROR_TEXT = 200;

/** A carrier's message fit to be shown to any account: no phone numbers, one line, at most 200 characters. */
export function scrubCarrierText(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim().replace(NUMBER, (m) => (m.replace(/\D/g, '').length >= 7 ? '[number]' : m));
  return one.length > MAX_ERROR_TEXT ? `${one.slice(0, MAX_ERROR_TEXT - 1)}…` : one;
}

export class RecentErrors {
  private readonly items: HealthError[] = [];

  constructor(private readonly keep = 5) {}

  add(code: string, message: string, at: number): void {
    this.items.unshift({ code: scrubCarrierText(code).slice(0, 64), message: scrubCarrierText(message), at });
    if (this.items.length > this.keep) this.items.length = this.keep;
  }

  list(): HealthError[] {
    return this.items.map((e) => ({ ...e }));
  }
}
