// The SMS text codec: GSM 03.38 / UCS-2 text, segmentation counted as Twilio counts it, UDH.
export { planSms, countSegments, chooseEncoding, SMS_CODINGS, type SmsPlan, type SmsPlanOptions, type SmsCount, type SmsCoding, type Gsm7Packing } from './plan.ts';
export { decodeShortMessage, decodeUserData, type DecodedShortMessage, type DecodeOptions } from './decode.ts';
export { decodeUdh, encodeConcatUdh, CONCAT_UDH_OCTETS, IEI_CONCAT_8, IEI_CONCAT_16, IEI_PORTS_8, IEI_PORTS_16, type UserDataHeader, type Concatenation, type PortAddressing, type InformationElement } from './udh.ts';
export { alphabetOf, DATA_CODING_DEFAULT, DATA_CODING_IA5, DATA_CODING_BINARY, DATA_CODING_LATIN1, DATA_CODING_BINARY_4, DATA_CODING_UCS2, type ShortMessageAlphabet } from './data-coding.ts';
export { packSeptets, unpackSeptets, fillBitsAfterUdh } from './gsm7-pack.ts';
export { decodeGsm7Septets, pushGsm7Septets, gsm7SeptetCost, nonGsm7Characters, GSM7_ESCAPE } from './gsm7-alphabet.ts';
export { encodeUcs2, decodeUcs2 } from './ucs2.ts';
export { splitSegments, segmentCount, graphemes, fitsGsm7, SINGLE_CAPACITY, PART_CAPACITY, type SmsEncoding } from './segment.ts';
