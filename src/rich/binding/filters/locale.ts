import { toNumber, toValue, stringify, isNil } from '../values.ts';
import type { FilterDef, FilterTable } from './types.ts';

// porm's own filters (not in Liquid): prices in the recipient's locale. Formatting uses the ICU
// data built into Node, so the same input gives the same text on every porm server.

const formatters = new Map<string, Intl.NumberFormat>();
const MAX_FORMATTERS = 200;
const CURRENCY = /^[A-Za-z]{3}$/;
const LOCALE = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/;

function formatter(currency: string, locale: string): Intl.NumberFormat | undefined {
  const key = `${locale} ${currency}`;
  let f = formatters.get(key);
  if (f) return f;
  try {
    f = new Intl.NumberFormat(locale, { style: 'currency', currency: currency.toUpperCase() });
  } catch {
    return undefined;
  }
  if (formatters.size >= MAX_FORMATTERS) formatters.clear();
  formatters.set(key, f);
  return f;
}

/** `{{ price | money: "EUR", "fr-FR" }}` → "19,99 €". A value that is not a number, or an unknown currency or locale, passes through unchanged. */
const money: FilterDef = {
  min: 1, max: 2,
  apply: (input, args) => {
    const v = toValue(input);
    if (isNil(v) || v === '' || typeof v === 'boolean') return v;
    if (typeof v === 'string' && !/^\s*-?\d+(\.\d+)?\s*$/.test(v)) return v;
    const n = toNumber(v);
    if (!Number.isFinite(n)) return v;
    const currency = stringify(args[0]);
    const locale = args.length > 1 && !isNil(toValue(args[1])) ? stringify(args[1]) : 'en-US';
    if (!CURRENCY.test(currency) || !LOCALE.test(locale)) return v;
    return formatter(currency, locale)?.format(n) ?? v;
  },
};

export const localeFilters: FilterTable = { money };

/** Filters porm adds to Liquid's; the LiquidJS differential tests leave them out. */
export const PORM_ONLY_FILTERS: readonly string[] = Object.keys(localeFilters);
