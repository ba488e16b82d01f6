import { errorRegistry } from './errors.ts';

/** docs/errors.md, rendered from the registry. */
export function renderErrorDocs(): string {
  const lines = [
    '# Error codes',
    '',
    'Every error porm returns is an RFC 9457 `application/problem+json` body:',
    '',
    '```json',
    '{ "type": "urn:porm:error:PORM_INVALID_PHONE_NUMBER", "title": "Invalid phone number", "status": 400,',
    '  "detail": "\\"+1555\\" is not a valid E.164 phone number (like +14155550100)", "code": "PORM_INVALID_PHONE_NUMBER",',
    '  "instance": "/v1/messages", "request_id": "req_…",',
    '  "errors": [{ "field": "/to", "code": "PORM_INVALID_PHONE_NUMBER", "message": "…" }] }',
    '```',
    '',
    'Match on `code`, never on the text. `errors` lists every invalid field (as a JSON pointer) when there are several;',
    'the top-level `code` is that of the first. Codes are stable: they are never renamed or reused.',
    'Codes marked *(message)* are not HTTP answers but the `error_code` a message records when it fails.',
    '',
    '| code | HTTP | title | meaning |',
    '|---|---|---|---|',
  ];
  const pipelineCodes = new Set(['PORM_NO_ROUTE', 'PORM_CARRIER_REJECTED', 'PORM_CARRIER_UNAVAILABLE', 'PORM_MESSAGE_EXPIRED', 'PORM_UNDELIVERED']);
  for (const [code, def] of Object.entries(errorRegistry).sort(([a], [b]) => a.localeCompare(b))) {
    const escape = (text: string): string => text.replace(/\|/g, '\\|');
    lines.push(`| \`${code}\` | ${def.status} | ${escape(def.title)}${pipelineCodes.has(code) ? ' *(message)*' : ''} | ${escape(def.description)} |`);
  }
  lines.push('');
  return lines.join('\n');
}
