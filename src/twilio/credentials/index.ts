// The Twilio credentials capability: AC… account SIDs, auth tokens (with rotation) and SK… API keys.
// twilio-hooks signs callbacks with authTokenOf(accountId) and names the account with accountSidOf(accountId).
export { TwilioCredentials, generateAuthToken, TWILIO_AUTH_CACHE_MS } from './credential-service.ts';
export type { TwilioAccount, TwilioApiKey, CreatedTwilioApiKey, TwilioAuth } from './credential-service.ts';
export { accountSidFor, isAccountSid, isApiKeySid } from './sids.ts';
