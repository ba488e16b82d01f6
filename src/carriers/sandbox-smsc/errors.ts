import { defineErrors } from '../../error-def.ts';

// Error codes of the sandbox SMSC (porm's built-in SMPP 3.4 server). Codes are stable.
export const sandboxSmscErrors = defineErrors({
  PORM_SANDBOX_SMSC_NO_RECEIVER: {
    status: 503,
    title: 'No SMPP receiver bound to the sandbox SMSC',
    description: 'The sandbox SMSC was asked to deliver an MO SMS or a receipt now, but no ESME is bound to it as receiver or transceiver. Start porm (or your SMPP client) and let it bind first.',
  },
  PORM_SANDBOX_SMSC_UNKNOWN_MESSAGE: {
    status: 404,
    title: 'Message unknown to the sandbox SMSC',
    description: 'The sandbox SMSC did not accept a message with this id, or has already had its final receipt taken, so it cannot report on it.',
  },
});
