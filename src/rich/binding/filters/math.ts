import { toNumber } from '../values.ts';
import type { FilterDef, FilterTable } from './types.ts';

// Number filters. Like LiquidJS, every operand goes through `+value || 0` first.

function num1(fn: (v: number) => number): FilterDef {
  return { min: 0, max: 0, apply: (v) => fn(toNumber(v)) };
}

function num2(fn: (v: number, arg: number) => number): FilterDef {
  return { min: 1, max: 1, apply: (v, [arg]) => fn(toNumber(v), toNumber(arg)) };
}

function shiftDecimal(n: number, exponent: number): number {
  const [mantissa, power = '0'] = String(n).split('e');
  return Number(`${mantissa}e${Number(power) + exponent}`);
}

const round: FilterDef = {
  min: 0, max: 1,
  apply: (input, args) => {
    const v = toNumber(input);
    const places = args.length > 0 ? toNumber(args[0]) : 0;
    const scaled = shiftDecimal(Math.abs(v), places);
    if (!(scaled <= Number.MAX_SAFE_INTEGER)) return v;
    const rounded = shiftDecimal(Math.round(scaled), -places);
    return v < 0 ? -rounded : rounded;
  },
};

export const mathFilters: FilterTable = {
  plus: num2((a, b) => a + b),
  minus: num2((a, b) => a - b),
  times: num2((a, b) => a * b),
  divided_by: num2((a, b) => a / b),
  modulo: num2((a, b) => ((a % b) + b) % b),
  at_least: num2((a, b) => Math.max(a, b)),
  at_most: num2((a, b) => Math.min(a, b)),
  abs: num1(Math.abs),
  ceil: num1(Math.ceil),
  floor: num1(Math.floor),
  round,
};
