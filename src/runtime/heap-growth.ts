// How fast V8 lets porm's heap grow between full collections.
//
// porm allocates quickly and briefly: every message is a few hundred short-lived objects, and
// those still waiting on a database write or a carrier's answer when a young collection runs are
// promoted to the old generation and die there soon after. V8 sizes the old generation for the
// machine (up to 4 GB here), and after each full collection lets it grow by a factor of up to 4
// before the next one. Sending a campaign of 100,000 SMS, the heap in use reached 409 MB while
// under 50 MB of it was live, and the process's RSS 666 MB (bench/campaign.ts). With a growth
// factor of 1.2, full collections come sooner, the heap in use stays near 130 MB, and the
// throughput measured was the same within the run-to-run noise. Unlike --max-old-space-size this
// sets no ceiling: a process that does need more memory still gets it.
import { setFlagsFromString } from 'node:v8';

/** The V8 flag porm sets, as `node --heap-growing-percent=20` would. */
export const HEAP_GROWTH_FLAG = '--heap-growing-percent=20';

/**
 * The flag to set, or null when whoever started node chose how the heap grows themselves (the flag
 * itself, or a heap size, in node's arguments or NODE_OPTIONS): theirs is kept.
 */
export function heapGrowthFlag(execArgv: readonly string[], nodeOptions: string | undefined): string | null {
  const chosen = [...execArgv, ...(nodeOptions ?? '').split(/\s+/)];
  const theirs = chosen.some((arg) => /^--(heap[-_]growing[-_]percent|max[-_]old[-_]space[-_]size|max[-_]heap[-_]size)(=|$)/.test(arg));
  return theirs ? null : HEAP_GROWTH_FLAG;
}

/**
 * Applies porm's heap growth to this process (flags are process-wide in V8, so worker threads get
 * it too). Called by the processes porm runs as a service (`porm start`), not by the library:
 * a program embedding startPorm keeps its own settings.
 */
export function tuneHeapGrowth(nodeOptions: string | undefined): void {
  const flag = heapGrowthFlag(process.execArgv, nodeOptions);
  if (flag) setFlagsFromString(flag);
}
