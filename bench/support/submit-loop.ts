// The loop the connector benches share (mm7, mm4): `concurrency` workers submit one message after
// another until the time is up, first for a warm-up, then measured. `submitOne` resolves true when
// the carrier accepted the message (its round trip complete), false for any other outcome.

export interface LoopResult { rate: number; accepted: number; other: number }

export async function submitLoop(
  submitOne: (n: number) => Promise<boolean>,
  options: { seconds: number; concurrency: number; warmUpMs: number },
): Promise<LoopResult> {
  let n = 0;
  const run = async (ms: number): Promise<{ accepted: number; other: number; done: number }> => {
    const deadline = performance.now() + ms;
    const counts = { accepted: 0, other: 0, done: 0 };
    await Promise.all(Array.from({ length: options.concurrency }, async () => {
      while (performance.now() < deadline) {
        if (await submitOne(n++)) counts.accepted++;
        else counts.other++;
        counts.done++;
      }
    }));
    return counts;
  };
  await run(options.warmUpMs);
  const started = performance.now();
  const { accepted, other, done } = await run(options.seconds * 1000);
  return { rate: done / ((performance.now() - started) / 1000), accepted, other };
}
