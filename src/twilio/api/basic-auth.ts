import type { TwilioAuth, TwilioCredentials } from '../credentials/index.ts';
import { TwilioApiError } from './twilio-error.ts';

// HTTP Basic as Twilio takes it: AccountSid:AuthToken or ApiKeySid:Secret. Every failure is the
// same 401 20003, so a caller learns nothing about which half was wrong or which SIDs exist.

const unauthenticated = (): TwilioApiError => new TwilioApiError(401, 20003, 'Authenticate');

export function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
  const match = header === undefined ? null : /^Basic\s+([A-Za-z0-9+/=]{1,400})$/i.exec(header.trim());
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}

/**
 * The caller of a request to /2010-04-01/Accounts/{pathSid}/…: authenticated, and the owner of
 * that account SID. Another account's SID answers 20404, exactly as a SID that does not exist.
 */
export async function authorize(credentials: TwilioCredentials, header: string | undefined, pathSid: string, path: string): Promise<TwilioAuth> {
  const basic = parseBasic(header);
  if (!basic) throw unauthenticated();
  const auth = await credentials.authenticate(basic.username, basic.password);
  if (!auth) throw unauthenticated();
  if (auth.accountSid !== pathSid) throw new TwilioApiError(404, 20404, `The requested resource ${path} was not found`);
  return auth;
}
