import { PormError } from '../errors.ts';

// Money without floating point: a conversion's value is kept in millionths of its currency unit,
// so revenue sums exactly however many orders it adds up.

const DECIMAL = /^\d{1,12}(\.\d{1,6})?$/;
const CURRENCY = /^[A-Z]{3}$/;

function invalid(field: string, message: string): never {
  throw new PormError('PORM_INVALID_CONVERSION_VALUE', message, [{ field, code: 'PORM_INVALID_CONVERSION_VALUE', message }]);
}

/** "49.90" or 49.9 as 49_900_000 micros. */
export function toMicros(value: string | number): number {
  const text = typeof value === 'number' ? (Number.isFinite(value) && value >= 0 ? String(value) : '') : value.trim();
  // A number like 1e-7 prints in exponent form; it has more than 6 decimals anyway.
  if (!DECIMAL.test(text)) return invalid('/value', 'a decimal amount of at most 12 digits before the point and 6 after, not negative');
  const [whole, fraction = ''] = text.split('.');
  return Number(whole) * 1_000_000 + Number(fraction.padEnd(6, '0'));
}

/** 49_900_000 micros as "49.9". */
export function fromMicros(micros: number): string {
  const whole = Math.trunc(micros / 1_000_000);
  const fraction = String(micros % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return fraction === '' ? String(whole) : `${whole}.${fraction}`;
}

export function checkCurrency(value: string): string {
  const code = value.trim().toUpperCase();
  return CURRENCY.test(code) ? code : invalid('/currency', 'a three-letter ISO 4217 currency code such as USD');
}
