import { z } from 'zod';
import type { Channel } from './carrier.ts';
import type { ConnectorType } from './connector-type.ts';
import { mm7Type } from './mm7/mm7-type.ts';
import { sandboxType } from './sandbox/sandbox-type.ts';
import { smppType } from './smpp/smpp-type.ts';
import { sandboxSmscType } from './sandbox-smsc/sandbox-smsc-type.ts';

// The connector registry, keyed by `type`. Adding a connector type is its folder
// (carriers/<type>/, with a <type>-type.ts entry) plus one line in this list. Only entry files
// are imported here, and they import only zod: config.ts composes its `carriers` schema from
// this file, and every CLI command loads config.ts.

const TYPES = [
  sandboxType,
  mm7Type,
  smppType,
  sandboxSmscType,
] as const;

type Registered = (typeof TYPES)[number];
// map() forgets that TYPES is a tuple; the union needs the tuple back to infer each member.
type SchemasOf<T extends readonly Registered[]> = { -readonly [K in keyof T]: T[K]['schema'] };

/** One carrier's settings: the union of every registered type's schema, told apart by `type`. */
export const carrierConfigSchema = z.discriminatedUnion('type', TYPES.map((t) => t.schema) as SchemasOf<typeof TYPES>);

export type CarrierConfig = z.output<typeof carrierConfigSchema>;

/** What the rest of porm may ask of an entry, whatever its config type. */
export type RegisteredConnectorType = Pick<ConnectorType, 'channels' | 'open'> & { readonly type: string };

export function connectorType(type: string): RegisteredConnectorType | undefined {
  return TYPES.find((t) => t.type === type);
}

export function connectorTypes(): readonly RegisteredConnectorType[] {
  return TYPES;
}

/** The channels a connector of `type` serves ([] for a type not in the registry). */
export function channelsOf(type: string): readonly Channel[] {
  return connectorType(type)?.channels ?? [];
}
