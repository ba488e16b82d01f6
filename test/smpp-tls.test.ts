import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createLogger } from '../src/logger.ts';
import type { OutboundMessage } from '../src/carriers/carrier.ts';
import { SandboxSmsc } from '../src/carriers/sandbox-smsc/sandbox-smsc.ts';
import { openSmpp } from '../src/carriers/smpp/smpp-connector.ts';
import { smppSchema } from '../src/carriers/smpp/smpp-type.ts';
import { opensslMissing, selfSigned } from './helpers/self-signed.ts';
import { cleanup, eventually, startHarness, tempDir, waitForStatus, type Harness } from './helpers/harness.ts';

// SMPP over TLS end to end: the sandbox SMSC listens with TLS on a self-signed certificate made
// here with Debian's openssl CLI; porm's smpp connector trusts it through `tls.ca`, binds, submits
// and gets the receipt, all over TLS. With the wrong CA in that file the bind fails with
// PORM_SMPP_TLS_CERTIFICATE, porm keeps retrying with backoff and the message stays queued; once
// the file holds the right certificate the next reconnect binds and the message is delivered.

const openssl = opensslMissing;
const credentials = { systemId: 'porm', password: 'tls-pw1' };

describe('smpp connector over TLS', { skip: openssl }, () => {
  const dir = tempDir('porm-smpp-tls-');
  let smsc: SandboxSmsc;
  let good: { key: string; cert: string };
  let wrong: { key: string; cert: string };
  before(async () => {
    good = selfSigned(dir, 'smsc');
    wrong = selfSigned(dir, 'impostor');
    smsc = await SandboxSmsc.start({ credentials, deliveryDelayMs: 50, tls: { key: readFileSync(good.key), cert: readFileSync(good.cert) } });
  });
  after(async () => {
    await smsc.close();
    cleanup(dir);
  });

  test('bad certificate: a clear code, retries with backoff, nothing lost; the right CA binds, submits and gets the receipt over TLS', async () => {
    const ca = join(dir, 'trusted-ca.pem');
    copyFileSync(wrong.cert, ca);
    const dataDir = tempDir();
    const configFile = join(dataDir, 'porm.json');
    writeFileSync(configFile, JSON.stringify({
      carriers: {
        secure: {
          type: 'smpp', host: '127.0.0.1', port: smsc.port, tls: { ca }, ...credentials, submitWaitMs: 300,
          reconnect: { initialMs: 50, maxMs: 300, jitter: 0.2 },
        },
      },
      routes: [{ from: '*', carriers: ['secure'] }],
      retry: { maxAttempts: 100, baseDelayMs: 50, maxDelayMs: 300 },
    }));
    let h: Harness | undefined;
    try {
      h = await startHarness({ PORM_CONFIG: configFile }, dataDir);
      assert.equal((await h.api('POST', '/v1/numbers', { number: '+14155550199', capabilities: ['sms'] })).status, 201);
      const sent = await h.api('POST', '/v1/messages', { from: '+14155550199', to: '+14155550123', body: 'over TLS' });
      assert.equal(sent.status, 201, sent.text);
      const id = String(sent.body.id);
      const harness = h;
      const retries = await eventually(async () => {
        const res = await harness.api('GET', `/v1/messages/${id}`);
        const evs = (res.body.events as Array<{ type: string; data?: { reason?: string } }>).filter((e) => e.type === 'retry_scheduled');
        return evs.length >= 2 ? evs : undefined;
      }, 20_000, 'retries while the certificate is not trusted');
      assert.match(String(retries[0]!.data?.reason), /PORM_SMPP_TLS_CERTIFICATE/);
      assert.equal(smsc.binds().length, 0, 'never bound to an SMSC it cannot trust');
      assert.equal(smsc.submissions.length, 0);
      // The operator puts the SMSC's certificate in the CA file; porm reads it at the next connect.
      copyFileSync(good.cert, ca);
      const message = await waitForStatus(h, id, 'delivered', 30_000);
      assert.equal(message.carrier, 'secure');
      assert.equal(smsc.submissions.filter((s) => s.text === 'over TLS').length, 1, 'submitted once, over TLS');
      assert.ok(smsc.binds().length >= 1);
      assert.ok(smsc.receiptAttempts.some((r) => r.outcome === 0), 'the receipt went back over the TLS bind');
    } finally {
      await h?.stop();
      cleanup(dataDir);
    }
  });

  test('what a bind failure is called: untrusted certificate, no TLS on the port, unreadable CA file; the code a message fails with once its retries run out', async () => {
    const log = createLogger({ logLevel: 'silent' });
    const events = { deliveryReport: async () => {}, inbound: async () => ({ id: 'inb_x' }), readReport: async () => {} };
    const plain = await SandboxSmsc.start({ credentials });
    const message: OutboundMessage = { id: 'msg_tls', channel: 'sms', accountId: 'acct_x', to: '+14155550123', from: '+14155550199', body: 'x', subject: null, media: [], expiresAt: null };
    try {
      for (const [tls, port, code] of [
        [true, smsc.port, 'PORM_SMPP_TLS_CERTIFICATE'],
        [{ ca: good.cert, servername: 'smsc.example.net' }, smsc.port, 'PORM_SMPP_TLS_CERTIFICATE'],
        [{ ca: good.cert }, plain.port, 'PORM_SMPP_TLS_HANDSHAKE'],
        [{ ca: join(dir, 'missing.pem') }, smsc.port, 'PORM_SMPP_TLS_CA_UNREADABLE'],
      ] as const) {
        const connector = openSmpp('secure', smppSchema.parse({ type: 'smpp', host: '127.0.0.1', port, tls, ...credentials, submitWaitMs: 1_000, bindTimeoutMs: 2_000, reconnect: { initialMs: 50, maxMs: 100, jitter: 0 } }), events, log);
        try {
          await eventually(async () => (connector.pool.lastBindErrorCode() !== undefined ? true : undefined), 10_000, `a failed bind (${code})`);
          const result = await connector.outbound.submit(message);
          assert.equal(result.outcome, 'transient', JSON.stringify(tls));
          assert.equal(result.outcome === 'transient' ? result.exhaustedCode : undefined, code, JSON.stringify(tls));
          assert.match(result.outcome === 'transient' ? result.message : '', new RegExp(code));
        } finally {
          await connector.close();
        }
      }
    } finally {
      await plain.close();
    }
  });
});
