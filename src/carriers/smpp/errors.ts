import { defineErrors } from '../../error-def.ts';

// Error codes of the smpp connector and the sandbox SMSC's handset. Codes are stable.
export const smppErrors = defineErrors({
  PORM_SANDBOX_SMS_MEDIA: {
    status: 400,
    title: 'An SMS carries no media',
    description: 'POST /v1/sandbox/inbound named a sandbox-smsc carrier but gave media; a handset sends media as MMS. Leave `media` out, or name the MMS sandbox carrier.',
  },
  PORM_SANDBOX_SMS_REFUSED: {
    status: 502,
    title: 'porm refused the sandbox MO SMS',
    description: 'The sandbox SMSC delivered the MO SMS (deliver_sm) but porm answered with an error status, so nothing was stored. The server log says why.',
  },
});
