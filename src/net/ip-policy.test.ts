import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyAddress, isPublicAddress, sameAddress } from './ip-policy.ts';

// Every range the client must refuse, with one address near each edge where edges matter.
const BLOCKED: readonly string[] = [
  // IPv4
  '127.0.0.1', '127.255.255.254', '10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255',
  '192.168.0.1', '192.168.255.255', '169.254.169.254', '169.254.0.1', '100.64.0.1', '100.127.255.255',
  '0.0.0.0', '0.1.2.3', '224.0.0.1', '239.255.255.250', '255.255.255.255', '240.0.0.1',
  '192.0.2.1', '198.51.100.7', '203.0.113.9', '198.18.0.1', '192.0.0.8',
  // IPv6
  '::1', '::', 'fc00::1', 'fd12:3456::1', 'fe80::1', 'febf::1', 'fe80::1%eth0', 'ff02::1', 'fec0::1',
  '2001:db8::1', '2001::1', '64:ff9b:1::1', '100::1', '4000::1',
  // IPv4 smuggled inside IPv6
  '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:0.0.0.0',
  '::ffff:0:127.0.0.1', '::127.0.0.1', '::8.8.8.8', '::808:808', '::7f00:1', '64:ff9b::127.0.0.1', '64:ff9b::a00:1',
  '64:ff9b::a9fe:a9fe', '2002:7f00:1::1', '2002:a00:1::', '2002:c0a8:101::1',
  // Not addresses at all, or legacy numeric forms that must never be read as one
  'localhost', '2130706433', '0177.0.0.1', '0x7f.0.0.1', '127.1', '', '1.2.3.4.5',
];

const ALLOWED: readonly string[] = [
  '8.8.8.8', '1.1.1.1', '93.184.215.14', '100.63.255.255', '100.128.0.0', '172.15.255.255',
  '172.32.0.0', '169.253.255.255', '11.0.0.1', '223.255.255.254',
  '2606:4700:4700::1111', '2001:4860:4860::8888', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1',
];

describe('ip-policy', () => {
  for (const address of BLOCKED) {
    it(`refuses ${JSON.stringify(address)}`, () => {
      const verdict = classifyAddress(address);
      assert.equal(verdict.allowed, false);
      assert.equal(isPublicAddress(address), false);
    });
  }
  for (const address of ALLOWED) {
    it(`allows ${address}`, () => assert.deepEqual(classifyAddress(address), { allowed: true }));
  }

  it('names the range it refused, including the embedded one', () => {
    assert.deepEqual(classifyAddress('169.254.169.254'), { allowed: false, reason: 'linkLocal' });
    assert.deepEqual(classifyAddress('::ffff:127.0.0.1'), { allowed: false, reason: 'ipv4-mapped loopback' });
    assert.deepEqual(classifyAddress('64:ff9b::a00:1'), { allowed: false, reason: 'nat64 private' });
    assert.deepEqual(classifyAddress('100.64.0.1'), { allowed: false, reason: 'carrierGradeNat' });
    // ipaddr.js alone would call this ::ffff:8.8.8.8 and allow it; the kernel would not connect there.
    assert.deepEqual(classifyAddress('::8.8.8.8'), { allowed: false, reason: 'ipv4-compatible' });
  });

  it('compares addresses across spellings', () => {
    assert.equal(sameAddress('::ffff:127.0.0.2', '127.0.0.2'), true);
    assert.equal(sameAddress('::ffff:7f00:2', '::ffff:127.0.0.2'), true);
    assert.equal(sameAddress('0:0:0:0:0:0:0:1', '::1'), true);
    assert.equal(sameAddress('127.0.0.1', '127.0.0.2'), false);
    assert.equal(sameAddress('x', 'x'), false);
  });
});
