import { createHash } from 'node:crypto';

// Account SIDs are derived from the porm account id (a hash, so any id format works and the same
// account gets the same SID on every server sharing the database); the unique column in
// twilio_accounts maps them back.

/** `AC` + 32 lowercase hex, as the twilio SDKs require (they refuse an account SID without `AC`). */
export function accountSidFor(accountId: string): string {
  return `AC${createHash('sha256').update(`porm-account:${accountId}`).digest('hex').slice(0, 32)}`;
}

export function isAccountSid(text: string): boolean {
  return /^AC[0-9a-fA-F]{32}$/.test(text);
}

export function isApiKeySid(text: string): boolean {
  return /^SK[0-9a-fA-F]{32}$/.test(text);
}
