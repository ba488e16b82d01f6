import { defineErrors } from '../error-def.ts';

// Error codes of the porm command itself (arguments, files, the data directory). The CLI prints
// every error with its code, `porm: … [PORM_…]`, or under --json as {"error": {"code", "message"}}.
// Codes are stable: never rename or reuse one. The status is what an HTTP API would answer.
export const cliErrors = defineErrors({
  PORM_CLI_USAGE: { status: 400, title: 'Invalid command line', description: 'An unknown command or option, a missing argument, or an option value out of range. `porm <command> --help` lists what the command takes.' },
  PORM_CLI_FILE_UNREADABLE: { status: 400, title: 'File cannot be read', description: 'A file named on the command line does not exist or cannot be read.' },
  PORM_CLI_ACCOUNT_NOT_FOUND: { status: 404, title: 'Account not found', description: 'The data directory has no account with the id given to --account, or no account at all yet (run `porm start` once, or `porm accounts create NAME`).' },
  PORM_CLI_KEY_NOT_FOUND: { status: 404, title: 'API key not found', description: 'The data directory has no API key with this id (`porm keys list` shows them).' },
  PORM_CLI_PROFILE_NOT_FOUND: { status: 400, title: 'Media profile not found', description: 'No built-in media profile and no profile in media.profiles has this name.' },
  PORM_CLI_NOTHING_TO_FIT: { status: 400, title: 'Nothing to fit', description: '`porm media fit` converts images, video and audio; documents (vCard, text, PDF) are sent as they are, so there is nothing to fit. The message says whether the profile accepts the file.' },
  PORM_CLI_START_FAILED: { status: 500, title: 'porm could not start', description: 'A server could not start: another porm runs on the data directory, the port is taken, or the database cannot be opened. The message says which.' },
  PORM_CONFIG_INVALID: { status: 500, title: 'Invalid configuration', description: 'The configuration (file, PORM_* environment or flags) is invalid; the message names the setting. The CLI exits with code 2.' },
});
