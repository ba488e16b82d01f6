import { countSegments } from '../../sms/text/index.ts';

// num_segments as Twilio reports it: an MMS is one message; text counts its SMS segments exactly as
// porm's SMS codec splits them (src/sms/text: GSM-7 160/153, UCS-2 70/67, characters kept whole).
// A message that went as SMS reports the segments it was sent in.

export function segmentCount(body: string, hasMedia: boolean, sentSegments?: number | null): number {
  if (hasMedia) return 1;
  if (sentSegments !== undefined && sentSegments !== null) return sentSegments;
  if (body === '') return 0;
  return countSegments(body).segments;
}
