// The MMS header table (OMA-MMS-ENC 1.3 §7.4, codes as in Wireshark / AOSP / Mbuni):
// binary code, model key and value codec. The order of the table is the order the encoder
// writes headers in (after Message-Type, Transaction-ID and MMS-Version, before Content-Type).
import * as c from './header-codecs.ts';
import type { Codec } from './header-codecs.ts';
import type { PduHeaders } from './model.ts';
import type { DecodeContext, Reader } from './reader.ts';
import type { Writer } from './writer.ts';

type Defined<K extends keyof PduHeaders> = NonNullable<PduHeaders[K]>;
type ListKey = { [K in keyof PduHeaders]-?: Defined<K> extends readonly unknown[] ? K : never }[keyof PduHeaders];
type SingleKey = Exclude<keyof PduHeaders, ListKey>;
type Item<K extends ListKey> = Defined<K>[number];

export interface HeaderSpec {
  code: number;
  key: keyof PduHeaders;
  /** Spec name, for messages and docs. */
  name: string;
  /** Reads one value into `into`; false when a single-valued header was already set. Throws PduError when unreadable. */
  read(v: Reader, ctx: DecodeContext, into: PduHeaders): boolean;
  write(w: Writer, h: PduHeaders): void;
}

function single<K extends SingleKey>(code: number, name: string, key: K, codec: Codec<Defined<K>>): HeaderSpec {
  return {
    code,
    key,
    name,
    read(v, ctx, into) {
      const value: PduHeaders[K] = codec.read(v, ctx);
      if (into[key] !== undefined) return false;
      into[key] = value;
      return true;
    },
    write(w, h) {
      const value = h[key];
      if (value === undefined) return;
      w.u8(code);
      codec.write(w, value as Defined<K>, name);
    },
  };
}

function list<K extends ListKey>(code: number, name: string, key: K, codec: Codec<Item<K>>): HeaderSpec {
  return {
    code,
    key,
    name,
    read(v, ctx, into) {
      const item = codec.read(v, ctx);
      const items: Item<K>[] = [...((into[key] ?? []) as Item<K>[]), item];
      into[key] = items as PduHeaders[K];
      return true;
    },
    write(w, h) {
      for (const item of (h[key] ?? []) as Item<K>[]) {
        w.u8(code);
        codec.write(w, item, name);
      }
    },
  };
}

const priority = c.enumOf(['low', 'normal', 'high'] as const);
const visibility = c.enumOf(['hide', 'show'] as const);
const status = c.enumOf(['expired', 'retrieved', 'rejected', 'deferred', 'unrecognised', 'indeterminate', 'forwarded', 'unreachable'] as const);
const readStatus = c.enumOf(['read', 'deleted-without-being-read'] as const);
const replyCharging = c.enumOf(['requested', 'requested-text-only', 'accepted', 'accepted-text-only'] as const);
const mmState = c.enumOf(['draft', 'sent', 'new', 'retrieved', 'forwarded'] as const);
const contentClass = c.enumOf(['text', 'image-basic', 'image-rich', 'video-basic', 'video-rich', 'megapixel', 'content-basic', 'content-rich'] as const);
const cancelStatus = c.enumOf(['received', 'corrupted'] as const);
const retrievalMode = c.enumOf(['manual'] as const);

export const TRANSACTION_ID = single(0x98, 'X-Mms-Transaction-Id', 'transactionId', c.text);

