import type { BoundCommon } from '../bound/model.ts';
import type { Predicate, When } from '../format/types.ts';
import type { BindContext, Build } from './context.ts';
import { Drop } from './drop.ts';

// Units: the pieces a bind may leave out. A unit with a server rule that does not hold is left out
// silently (the author asked for it); a droppable unit that throws Drop is left out with a warning;
// a unit that is not droppable lets the Drop reach the next droppable unit around it.

/** A component-like unit (has `when`): server rule first, device rule copied onto the output. */
export function unit<T extends BoundCommon>(at: string, when: When | undefined, build: Build<T>, droppable: boolean): Build<T | null> {
  const server = when?.server;
  const device = when?.device;
  const inner = droppable ? catchDrop(at, build) : build;
  const withDevice: Build<T | null> = device === undefined ? inner : (ctx) => attachDevice(inner(ctx), device);
  if (server === undefined) return withDevice;
  return (ctx) => (ctx.holds(server) ? withDevice(ctx) : null);
}

/** A unit without rules (fact, run, list item, form field, quick reply, top-level component). */
export function catchDrop<T>(at: string, build: Build<T>): Build<T | null> {
  return (ctx) => {
    try {
      return build(ctx);
    } catch (err) {
      if (!(err instanceof Drop)) throw err;
      ctx.warn(at, err);
      return null;
    }
  };
}

function attachDevice<T extends BoundCommon>(out: T | null, device: Predicate): T | null {
  // The phone evaluates device rules; the predicate is passed on as the author wrote it.
  if (out !== null) (out as { device?: Predicate }).device = device;
  return out;
}

/** Builds children, leaving out the ones that dropped. */
export function collect<T>(ctx: BindContext, builds: readonly Build<T | null>[]): T[] {
  const out: T[] = [];
  for (const build of builds) {
    const v = build(ctx);
    if (v !== null) out.push(v);
  }
  return out;
}

/** Like collect, but a container left empty drops itself (`at` is the container's pointer). */
export function collectSome<T>(ctx: BindContext, builds: readonly Build<T | null>[], at: string, what: string): T[] {
  const out = collect(ctx, builds);
  if (out.length === 0 && builds.length > 0) throw new Drop(at, 'empty', `every ${what} was left out`);
  return out;
}
