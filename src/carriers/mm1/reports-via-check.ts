// An mm1 carrier's `reportsVia` must name an SMS connector that receives MO SMS, or its
// reports would never be looked for. Pure: config.ts throws.

const SMS_CONNECTORS = new Set(['smpp', 'sandbox-smsc']);

export function reportsViaProblems(carriers: Readonly<Record<string, { type: string; reportsVia?: string | undefined }>>): string[] {
  const problems: string[] = [];
  for (const [name, carrier] of Object.entries(carriers)) {
    if (carrier.type !== 'mm1' || carrier.reportsVia === undefined) continue;
    const via = carriers[carrier.reportsVia];
    if (!via) problems.push(`carriers.${name}.reportsVia: carrier "${carrier.reportsVia}" is not defined in carriers`);
    else if (!SMS_CONNECTORS.has(via.type)) problems.push(`carriers.${name}.reportsVia: carrier "${carrier.reportsVia}" (type ${via.type}) receives no SMS; name an smpp or sandbox-smsc carrier`);
  }
  return problems;
}