/** Every modelled header but Transaction-ID, in encoding order. */
export const HEADER_SPECS: readonly HeaderSpec[] = [
  single(0x8b, 'Message-ID', 'messageId', c.text),
  single(0x85, 'Date', 'date', c.date),
  single(0x89, 'From', 'from', c.from),
  list(0x97, 'To', 'to', c.address),
  list(0x82, 'Cc', 'cc', c.address),
  list(0x81, 'Bcc', 'bcc', c.address),
  single(0x96, 'Subject', 'subject', c.encoded),
  single(0x8a, 'X-Mms-Message-Class', 'messageClass', c.messageClass),
  single(0x8e, 'X-Mms-Message-Size', 'messageSize', c.longInteger),
  single(0x88, 'X-Mms-Expiry', 'expiry', c.time),
  single(0x87, 'X-Mms-Delivery-Time', 'deliveryTime', c.time),
  single(0x8f, 'X-Mms-Priority', 'priority', priority),
  single(0x94, 'X-Mms-Sender-Visibility', 'senderVisibility', visibility),
  single(0x86, 'X-Mms-Delivery-Report', 'deliveryReport', c.yesNo),
  single(0x90, 'X-Mms-Read-Report', 'readReport', c.yesNo),
  single(0x91, 'X-Mms-Report-Allowed', 'reportAllowed', c.yesNo),
  single(0x95, 'X-Mms-Status', 'status', status),
  single(0xb6, 'X-Mms-Status-Text', 'statusText', c.encoded),
  single(0x9b, 'X-Mms-Read-Status', 'readStatus', readStatus),
  single(0x92, 'X-Mms-Response-Status', 'responseStatus', c.statusCode),
  single(0x93, 'X-Mms-Response-Text', 'responseText', c.encoded),
  single(0x99, 'X-Mms-Retrieve-Status', 'retrieveStatus', c.statusCode),
  single(0x9a, 'X-Mms-Retrieve-Text', 'retrieveText', c.encoded),
  single(0x83, 'X-Mms-Content-Location', 'contentLocation', c.text),
  single(0x9c, 'X-Mms-Reply-Charging', 'replyCharging', replyCharging),
  single(0x9d, 'X-Mms-Reply-Charging-Deadline', 'replyChargingDeadline', c.time),
  single(0x9e, 'X-Mms-Reply-Charging-ID', 'replyChargingId', c.text),
  single(0x9f, 'X-Mms-Reply-Charging-Size', 'replyChargingSize', c.longInteger),
  list(0xa0, 'X-Mms-Previously-Sent-By', 'previouslySentBy', c.previouslySentBy),
  list(0xa1, 'X-Mms-Previously-Sent-Date', 'previouslySentDate', c.previouslySentDate),
  single(0xa2, 'X-Mms-Store', 'store', c.yesNo),
  single(0xa3, 'X-Mms-MM-State', 'mmState', mmState),
  list(0xa4, 'X-Mms-MM-Flags', 'mmFlags', c.mmFlag),
  single(0xa5, 'X-Mms-Store-Status', 'storeStatus', c.statusCode),
  single(0xa6, 'X-Mms-Store-Status-Text', 'storeStatusText', c.encoded),
  single(0xa7, 'X-Mms-Stored', 'stored', c.yesNo),
  list(0xa8, 'X-Mms-Attributes', 'attributes', c.attribute),
  single(0xa9, 'X-Mms-Totals', 'totals', c.yesNo),
  list(0xaa, 'X-Mms-Mbox-Totals', 'mboxTotals', c.mboxCount),
  single(0xab, 'X-Mms-Quotas', 'quotas', c.yesNo),
  list(0xac, 'X-Mms-Mbox-Quotas', 'mboxQuotas', c.mboxCount),
  single(0xad, 'X-Mms-Message-Count', 'messageCount', c.integerValue),
  single(0xaf, 'X-Mms-Start', 'start', c.integerValue),
  single(0xb1, 'X-Mms-Distribution-Indicator', 'distributionIndicator', c.yesNo),
  single(0xb3, 'X-Mms-Limit', 'limit', c.integerValue),
  single(0xb4, 'X-Mms-Recommended-Retrieval-Mode', 'recommendedRetrievalMode', retrievalMode),
  single(0xb5, 'X-Mms-Recommended-Retrieval-Mode-Text', 'recommendedRetrievalModeText', c.encoded),
  single(0xb7, 'X-Mms-Applic-ID', 'applicId', c.text),
  single(0xb8, 'X-Mms-Reply-Applic-ID', 'replyApplicId', c.text),
  single(0xb9, 'X-Mms-Aux-Applic-Info', 'auxApplicInfo', c.text),
  single(0xba, 'X-Mms-Content-Class', 'contentClass', contentClass),
  single(0xbb, 'X-Mms-DRM-Content', 'drmContent', c.yesNo),
  single(0xbc, 'X-Mms-Adaptation-Allowed', 'adaptationAllowed', c.yesNo),
  single(0xbd, 'X-Mms-Replace-ID', 'replaceId', c.text),
  single(0xbe, 'X-Mms-Cancel-ID', 'cancelId', c.text),
  single(0xbf, 'X-Mms-Cancel-Status', 'cancelStatus', cancelStatus),
];

export const SPEC_BY_CODE = new Map<number, HeaderSpec>([TRANSACTION_ID, ...HEADER_SPECS].map((s) => [s.code, s]));

export const MESSAGE_TYPE_HEADER = 0x8c;
export const VERSION_HEADER = 0x8d;
export const CONTENT_TYPE_HEADER = 0x84;
