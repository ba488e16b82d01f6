import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { MessagingService, PoolNumber } from '../../messaging-services/model.ts';
import { messagingServiceSidOf, phoneNumberSidOf } from '../sids.ts';

// Messaging services as Twilio's Messaging API v1 answers them (messaging.v1.service and
// .service.phone_number): ISO 8601 dates and absolute URLs, as twilio-node's ServiceInstance reads
// them. Fields for features porm does not have carry the value that means "off". Pure.

const iso = (ms: number): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export function serviceUrl(base: string, serviceSid: string): string {
  return `${base}/v1/Services/${serviceSid}`;
}

export function presentService(service: MessagingService, accountSid: string, base: string) {
  const sid = messagingServiceSidOf(service.id);
  const url = serviceUrl(base, sid);
  return {
    account_sid: accountSid,
    sid,
    date_created: iso(service.createdAt),
    date_updated: iso(service.updatedAt),
    friendly_name: service.name,
    inbound_request_url: service.inboundWebhook?.url ?? null,
    inbound_method: service.inboundWebhook?.method ?? 'POST',
    fallback_url: null,
    fallback_method: 'POST',
    status_callback: service.statusCallback,
    sticky_sender: service.stickySender,
    // porm's SMS fallback (text and a link to the media) is the MMS converter's counterpart.
    mms_converter: true,
    smart_encoding: false,
    scan_message_content: 'inherit',
    fallback_to_long_code: false,
    area_code_geomatch: false,
    synchronous_validation: false,
    validity_period: 36000,
    url,
    links: { phone_numbers: `${url}/PhoneNumbers`, short_codes: `${url}/ShortCodes`, alpha_senders: `${url}/AlphaSenders`, messages: `${url}/Messages`, us_app_to_person: `${url}/Compliance/Usa2p`, us_app_to_person_usecases: `${url}/Compliance/Usa2p/Usecases`, channel_senders: `${url}/ChannelSenders` },
    usecase: 'undeclared',
    us_app_to_person_registered: false,
    // A number's own inbound webhook always wins over the service's in porm.
    use_inbound_webhook_on_number: true,
  };
}

export function presentPoolNumber(number: PoolNumber, service: MessagingService, accountSid: string, base: string) {
  const sid = phoneNumberSidOf(number.id);
  return {
    sid,
    account_sid: accountSid,
    service_sid: messagingServiceSidOf(service.id),
    date_created: iso(number.addedAt),
    date_updated: iso(number.addedAt),
    phone_number: number.number,
    country_code: parsePhoneNumberFromString(number.number)?.country ?? null,
    capabilities: number.capabilities.map((c) => c.toUpperCase()),
    url: `${serviceUrl(base, messagingServiceSidOf(service.id))}/PhoneNumbers/${sid}`,
  };
}

/** A v1 list page: the records under `key` and Twilio's `meta` block with absolute page URLs. */
export function presentPage<T>(key: string, records: T[], pageUrl: (page: number, token?: string) => string, page: number, pageSize: number, nextToken: string | null) {
  return {
    [key]: records,
    meta: {
      page, page_size: pageSize, first_page_url: pageUrl(0), previous_page_url: null, url: pageUrl(page),
      next_page_url: nextToken === null ? null : pageUrl(page + 1, nextToken), key,
    },
  };
}
