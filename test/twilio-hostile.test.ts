import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { cleanup, request, startHarness, type Harness } from './helpers/harness.ts';

// Malformed and hostile requests to /2010-04-01: each answers Twilio's error body with a 4xx
// (never a 500, never porm's problem+json), and nothing is stored.

describe('hostile input on the Twilio surface', () => {
  let h: Harness;
  let sid: string;
  let basic: string;
  before(async () => {
    h = await startHarness();
    const created = await h.porm.services.twilio.ensure(h.porm.bootstrap.accountId);
    sid = created.account.accountSid;
    basic = `Basic ${Buffer.from(`${sid}:${created.createdToken!}`).toString('base64')}`;
  });
  after(async () => {
    await h.stop();
    cleanup(h.dataDir);
  });
  const count = async (): Promise<number> => Number((await h.porm.services.store.db.selectFrom('messages').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const twilioError = (res: { status: number; body: Record<string, unknown>; text: string; headers: Headers }, status: number, code: number, what: string): void => {
    assert.equal(res.status, status, `${what}: ${res.text.slice(0, 300)}`);
    assert.match(res.headers.get('content-type') ?? '', /^application\/json/, what);
    assert.equal(res.body.code, code, `${what}: ${res.text.slice(0, 300)}`);
    assert.equal(res.body.more_info, `https://www.twilio.com/docs/errors/${code}`, what);
  };

  test('bad Basic auth headers are all 20003, with a Basic challenge', async () => {
    const path = `/2010-04-01/Accounts/${sid}/Messages.json`;
    for (const header of ['', 'Bearer porm_x', 'Basic', 'Basic !!!!', `Basic ${Buffer.from('nocolon').toString('base64')}`, `Basic ${Buffer.from(`:${'x'}`).toString('base64')}`,
      `Basic ${Buffer.from(`${sid}:`).toString('base64')}`, `Basic ${Buffer.from(`SK${'0'.repeat(32)}:secret`).toString('base64')}`, `Basic ${'A'.repeat(5000)}`]) {
      const res = await request(h.url, 'GET', path, undefined, header ? { authorization: header } : {});
      twilioError(res, 401, 20003, `authorization: ${header.slice(0, 30)}`);
      assert.equal(res.headers.get('www-authenticate'), 'Basic realm="porm"');
    }
  });

  test('malformed paths, SIDs and list parameters', async () => {
    const auth = { authorization: basic };
    const cases: Array<[string, number, number]> = [
      ['/2010-04-01/Accounts/ACnope/Messages.json', 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Messages/SMnope.json`, 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Messages/SM${'0'.repeat(32)}.json`, 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Messages/SM${'0'.repeat(32)}`, 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Messages/SM${'f'.repeat(32)}.json`, 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Messages/..%2F..%2Fv1%2Faccount.json`, 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Calls.json`, 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Messages/SM${'0'.repeat(32)}/Media/ME${'0'.repeat(32)}.json`, 404, 20404],
      [`/2010-04-01/Accounts/${sid}/Messages.json?PageSize=0`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?PageSize=1001`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?PageSize=abc`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?Page=-1`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?PageToken=PAgarbage`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?PageToken=%00%00`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?DateSent=2026-02-30`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?DateSent=yesterday`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?To=%2B1`, 400, 21211],
      [`/2010-04-01/Accounts/${sid}/Messages.json?From=x&From=y`, 400, 20001],
      [`/2010-04-01/Accounts/${sid}/Messages.json?Status=sent`, 400, 20001],
    ];
    for (const [path, status, code] of cases) twilioError(await request(h.url, 'GET', path, undefined, auth), status, code, path);
  });

  test('malformed and oversized bodies store nothing', async () => {
    const before = await count();
    const path = `/2010-04-01/Accounts/${sid}/Messages.json`;
    const form = { authorization: basic, 'content-type': 'application/x-www-form-urlencoded' };
    const cases: Array<[string, Record<string, string>, number, number]> = [
      ['To=%E0%A4%A&From=%2B14155550199&Body=x', form, 400, 20001],
      ['To=%2B14155550100&From=%2B14155550199&Body=%ED%A0%80', form, 400, 20001],
      ['To=%2B14155550100&From=%2B14155550199&Body=x&Body', form, 400, 20001],
      [`To=%2B14155550100&From=%2B14155550199&Body=${'x'.repeat(3 * 1024 * 1024)}`, form, 413, 20001],
      ['To=%2B14155550100&To=%2B14155550101&From=%2B14155550199&Body=x', form, 400, 20001],
      ['To=%2B14155550100&From=%2B14155550199&Body=x&StatusCallback=ftp%3A%2F%2Fexample.com%2Fcb', form, 400, 21609],
      ['To=%2B14155550100&From=%2B14155550199&MediaUrl=http%3A%2F%2F127.0.0.1%2Fa.png', form, 400, 21620],
      ['To=%2B14155550100&From=%2B14155550199&MediaUrl=https%3A%2F%2Fuser%3Apass%40example.com%2Fa.png', form, 400, 21620],
      ['{"To":"+14155550100"', { authorization: basic, 'content-type': 'application/json' }, 400, 20001],
      ['To=+14155550100', { authorization: basic, 'content-type': 'text/plain' }, 415, 20001],
      ['<x/>', { authorization: basic, 'content-type': 'application/xml' }, 415, 20001],
      ['__proto__[x]=1&constructor=2&To=%2B14155550100', form, 400, 20001],
    ];
    for (const [body, headers, status, code] of cases) {
      const res = await request(h.url, 'POST', path, body, headers);
      assert.notEqual(res.status, 500, body.slice(0, 60));
      if (status === 415 && res.status === 400) assert.equal(res.body.code, code, body.slice(0, 60));
      else twilioError(res, status, code, body.slice(0, 60));
    }
    assert.equal(await count(), before, 'nothing stored');
  });

  test('a truncated percent-escape is refused, not kept as text', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(`${h.url}/2010-04-01/Accounts/${sid}/Messages.json`, { method: 'POST', headers: { authorization: basic, 'content-type': 'application/x-www-form-urlencoded', 'content-length': '4' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end('To=%');
    });
    assert.equal(status, 400);
  });
});
