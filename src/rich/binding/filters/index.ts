import { arrayFilters } from './array.ts';
import { htmlFilters } from './html.ts';
import { mathFilters } from './math.ts';
import { miscFilters } from './misc.ts';
import { stringFilters } from './string.ts';
import { localeFilters } from './locale.ts';
import type { FilterDef } from './types.ts';

/** porm's closed filter set. A template naming anything else does not compile. */
export const FILTERS: ReadonlyMap<string, FilterDef> = new Map(
  Object.entries({ ...stringFilters, ...mathFilters, ...arrayFilters, ...htmlFilters, ...miscFilters, ...localeFilters }),
);

export type { FilterDef, FilterRuntime } from './types.ts';
export { PORM_ONLY_FILTERS } from './locale.ts';
