// SMPP 3.4 optional parameters (§5.3.2). Known tags decode to typed values; any other tag, or a
// known tag whose length does not fit its type, is kept as raw octets and re-encoded as it came.

export interface NetworkErrorCode {
  /** 1 ANSI-136, 2 IS-95, 3 GSM, 4 reserved. */
  readonly networkType: number;
  readonly errorCode: number;
}

type Kind = 'u8' | 'u16' | 'u32' | 'cstring' | 'octets' | 'network_error_code' | 'flag';

interface KindValue {
  u8: number;
  u16: number;
  u32: number;
  cstring: string;
  octets: Buffer;
  network_error_code: NetworkErrorCode;
  flag: true;
}

export const TLV_DEFS = {
  dest_addr_subunit: { tag: 0x0005, kind: 'u8' },
  dest_network_type: { tag: 0x0006, kind: 'u8' },
  dest_bearer_type: { tag: 0x0007, kind: 'u8' },
  dest_telematics_id: { tag: 0x0008, kind: 'u16' },
  source_addr_subunit: { tag: 0x000d, kind: 'u8' },
  source_network_type: { tag: 0x000e, kind: 'u8' },
  source_bearer_type: { tag: 0x000f, kind: 'u8' },
  source_telematics_id: { tag: 0x0010, kind: 'u8' },
  qos_time_to_live: { tag: 0x0017, kind: 'u32' },
  payload_type: { tag: 0x0019, kind: 'u8' },
  additional_status_info_text: { tag: 0x001d, kind: 'cstring', max: 256 },
  receipted_message_id: { tag: 0x001e, kind: 'cstring', max: 65 },
  ms_msg_wait_facilities: { tag: 0x0030, kind: 'u8' },
  privacy_indicator: { tag: 0x0201, kind: 'u8' },
  source_subaddress: { tag: 0x0202, kind: 'octets' },
  dest_subaddress: { tag: 0x0203, kind: 'octets' },
  user_message_reference: { tag: 0x0204, kind: 'u16' },
  user_response_code: { tag: 0x0205, kind: 'u8' },
  source_port: { tag: 0x020a, kind: 'u16' },
  destination_port: { tag: 0x020b, kind: 'u16' },
  sar_msg_ref_num: { tag: 0x020c, kind: 'u16' },
  language_indicator: { tag: 0x020d, kind: 'u8' },
  sar_total_segments: { tag: 0x020e, kind: 'u8' },
  sar_segment_seqnum: { tag: 0x020f, kind: 'u8' },
  sc_interface_version: { tag: 0x0210, kind: 'u8' },
  callback_num_pres_ind: { tag: 0x0302, kind: 'u8' },
  callback_num_atag: { tag: 0x0303, kind: 'octets' },
  number_of_messages: { tag: 0x0304, kind: 'u8' },
  callback_num: { tag: 0x0381, kind: 'octets' },
  dpf_result: { tag: 0x0420, kind: 'u8' },
  set_dpf: { tag: 0x0421, kind: 'u8' },
  ms_availability_status: { tag: 0x0422, kind: 'u8' },
  network_error_code: { tag: 0x0423, kind: 'network_error_code' },
  message_payload: { tag: 0x0424, kind: 'octets' },
  delivery_failure_reason: { tag: 0x0425, kind: 'u8' },
  more_messages_to_send: { tag: 0x0426, kind: 'u8' },
  message_state: { tag: 0x0427, kind: 'u8' },
  ussd_service_op: { tag: 0x0501, kind: 'u8' },
  display_time: { tag: 0x1201, kind: 'u8' },
  sms_signal: { tag: 0x1203, kind: 'u16' },
  ms_validity: { tag: 0x1204, kind: 'u8' },
  alert_on_message_delivery: { tag: 0x130c, kind: 'flag' },
  its_reply_type: { tag: 0x1380, kind: 'u8' },
  its_session_info: { tag: 0x1383, kind: 'u16' },
} as const satisfies Record<string, { tag: number; kind: Kind; max?: number }>;

export type TlvName = keyof typeof TLV_DEFS;
export type TlvValue<N extends TlvName> = KindValue[(typeof TLV_DEFS)[N]['kind']];

