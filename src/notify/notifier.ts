// The Notifier port: short hints from one process to the others sharing porm's database, such as
// "jobs were enqueued" (idle workers claim at once instead of at their next poll) and "a template
// has a new revision" (open pages update live). A hint is never the only way to learn of a change:
// a notification can be lost (a reconnect, a process starting late), so whoever acts on one also
// polls or re-reads. Payloads are small strings; PostgreSQL caps a NOTIFY payload at 8000 bytes.

/** Channels porm publishes on; a new one adds its name here. */
export const NOTIFY_CHANNELS = ['jobs', 'revisions'] as const;
export type NotifyChannel = (typeof NOTIFY_CHANNELS)[number];

/** Bytes of payload a publish may carry (PostgreSQL's 8000, less room for the origin tag). */
export const MAX_PAYLOAD_BYTES = 7900;

export type NotifyListener = (payload: string) => void;

export interface Notifier {
  /**
   * Delivers `payload` to this channel's subscribers in every other process (not this one: the
   * publisher tells its own process directly, without a round trip). Call it only after the change
   * it announces has committed. Resolves once handed to the transport; a transport that is down
   * drops the hint (and says so in the log) rather than throw.
   */
  publish(channel: NotifyChannel, payload: string): Promise<void>;
  /** Calls `listener` for every payload on the channel; returns the unsubscribe. */
  subscribe(channel: NotifyChannel, listener: NotifyListener): () => void;
  /**
   * Calls `listener` each time the transport is (again) listening: at the first connection and
   * after every reconnection. Hints sent before it may have been missed, so look once more.
   */
  onResume(listener: () => void): () => void;
  close(): Promise<void>;
}

export function assertPayload(payload: string): void {
  if (Buffer.byteLength(payload) > MAX_PAYLOAD_BYTES) throw new RangeError(`a notification payload is limited to ${MAX_PAYLOAD_BYTES} bytes`);
}
