import { readFileSync } from 'node:fs';
import { PormError } from '../errors.ts';

/**
 * A JSON command-line argument, given as text or as @file holding it (rules and A/B tests are long
 * for a shell line). Its shape is checked by the service, as the API's body is; `what` names it in
 * the error ("the rule", "--ab-test").
 */
export function jsonArgument(text: string, what: string): unknown {
  let source = text;
  if (text.startsWith('@')) {
    try {
      source = readFileSync(text.slice(1), 'utf8');
    } catch (err) {
      throw new PormError('PORM_CLI_FILE_UNREADABLE', `cannot read ${text.slice(1)}: ${(err as Error).message}`);
    }
  }
  try {
    return JSON.parse(source) as unknown;
  } catch (err) {
    throw new PormError('PORM_INVALID_JSON', `${what} is not valid JSON: ${(err as Error).message}`);
  }
}
