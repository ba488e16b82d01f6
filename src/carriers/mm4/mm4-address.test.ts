import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { mm4Mailbox, numberOfMailbox } from './mm4-address.ts';

test('MM4 mailboxes: numbers with and without TYPE=PLMN, in angle brackets, and what is not a number', () => {
  assert.equal(mm4Mailbox('+14155550100', 'mms.example'), '+14155550100/TYPE=PLMN@mms.example');
  assert.equal(numberOfMailbox('+14155550100/TYPE=PLMN@mms.mnc002.mcc310.gprs'), '+14155550100');
  assert.equal(numberOfMailbox('Alice <14155550100/type=plmn@mms.example>'), '14155550100');
  assert.equal(numberOfMailbox('14155550100@mms.example'), '14155550100');
  assert.equal(numberOfMailbox('PORM/TYPE=PLMN@mms.example'), 'PORM');
  assert.equal(numberOfMailbox('alice@example.com'), null);
  assert.equal(numberOfMailbox('+1415/TYPE=IPv4@x'), null);
  assert.equal(numberOfMailbox('a@b@c'), null);
  assert.throws(() => mm4Mailbox('+1 415 555', 'x'), RangeError);
  assert.throws(() => mm4Mailbox('+1415\r\nBcc: x', 'x'), RangeError);
});

test('MM4 mailboxes round-trip every E.164 number', () => {
  fc.assert(fc.property(fc.stringMatching(/^\+[1-9][0-9]{7,14}$/), (n) => numberOfMailbox(mm4Mailbox(n, 'mms.example')) === n));
});
