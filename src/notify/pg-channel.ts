import { createHash } from 'node:crypto';

// PostgreSQL channel names for porm's notifications. NOTIFY already stays inside one database;
// the schema in the name keeps two porm installations in two schemas of one database apart.
// Channel names are identifiers (at most 63 bytes, longer ones silently truncated, which could
// make two long schema names collide), so a schema too long to fit is replaced by its hash.

const MAX_IDENTIFIER_BYTES = 63;

export function pgChannelName(schema: string, channel: string): string {
  const plain = `porm.${schema}.${channel}`;
  if (Buffer.byteLength(plain) <= MAX_IDENTIFIER_BYTES) return plain;
  return `porm.${createHash('sha256').update(schema).digest('hex').slice(0, 24)}.${channel}`;
}
