import { defineErrors } from '../error-def.ts';

// Error codes of the database itself (PostgreSQL in distributed mode), as opposed to what the
// data says. The two 503s are transient and answered 503 with Retry-After: the client may try again, and
// a request that carried an Idempotency-Key is safe to repeat (a create that did commit is replayed).
export const storeErrors = defineErrors({
  PORM_DATABASE_UNAVAILABLE: {
    status: 503,
    title: 'Database unavailable',
    description: 'PostgreSQL could not be reached, or the connection broke during the request (a server restart, a failover, a network cut). A request that failed this way before its commit changed nothing; one whose connection broke during the commit may have been recorded, so repeat creates with the same Idempotency-Key. porm reconnects on its own; the server log has the driver\'s error.',
  },
  PORM_INVALID_TEXT: {
    status: 400,
    title: 'Text the database cannot store',
    description: 'A text value of the request contains a NUL character (U+0000), which PostgreSQL cannot store in text (distributed mode). Nothing was written. Where porm validates a field (a message body, a number, a name) the field\'s own error says so first; this is the database\'s refusal for any other text. Remove the character and send again.',
  },
  PORM_DATABASE_BUSY: {
    status: 503,
    title: 'Database connections all in use',
    description: 'Every connection of this process\'s pool (postgres.poolSize) stayed busy for postgres.connectionTimeoutMs, so the request gave up waiting instead of queueing without bound. Nothing was written. Retry; if it persists, raise postgres.poolSize (within the server\'s max_connections) or add API processes.',
  },
});
