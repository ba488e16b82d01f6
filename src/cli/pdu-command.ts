// `porm pdu decode FILE` / `porm pdu encode JSON_FILE -o OUT`: look inside MM1 PDUs and build
// them from JSON. Thin by design: the codec and its JSON form live in src/mms/pdu/.
import { readFileSync, writeFileSync } from 'node:fs';
import { Command } from 'commander';
import { decodePdu, encodePdu, pduFromJson, pduToJson, type PduJson } from '../mms/pdu/index.ts';
import { explain, printJson, printLine } from './output.ts';
import { summarisePdu, summaryLines } from './pdu-summary.ts';

/** The JSON `decode` prints: the PDU (octets as base64 + size) and what the decoder tolerated. */
export function decodeAction(file: string): PduJson {
  const { pdu, warnings } = decodePdu(readFileSync(file));
  const json = pduToJson(pdu);
  if (warnings.length > 0) json.warnings = warnings.map((w) => ({ code: w.code, offset: w.offset, message: w.message }));
  return json;
}

/** What `decode --summary` prints: headers and one entry per part, without the octets. */
export function summaryAction(file: string): ReturnType<typeof summarisePdu> {
  const bytes = readFileSync(file);
  return summarisePdu(decodePdu(bytes), bytes.length);
}

/**
 * Writes the PDU described by `jsonFile` (the form `decode` prints) to `out`; returns its size.
 * `relay`: write a decoded peer PDU back as it was read (encodePdu's relay mode).
 */
export function encodeAction(jsonFile: string, out: string, relay = false): number {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(jsonFile, 'utf8'));
  } catch (err) {
    throw new Error(`${jsonFile} is not JSON: ${(err as Error).message}`);
  }
  const bytes = encodePdu(pduFromJson(json), { relay });
  writeFileSync(out, bytes);
  return bytes.length;
}

function reportErrors(run: () => void): void {
  try {
    run();
  } catch (err) {
    // PduError carries its PORM_PDU_ code; a file that cannot be read is PORM_CLI_FILE_UNREADABLE.
    explain(err);
  }
}

export function pduCommand(): Command {
  const pdu = new Command('pdu').description('decode and encode binary MMS (MM1) PDUs');
  pdu.command('decode')
    .description('print an MMS PDU as JSON (octets as base64 with their size; warnings list what was tolerated)')
    .argument('<file>', 'a binary PDU, e.g. an m-send-req or m-retrieve-conf body')
    .option('--summary', 'only the headers and one line per part (content type, size, name), no octets')
    .option('--json', 'with --summary: the summary as JSON; errors as JSON')
    .action((file: string, flags: { summary?: boolean; json?: boolean }) => reportErrors(() => {
      if (!flags.summary) return printJson(decodeAction(file));
      const summary = summaryAction(file);
      if (flags.json) printJson(summary);
      else for (const line of summaryLines(summary)) printLine(line);
    }));
  pdu.command('encode')
    .description('write a binary MMS PDU from its JSON form (as printed by `porm pdu decode`)')
    .argument('<json_file>', 'the PDU as JSON')
    .requiredOption('-o, --out <file>', 'where to write the PDU')
    .option('--relay', 'write a PDU `decode` read from a peer back as it was read, without the checks porm applies to its own PDUs')
    .action((jsonFile: string, flags: { out: string; relay?: boolean }) => reportErrors(() => {
      const size = encodeAction(jsonFile, flags.out, flags.relay === true);
      printLine(`wrote ${size} octets to ${flags.out}`);
    }));
  return pdu;
}
