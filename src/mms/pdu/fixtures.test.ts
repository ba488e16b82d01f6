// Golden decode of the shared interop fixtures (read in place from ../shared/fixtures; these
// tests skip, saying so, when that folder is absent). Expected values come from
// fixtures/mms/EXPECTED.md, parsed at test time.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { normalizeAddress } from './address.ts';
import { decodePdu } from './decode.ts';
import { encodePdu } from './encode.ts';
import { pduToJson } from './json.ts';
import type { Pdu } from './model.ts';
import { checkRow, parseExpected } from './testing/expected.ts';
import { fixturePdus, fixturesSkip, haveFixtures, MMS_FIXTURES } from './testing/fixtures.ts';
import { toHex } from './testing/bytes.ts';

const expected = haveFixtures ? parseExpected(readFileSync(join(MMS_FIXTURES, 'EXPECTED.md'), 'utf8')) : { rows: [], inline: [], encoder: [] };
if (!haveFixtures) console.log('# fixture tests skipped: ../shared/fixtures not found');

/** Canonical form for comparing a decode with the decode of its re-encoding. */
function canonical(pdu: Pdu): unknown {
  const fix = (a: string): string => { try { return normalizeAddress(a); } catch { return a; } };
  const from = pdu.from?.kind === 'address' ? { kind: 'address' as const, address: fix(pdu.from.address) } : pdu.from;
  return pduToJson({ ...pdu, from, to: pdu.to?.map(fix), cc: pdu.cc?.map(fix), bcc: pdu.bcc?.map(fix) });
}

describe(`fixtures: every sample PDU decodes and matches EXPECTED.md${fixturesSkip ? ` (${fixturesSkip})` : ''}`, { skip: fixturesSkip }, () => {
  for (const file of fixturePdus()) {
    it(file, () => {
      const input = readFileSync(join(MMS_FIXTURES, file));
      const { pdu } = decodePdu(input);
      const rows = expected.rows.filter((r) => r.file === file);
      if (!file.endsWith('NOWMMS.MMS')) assert.ok(rows.length > 3, `EXPECTED.md has rows for ${file}`);
      const mismatches = rows.flatMap((r) => checkRow(r, pdu, input).map((m) => `${r.field}: ${m}`));
      assert.deepEqual(mismatches, []);
    });
  }
});

describe(`fixtures: decode -> encode -> decode keeps the structure${fixturesSkip ? ` (${fixturesSkip})` : ''}`, { skip: fixturesSkip }, () => {
  for (const file of fixturePdus()) {
    it(file, (t) => {
      const { pdu } = decodePdu(readFileSync(join(MMS_FIXTURES, file)));
      let again: Buffer;
      try {
        again = encodePdu(pdu);
      } catch (err) {
        // gallery2test.mms sends To "Jg": not an address the strict encoder may write.
        assert.equal((err as { code?: string }).code, 'PORM_PDU_INVALID_ADDRESS');
        t.diagnostic(`not re-encodable: ${(err as Error).message}`);
        return;
      }
      assert.deepEqual(canonical(decodePdu(again).pdu), canonical(pdu));
    });
  }
});

describe(`fixtures: EXPECTED.md inline PDUs and encoder vectors${fixturesSkip ? ` (${fixturesSkip})` : ''}`, { skip: fixturesSkip }, () => {
  for (const row of expected.inline) {
    it(`decodes ${row.id}`, () => {
      const input = Buffer.from(row.hex, 'hex');
      const { pdu } = decodePdu(input);
      const facts = Object.fromEntries(row.expected.split('; ').map((f) => [f.split(' ')[0]!, f.slice(f.indexOf(' ') + 1)]));
      assert.ok(row.expected.replace(/^Message-Type /, '').startsWith(pdu.messageType), row.expected);
      const optional = (v: string | undefined): string | undefined => (v === undefined || v === 'absent' ? undefined : v.replace(/`/g, '').toLowerCase());
      if (facts.Class !== undefined) assert.equal(pdu.messageClass, optional(facts.Class));
      if (facts.Priority !== undefined) assert.equal(pdu.priority, optional(facts.Priority));
      const tid = facts['Transaction-ID'];
      assert.equal(pdu.transactionId, tid === undefined || tid === 'absent' ? undefined : tid.replace(/`/g, ''));
      assert.equal(pdu.mmsVersion, facts['MMS-Version']);
      assert.equal(input.length, Number(/overall size (\d+)/.exec(row.expected)![1]));
      if (facts.Subject !== undefined) assert.equal(pdu.subject ?? 'absent', facts.Subject.replace(/`/g, ''));
      if (facts['Msg-Id'] !== undefined) assert.equal(pdu.messageId ?? 'absent', facts['Msg-Id'].replace(/`/g, ''));
      if (facts.Location !== undefined) assert.equal(pdu.contentLocation, facts.Location.replace(/`/g, ''));
      if (facts.Size !== undefined) assert.equal(pdu.messageSize, Number(facts.Size));
      if (facts.Date !== undefined) assert.equal(pdu.date?.toISOString().replace('.000Z', 'Z'), /= (\S+Z)/.exec(facts.Date)![1]);
      const from = facts.From?.replace(/`/g, '');
      // The note says where the bytes carry a '+' upstream does not print: the bytes win.
      if (from !== undefined && pdu.from?.kind === 'address') assert.equal(pdu.from.address.replace(/^\+/, ''), from);
    });
  }
  for (const row of expected.encoder) {
    it(`encoder vector ${row.id}`, () => {
      const tid = /Transaction-ID `([^`]+)`/.exec(row.input)![1]!;
      const version = /MMS-Version (1\.\d)/.exec(row.input)?.[1] ?? '1.0';
      if (row.input.startsWith('m-notifyresp-ind')) {
        const out = encodePdu({ messageType: 'm-notifyresp-ind', transactionId: tid, mmsVersion: version, status: 'retrieved' });
        assert.equal(toHex(out), toHex(Buffer.from(row.hex, 'hex')));
        return;
      }
      // m-send-req: porm writes To as `0123456789/TYPE=PLMN` (mmsd omits /TYPE) and always a
      // multipart body (at least nEntries 0); everything before To is byte-identical.
      const out = encodePdu({
        messageType: 'm-send-req', transactionId: tid, mmsVersion: version, from: { kind: 'insert' }, to: ['0123456789'],
        deliveryReport: true, contentType: { mediaType: 'application/vnd.wap.multipart.mixed' },
      });
      const upstream = Buffer.from(row.hex, 'hex');
      const to = upstream.indexOf(0x97);
      assert.equal(toHex(out.subarray(0, to)), toHex(upstream.subarray(0, to)));
      assert.equal(toHex(out.subarray(to)), toHex(Buffer.concat([Buffer.from([0x97]), Buffer.from('0123456789/TYPE=PLMN\0'), Buffer.from([0x86, 0x80, 0x84, 0xa3, 0x00])])));
    });
  }
});
