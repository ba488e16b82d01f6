import { defineErrors } from '../../error-def.ts';

// Error codes of the MM1 PDU codec and SMIL builder. Codes are stable: never rename or reuse one.
// Decoding errors are 400 (a peer sent bytes porm cannot read); encoding errors are 422 (porm
// was asked to build a PDU that the specification does not allow).
export const pduErrors = defineErrors({
  PORM_PDU_MALFORMED: {
    status: 400,
    title: 'Malformed MMS PDU',
    description: 'An MM1 PDU could not be decoded: a length ran past the buffer, a value was out of range, or a required header was missing.',
  },
  PORM_PDU_TRUNCATED: {
    status: 400,
    title: 'Truncated MMS PDU',
    description: 'The PDU ends before a length, a value or a multipart entry it announces. The sender cut the PDU short or a length field is corrupt.',
  },
  PORM_PDU_UINTVAR_OVERFLOW: {
    status: 400,
    title: 'MMS PDU uintvar overflow',
    description: 'A WSP uintvar is longer than 5 octets or does not fit in 32 bits.',
  },
  PORM_PDU_INTEGER_OVERFLOW: {
    status: 400,
    title: 'MMS PDU integer overflow',
    description: 'A Long-integer is longer than 30 octets or larger than porm can represent exactly (2^53).',
  },
  PORM_PDU_UNKNOWN_MESSAGE_TYPE: {
    status: 400,
    title: 'Unknown MMS message type',
    description: 'The PDU does not start with X-Mms-Message-Type, or its value is not one of the PDU types of MMS encapsulation 1.0-1.3 (0x80-0x97).',
  },
  PORM_PDU_TOO_MANY_PARTS: {
    status: 400,
    title: 'Too many parts in MMS PDU',
    description: 'The multipart body announces more parts than the decoder allows (see the maxParts option); porm refuses it rather than allocate for it.',
  },
  PORM_PDU_TOO_DEEP: {
    status: 400,
    title: 'MMS multipart nested too deeply',
    description: 'Multipart bodies are nested deeper than the decoder allows (see the maxDepth option).',
  },
  PORM_PDU_TOO_MANY_HEADERS: {
    status: 400,
    title: 'Too many headers in MMS PDU',
    description: 'The PDU or one of its parts carries more headers than the decoder allows (see the maxHeaders option).',
  },
  PORM_PDU_MISSING_HEADER: {
    status: 422,
    title: 'MMS PDU misses a mandatory header',
    description: 'The encoder was asked for a PDU without a header that OMA-MMS-ENC makes mandatory for its type (for example m-send-req without a recipient).',
  },
  PORM_PDU_INVALID_VALUE: {
    status: 422,
    title: 'Invalid MMS header or part value',
    description: 'A value cannot be encoded as the specification requires: control characters or NUL in text, a number out of range, a body on a PDU type without one, or a malformed media type.',
  },
  PORM_PDU_INVALID_ADDRESS: {
    status: 422,
    title: 'Invalid MMS address',
    description: 'An address is neither a phone number, an e-mail address nor a value/TYPE=... device address, so it cannot be sent on MM1.',
  },
  PORM_PDU_INVALID_JSON: {
    status: 422,
    title: 'Invalid PDU JSON',
    description: 'The JSON form of a PDU (as printed by `porm pdu decode`) has a field of the wrong type or an unknown message type.',
  },
  PORM_SMIL_INVALID_SLIDE: {
    status: 422,
    title: 'Invalid MMS slide',
    description: 'A slide is empty, has a non-positive duration, or combines video with audio, which MMS SMIL does not allow.',
  },
});

export type PduErrorCode = keyof typeof pduErrors;
