import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { PduFramer, decodePdu, encodePdu, responseTo } from '../../src/sms/pdu/index.ts';

/** The baseline SMSC: binds anyone and answers every request at once (submit_sm with an id), nothing else. */
export async function startBareSmsc(): Promise<{ port: number; close(): Promise<void> }> {
  let next = 1;
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    const framer = new PduFramer();
    socket.on('data', (chunk: Buffer) => {
      const out: Buffer[] = [];
      for (const frame of framer.push(chunk)) {
        const pdu = decodePdu(frame);
        if (pdu.command === 'submit_sm') {
          out.push(encodePdu({ command: 'submit_sm_resp', commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { messageId: String(next++), tlvs: [] } }));
        } else if (pdu.command === 'bind_transceiver' || pdu.command === 'bind_transmitter') {
          out.push(encodePdu({ command: `${pdu.command}_resp`, commandStatus: 0, sequenceNumber: pdu.sequenceNumber, body: { systemId: 'bare', tlvs: [] } }));
        } else {
          const answer = responseTo(pdu, 0);
          if (answer !== undefined) out.push(encodePdu(answer));
        }
      }
      if (out.length > 0) socket.write(Buffer.concat(out));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
