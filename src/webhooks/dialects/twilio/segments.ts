import { segmentCount } from '../../../twilio/api/segments.ts';

/**
 * NumSegments of an inbound message, counted as the REST surface counts num_segments (GSM-7 or
 * UCS-2 segments; an MMS is one), except that a message that arrived is at least one segment
 * even with no text.
 */
export function inboundSegments(body: string, hasMedia: boolean): number {
  return Math.max(1, segmentCount(body, hasMedia));
}
