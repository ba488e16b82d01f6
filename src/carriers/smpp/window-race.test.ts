// Many segments waiting for one bind's window at once: each must get a slot in turn. Picking a
// session and sending on it an await apart let every waiter take the same last slot, and all but
// one came back "window full" (a retry with backoff for their messages).
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../logger.ts';
import type { OutboundMessage } from '../carrier.ts';
import { SandboxSmsc } from '../sandbox-smsc/sandbox-smsc.ts';
import { openSmpp } from './smpp-connector.ts';
import { smppSchema } from './smpp-type.ts';

const credentials = { systemId: 'porm', password: 'pw-win' };
const log = createLogger({ logLevel: 'silent' });
const events = { deliveryReport: async () => {}, inbound: async () => ({ id: 'inb_x' }), readReport: async () => {} };

const message = (i: number): OutboundMessage => ({
  id: `msg_window_${i}`, channel: 'sms', accountId: 'acct_x', to: '+14155550100', from: '+14155550199', body: `window ${i}`, subject: null, media: [], expiresAt: null,
});

describe('SMPP window under many waiting segments', () => {
  let smsc: SandboxSmsc;
  before(async () => { smsc = await SandboxSmsc.start({ credentials, deliveryDelayMs: 3_600_000 }); });
  after(async () => { await smsc.close(); });

  it('takes every message when far more are submitted at once than the window holds', async () => {
    const smpp = openSmpp('win', smppSchema.parse({
      type: 'smpp', host: '127.0.0.1', port: smsc.port, systemId: credentials.systemId, password: credentials.password,
      binds: 1, windowSize: 2, reconnect: { initialMs: 50, maxMs: 200, jitter: 0 },
    }), events, log);
    try {
      // The first submit waits for the bind; after it the window is free.
      assert.equal((await smpp.outbound.submit(message(0))).outcome, 'accepted');
      const results = await Promise.all(Array.from({ length: 40 }, (_, i) => smpp.outbound.submit(message(i + 1))));
      const refused = results.filter((r) => r.outcome !== 'accepted').map((r) => JSON.stringify(r));
      assert.deepEqual(refused, [], 'every submit waits for a window slot instead of finding it taken');
      assert.equal(new Set(results.map((r) => (r.outcome === 'accepted' ? r.carrierMessageId : ''))).size, 40);
    } finally {
      await smpp.close();
    }
  });
});
