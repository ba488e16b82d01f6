// Baseline for `npm run bench -- mm7`: an HTTP server that reads each request and answers a
// fixed SubmitRsp, with no parsing, no authentication and no ledger.
import { createServer } from 'node:http';
import { buildMm7Message } from '../../src/mms/mm7/index.ts';

const port = Number(process.argv[2] ?? 0);
const answer = buildMm7Message({ type: 'SubmitRsp', transactionId: 'x', status: { code: 1000, text: 'Success' }, messageId: 'BARE0001' });
createServer((req, res) => {
  req.on('data', () => undefined);
  req.on('end', () => res.writeHead(200, { 'content-type': answer.contentType, 'content-length': String(answer.body.length) }).end(answer.body));
}).listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
