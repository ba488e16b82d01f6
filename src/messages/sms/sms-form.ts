import type { Channel } from '../../carriers/carrier.ts';
import type { SmsEncoding } from '../../sms/text/index.ts';

// SMS on the message resource: its segment count and encoding, and the fallback policy.

/**
 * When a message meant for MMS goes as SMS (text plus a link to a page with its media):
 * - `auto` (default): when no route has an MMS connector for it, or the MMSC refuses it
 *   permanently for the handset or the content (fallback-reasons.ts);
 * - `sms`: also after any other permanent MMS failure;
 * - `none`: never; the message fails as MMS would.
 */
export type SmsFallback = 'auto' | 'sms' | 'none';
export const SMS_FALLBACKS: readonly SmsFallback[] = ['auto', 'sms', 'none'];

export interface SmsForm {
  segments: number;
  encoding: SmsEncoding;
}

export function fallbackOf(column: string | null): SmsFallback {
  return column === 'sms' || column === 'none' ? column : 'auto';
}

export function channelOfColumn(column: string | null): Channel | null {
  return column === 'sms' || column === 'mms' ? column : null;
}

export function smsFormOf(segments: number | null, encoding: string | null): SmsForm | null {
  if (segments === null || (encoding !== 'gsm7' && encoding !== 'ucs2')) return null;
  return { segments: Number(segments), encoding };
}
