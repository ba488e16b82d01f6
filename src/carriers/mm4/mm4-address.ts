// MM4 addresses (3GPP TS 23.140 §8.4.1): a number as an RFC 2822 mailbox in the MMSC's domain,
// `+15551234567/TYPE=PLMN@mms.mnc002.mcc242.gprs`. Short codes and other ids go as TYPE=PLMN too,
// which is what inter-carrier hubs expect for US short codes. Pure.

/** porm's number → the mailbox the peer knows it by. */
export function mm4Mailbox(number: string, domain: string): string {
  if (!/^\+?[0-9A-Za-z]{1,32}$/.test(number)) throw new RangeError(`"${number}" cannot be an MM4 address`);
  return `${number}/TYPE=PLMN@${domain}`;
}

/**
 * A mailbox (maybe with a display name and angle brackets) → the number porm stores, or null
 * when it is not a PLMN address. `+15551234567/TYPE=PLMN@x` and `<15551234567/type=plmn@x>` both work.
 */
export function numberOfMailbox(mailbox: string): string | null {
  const inner = /<([^>]*)>/.exec(mailbox)?.[1] ?? mailbox;
  // Digits may come without the /TYPE=PLMN suffix (some MMSCs drop it); anything else needs it, so that
  // alice@example.com is not read as the alphanumeric sender "alice".
  const digits = /^\s*(\+?[0-9]{3,15})(?:\/TYPE=PLMN)?@[^@\s]+\s*$/i.exec(inner);
  if (digits) return digits[1]!;
  const typed = /^\s*([0-9A-Za-z]{1,32})\/TYPE=PLMN@[^@\s]+\s*$/i.exec(inner);
  return typed ? typed[1]! : null;
}
