// The fixed vocabularies rules may read. Device rules run on the phone, so they see only this
// context (never recipient data); server rules see data slots plus the recipient's history.

export type ValueKind = 'string' | 'number' | 'boolean';

export const DEVICE_PATHS: Readonly<Record<string, ValueKind>> = Object.freeze({
  'device.locale': 'string', // BCP 47, e.g. "fr-CA"
  'device.language': 'string', // primary subtag, e.g. "fr"
  'device.local_time': 'string', // "HH:MM", 24h: compares correctly as text
  'device.time_of_day': 'string', // morning | afternoon | evening | night
  'device.weekday': 'number', // 1 = Monday … 7 = Sunday (ISO 8601)
  'device.screen_width': 'number', // CSS pixels
  'device.dark_mode': 'boolean',
  'device.capability.calendar': 'boolean',
  'device.capability.map': 'boolean',
  'device.capability.video': 'boolean',
  'device.capability.audio': 'boolean',
  'device.capability.wallet': 'boolean',
  'device.capability.clipboard': 'boolean',
  'device.capability.share': 'boolean',
  'device.location_granted': 'boolean',
  'device.country': 'string', // ISO 3166-1 alpha-2, only when coarse location is granted
  'device.region': 'string', // ISO 3166-2, only when coarse location is granted
});

export const HISTORY_PATHS: Readonly<Record<string, ValueKind>> = Object.freeze({
  'history.messages_received': 'number',
  'history.last_message_at': 'string', // ISO 8601 instant
  'history.clicks': 'number',
  'history.last_click_at': 'string',
  'history.submits': 'number',
  'history.opened_last': 'boolean',
});

export const DEFAULT_URL_SCHEMES: readonly string[] = Object.freeze(['https', 'http', 'tel', 'sms', 'mailto', 'geo']);

/** Slot names that would shadow rule roots, loop helpers or prototype machinery. */
export const RESERVED_SLOT_NAMES: ReadonlySet<string> = new Set(['device', 'history', 'forloop', 'constructor', 'prototype', 'empty', 'blank', 'nil', 'null', 'true', 'false']);
