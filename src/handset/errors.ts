import { defineErrors } from '../error-def.ts';

// Error codes of playing the handset (POST /v1/sandbox/*, `porm sandbox`). Stable: never rename or reuse one.
export const handsetErrors = defineErrors({
  PORM_SANDBOX_NOT_CONFIGURED: { status: 409, title: 'No sandbox carrier', description: 'This server has no carrier of type `sandbox` (for example a production configuration with only mm7 carriers), so there is no simulated handset to play.' },
  PORM_SANDBOX_CARRIER_UNKNOWN: { status: 422, title: 'Unknown sandbox carrier', description: '`carrier` does not name a carrier of type `sandbox` in this configuration.' },
  PORM_SANDBOX_CARRIER_REQUIRED: { status: 422, title: 'Which sandbox carrier?', description: 'Several sandbox carriers are configured; name one in `carrier` (`--carrier` in the CLI).' },
  PORM_SANDBOX_NOT_RUNNING: { status: 503, title: 'Sandbox MMSC not running', description: 'The sandbox MMSC could not be reached: run `porm start` on this data directory (the sandbox runs only with `role: all`).' },
  PORM_SANDBOX_NUMBER_NOT_OWNED: { status: 422, title: 'Not your number', description: 'A handset can only be made to write to a number your account owns (`to`).' },
  PORM_SANDBOX_REPLY_EMPTY: { status: 400, title: 'Empty reply', description: 'A reply needs a non-empty `body` or at least one media item.' },
  PORM_SANDBOX_REPLY_TOO_LARGE: { status: 413, title: 'Reply too large', description: 'The media of one reply add up to more than 1 MiB, more than a handset sends in one MMS.' },
  PORM_SANDBOX_MESSAGE_NOT_SANDBOX: { status: 409, title: 'Not sent through a sandbox', description: 'Only a message sent through a sandbox carrier can be made to fail on demand.' },
  PORM_SANDBOX_MESSAGE_NOT_ACCEPTED: { status: 409, title: 'Not accepted by the sandbox', description: 'The sandbox MMSC has not accepted this message (it is still queued or sending, or was rejected), so it has no delivery to fail yet.' },
  PORM_SANDBOX_MESSAGE_FINAL: { status: 409, title: 'Message already final', description: 'The message already reached a final status (delivered, undelivered, failed or canceled); a later report changes nothing.' },
  PORM_MESSAGE_NOT_SENT_YET: { status: 409, title: 'Message not sent yet', description: 'The message is still accepted, scheduled, queued or sending, so no handset has received it and it has no handset view; ask again once its status is `sent`.' },
  PORM_SANDBOX_DELIVER_REFUSED: { status: 502, title: 'porm refused the sandbox request', description: "porm's own MM7 endpoint did not accept the request the sandbox MMSC sent it; `detail` has the MM7 status it answered." },
});
