import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildMm7Message } from './build.ts';
import { parseMm7Message } from './parse.ts';
import { NS6, envelope } from './test-util.ts';

test('RSErrorRsp: byte-exact SOAP Fault, HTTP 500, Client fault for 2xxx', () => {
  const built = buildMm7Message({ type: 'RSErrorRsp', transactionId: 'e-1', status: { code: 2002 } });
  assert.equal(built.httpStatus, 500);
  assert.equal(
    built.body.toString(),
    envelope(
      'e-1',
      '<env:Fault><faultcode>env:Client</faultcode><faultstring>Client error</faultstring><detail>' +
        `<RSErrorRsp xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><Status><StatusCode>2002</StatusCode><StatusText>Address Error</StatusText></Status></RSErrorRsp>` +
        '</detail></env:Fault>',
    ),
  );
});

test('VASPErrorRsp: Server fault for other codes, explicit fault fields kept', () => {
  const built = buildMm7Message({ type: 'VASPErrorRsp', transactionId: 'e-2', status: { code: 4006, text: 'busy', details: 'try later' }, fault: { code: 'Server', string: 'Overloaded', actor: 'urn:porm' } });
  assert.equal(
    built.body.toString(),
    envelope(
      'e-2',
      '<env:Fault><faultcode>env:Server</faultcode><faultstring>Overloaded</faultstring><faultactor>urn:porm</faultactor><detail>' +
        `<VASPErrorRsp xmlns="${NS6}"><MM7Version>6.8.0</MM7Version><Status><StatusCode>4006</StatusCode><StatusText>busy</StatusText><Details>try later</Details></Status></VASPErrorRsp>` +
        '</detail></env:Fault>',
    ),
  );
  const parsed = parseMm7Message(built.contentType, built.body);
  assert.deepEqual(parsed.message, {
    type: 'VASPErrorRsp',
    transactionId: 'e-2',
    mm7Version: '6.8.0',
    status: { code: 4006, text: 'busy', details: 'try later' },
    fault: { code: 'Server', string: 'Overloaded', actor: 'urn:porm' },
  });
  assert.deepEqual(parsed.warnings, []);
});

test('a bare SOAP fault without MM7 detail still yields a classifiable status', () => {
  const xml = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body></s:Envelope>';
  const parsed = parseMm7Message('text/xml', Buffer.from(xml));
  assert.deepEqual(parsed.message, { type: 'RSErrorRsp', transactionId: '', status: { code: 3000, text: 'boom' }, fault: { code: 'Server', string: 'boom' } });
  assert.deepEqual(parsed.warnings.map((w) => w.code), ['soap.no-transaction-id', 'soap.fault-without-error-rsp', 'mm7.unknown-namespace']);
});