export type KnownTlv = { [N in TlvName]: { readonly name: N; readonly value: TlvValue<N> } }[TlvName];
/** An unknown tag, or a known tag whose value has the wrong size for its type: kept as sent. */
export interface RawTlv {
  readonly name: 'raw';
  readonly tag: number;
  readonly value: Buffer;
}
export type Tlv = KnownTlv | RawTlv;

const BY_TAG = new Map<number, TlvName>((Object.keys(TLV_DEFS) as TlvName[]).map((n) => [TLV_DEFS[n].tag, n]));

const FIXED_SIZE: Partial<Record<Kind, number>> = { u8: 1, u16: 2, u32: 4, network_error_code: 3, flag: 0 };

/** Builds a typed TLV without a cast: the compiler checks the value against the name. */
export function tlv<N extends TlvName>(name: N, value: TlvValue<N>): Tlv {
  return { name, value } as Tlv;
}

/** The first TLV of that name, typed; undefined when absent (or present only in raw form). */
export function getTlv<N extends TlvName>(tlvs: readonly Tlv[], name: N): TlvValue<N> | undefined {
  for (const t of tlvs) if (t.name === name) return t.value as TlvValue<N>;
  return undefined;
}

export function tlvTag(t: Tlv): number {
  return t.name === 'raw' ? t.tag : TLV_DEFS[t.name].tag;
}

/** Decodes one value already cut to its declared length. */
export function decodeTlvValue(tag: number, value: Buffer): Tlv {
  const name = BY_TAG.get(tag);
  if (name === undefined) return { name: 'raw', tag, value };
  const def: { kind: Kind } = TLV_DEFS[name];
  const size = FIXED_SIZE[def.kind];
  if (size !== undefined && value.length !== size) return { name: 'raw', tag, value };
  switch (def.kind) {
    case 'u8': return { name, value: value.readUInt8(0) } as Tlv;
    case 'u16': return { name, value: value.readUInt16BE(0) } as Tlv;
    case 'u32': return { name, value: value.readUInt32BE(0) } as Tlv;
    case 'flag': return { name, value: true } as Tlv;
    case 'network_error_code': return { name, value: { networkType: value.readUInt8(0), errorCode: value.readUInt16BE(1) } } as Tlv;
    case 'octets': return { name, value: Buffer.from(value) } as Tlv;
    case 'cstring': {
      // Cut at the first NUL inside the declared length; SMSCs that omit the NUL are common
      // and the declared length is the authority (never read past it to find a NUL).
      const nul = value.indexOf(0);
      return { name, value: value.toString('latin1', 0, nul === -1 ? value.length : nul) } as Tlv;
    }
  }
}

/** The value octets of a TLV (without tag and length). Throws a RangeError for a value out of its type's range; encode.ts turns it into a PormError. */
export function encodeTlvValue(t: Tlv): Buffer {
  if (t.name === 'raw') return t.value;
  const def: { kind: Kind; max?: number } = TLV_DEFS[t.name];
  const v: unknown = t.value;
  switch (def.kind) {
    case 'u8': case 'u16': case 'u32': {
      const size = def.kind === 'u8' ? 1 : def.kind === 'u16' ? 2 : 4;
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= 2 ** (8 * size)) throw new RangeError(`${t.name} must be an integer of ${size} octet(s)`);
      const b = Buffer.alloc(size);
      b.writeUIntBE(v, 0, size);
      return b;
    }
    case 'flag': return Buffer.alloc(0);
    case 'network_error_code': {
      const n = v as NetworkErrorCode;
      const b = Buffer.alloc(3);
      b.writeUInt8(n.networkType, 0);
      b.writeUInt16BE(n.errorCode, 1);
      return b;
    }
    case 'octets': {
      if (!Buffer.isBuffer(v)) throw new RangeError(`${t.name} must be a Buffer`);
      if (v.length > 0xffff) throw new RangeError(`${t.name} is longer than 65535 octets`);
      return v;
    }
    case 'cstring': {
      if (typeof v !== 'string' || v.includes('\0') || (def.max !== undefined && v.length > def.max - 1)) throw new RangeError(`${t.name} must be a string of at most ${(def.max ?? 0) - 1} characters without NUL`);
      return Buffer.concat([Buffer.from(v, 'latin1'), Buffer.alloc(1)]);
    }
  }
}
