// The baseline for `npm run bench -- api`: a bare Fastify route that parses the same JSON body
// and answers 201 with a small JSON document, with no validation, storage or auth.
import Fastify from 'fastify';

const port = Number(process.argv[2] ?? 0);
const app = Fastify({ logger: false });
let n = 0;
app.post('/v1/messages', async (request, reply) => {
  const body = request.body as { to?: string };
  n++;
  return reply.code(201).send({ id: `msg_${n}`, to: body.to, status: 'queued' });
});
await app.listen({ port, host: '127.0.0.1' });
process.stdout.write('ready\n');
