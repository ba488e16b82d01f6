import { defineErrors } from '../../error-def.ts';

// Error codes of the SMPP 3.4 PDU codec and the delivery-receipt text parser. Codes are stable:
// never rename or reuse one. Decoding errors are 400 (a peer sent bytes porm cannot read);
// encoding errors are 422 (porm was asked to build a PDU that SMPP 3.4 does not allow).
export const smppPduErrors = defineErrors({
  PORM_SMPP_PDU_MALFORMED: {
    status: 400,
    title: 'Malformed SMPP PDU',
    description: 'An SMPP PDU body could not be decoded: a C-octet string has no NUL before the end of the PDU, sm_length runs past the PDU, or a mandatory field is missing. The header was intact, so a session answers with an error response or generic_nack and stays bound.',
  },
  PORM_SMPP_PDU_TLV_TRUNCATED: {
    status: 400,
    title: 'Truncated SMPP optional parameter',
    description: 'An optional parameter (TLV) declares more octets than remain in the PDU, or its tag/length header is cut short. The mandatory fields decoded; the error carries them (`partial`) for a session that chooses to accept them.',
  },
  PORM_SMPP_PDU_UNKNOWN_COMMAND: {
    status: 400,
    title: 'Unknown SMPP command',
    description: 'The command_id is not one porm implements (SMPP 3.4 bind, submit_sm, deliver_sm, data_sm, query_sm, cancel_sm, replace_sm, enquire_link, unbind, outbind, alert_notification, generic_nack). A session answers generic_nack with ESME_RINVCMDID and the same sequence number.',
  },
  PORM_SMPP_PDU_BAD_LENGTH: {
    status: 400,
    title: 'Invalid SMPP command_length',
    description: 'command_length is below 16 (the header), above the configured maximum, or differs from the octets handed to the decoder. The byte stream cannot be re-synchronised: the session closes the connection.',
  },
  PORM_SMPP_PDU_INVALID_VALUE: {
    status: 422,
    title: 'Invalid SMPP field value',
    description: 'A PDU cannot be encoded: a C-octet string is longer than its SMPP 3.4 maximum or contains NUL, an integer is out of its field range, or short_message is longer than 255 octets (use message_payload).',
  },
  PORM_SMPP_RECEIPT_MALFORMED: {
    status: 400,
    title: 'Malformed SMPP delivery receipt text',
    description: 'A delivery receipt short_message is not of the form `id:… sub:… dlvrd:… submit date:… done date:… stat:… err:… text:…` (SMPP 3.4 Appendix B): a required field is missing or a date is not YYMMDDhhmm[ss] / YYYYMMDDhhmmss.',
  },
  PORM_SMPP_TIME_INVALID: {
    status: 400,
    title: 'Malformed SMPP time field',
    description: 'A schedule_delivery_time or validity_period is neither empty nor of the SMPP 3.4 §7.1.1 form YYMMDDhhmmsstnnp (absolute, p `+` or `-`, nn at most 48 quarter hours) or YYMMDDhhmmss000R (relative), or names an impossible date. The sandbox SMSC answers such a submit_sm with ESME_RINVEXPIRY.',
  },
});

export type SmppPduErrorCode = keyof typeof smppPduErrors;
