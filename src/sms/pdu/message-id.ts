// SMSC message ids reach porm in more than one form: submit_sm_resp says "0059113978" while the
// receipt's receipted_message_id says "38601fa" (the same number in hex), or case and leading
// zeros differ (jasmin#643, Kannel's msg-id-type). These keys let a receipt find its submit.

/** Lower-case hex of a decimal id, without leading zeros ("98765432101" → "16fee0e525"). */
export function decimalIdToHex(decimal: string): string | undefined {
  if (!/^\d{1,40}$/.test(decimal)) return undefined;
  return BigInt(decimal).toString(16);
}

/** Decimal of a hex id ("16FEE0E525" → "98765432101"). */
export function hexIdToDecimal(hex: string): string | undefined {
  if (!/^[0-9a-f]{1,32}$/i.test(hex)) return undefined;
  return BigInt(`0x${hex}`).toString(10);
}

function canonical(id: string): string {
  return id.trim().toLowerCase().replace(/^0+(?=.)/, '');
}

/**
 * Every form an id may take elsewhere, most specific first: `s:` the id canonicalised (trimmed,
 * lower case, leading zeros dropped), then `n:` the numbers it may denote (its decimal value
 * when all digits, its value read as hex when it is hex). Two ids may name the same message when
 * their keys intersect; match on the `s:` key first and fall back to `n:` keys only when that
 * finds nothing, because a short id read both ways can collide with another message's id.
 */
export function messageIdKeys(id: string): string[] {
  const base = canonical(id);
  const keys = [`s:${base}`];
  if (/^\d{1,40}$/.test(base)) keys.push(`n:${BigInt(base).toString(10)}`);
  const asHex = hexIdToDecimal(base);
  if (asHex !== undefined && !keys.includes(`n:${asHex}`)) keys.push(`n:${asHex}`);
  return keys;
}
