import { defineErrors } from '../error-def.ts';

// Error codes of the job queue and the send path's workers. Codes are stable: never rename or reuse one.
export const queueErrors = defineErrors({
  PORM_LEASE_LOST: { status: 409, title: 'Job lease lost', description: 'A worker tried to settle or renew a job after its lease ran out and another worker claimed it. Nothing the stale worker wrote with the settle was kept; the current holder finishes the job.' },
  PORM_JOB_CRASHED: { status: 500, title: 'Job kept crashing', description: 'A background job failed with an internal error on every one of its allowed runs and was given up. The server log has each error.' },
  PORM_SEND_CRASHED: { status: 500, title: 'Sending kept crashing', description: 'Sending this message failed with an internal error (not a carrier answer) on every allowed run, so porm stopped trying instead of looping. The server log has each error; send the message again once it is fixed.' },
});
