import { Metadata } from 'libphonenumber-js/core';
import metadataJson from 'libphonenumber-js/min/metadata';

// libphonenumber-js's parse and isValid of a number already written as "+" and digits, computed
// from the same metadata (its "min" set, what `import … from 'libphonenumber-js'` uses) by the
// same steps, with each pattern compiled once. The library builds a new RegExp for every pattern
// it tries and a fresh Metadata object per step: ~40% of a contacts import and ~20% of a campaign
// fan-out went there. The steps mirror, in order: parse.js (parsePhoneNumber),
// helpers/extractCountryCallingCode.js, helpers/extractNationalNumber.js,
// helpers/extractNationalNumberFromPossiblyIncompleteNumber.js, helpers/getCountryByCallingCode.js,
// helpers/getCountryByNationalNumber.js, helpers/checkNumberLength.js, isValid.js and
// helpers/getNumberType.js of libphonenumber-js 1.13. e164.test.ts compares every answer with the
// library's own over a generated corpus (every calling code, valid, invalid, short, long), so a
// library upgrade that changes a step fails there rather than in production.
//
// Only input the library would read as a plain international number goes this way; anything with
// spaces, punctuation, letters, an extension or no "+" is left to the library itself.

/** What this path takes: "+", a first digit that is not 0, then 6–16 digits (7–17 in all). */
const FAST_INPUT = /^\+[1-9][0-9]{6,16}$/;
/** parse.js: national numbers shorter or longer than these are not numbers. */
const MIN_LENGTH_FOR_NSN = 2;
const MAX_LENGTH_FOR_NSN = 17;
const MAX_LENGTH_COUNTRY_CODE = 3;

const TYPE_NAMES = ['FIXED_LINE', 'MOBILE', 'TOLL_FREE', 'PREMIUM_RATE', 'PERSONAL_NUMBER', 'VOICEMAIL', 'UAN', 'PAGER', 'VOIP', 'SHARED_COST'] as const;
type TypeName = typeof TYPE_NAMES[number];
/** getNumberType.js's order after FIXED_LINE. */
const NON_FIXED_LINE_TYPES: readonly TypeName[] = ['MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];

/** The parts of the library's Metadata and its numbering plan this reads (their declared type leaves them out). */
interface LibType { pattern(): string; possibleLengths(): number[] | undefined }
interface LibPlan {
  nationalNumberPattern(): string;
  possibleLengths(): number[] | undefined;
  nationalPrefix(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  leadingDigits(): string | undefined;
  hasTypes(): boolean;
  type(name: TypeName): LibType | undefined;
}
interface LibMetadata {
  selectNumberingPlan(countryOrCallingCode: string): LibMetadata;
  numberingPlan: LibPlan;
  hasCallingCode(callingCode: string): boolean | undefined;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

interface TypeRule { pattern: RegExp | null; patternIsEmpty: boolean; lengths: readonly number[] | undefined }

/** One numbering plan (a country, or a non-geographic calling code), its patterns compiled. */
interface Plan {
  nationalNumber: RegExp;
  possibleLengths: readonly number[] | undefined;
  prefixForParsing: RegExp | null;
  transformRule: string | undefined;
  leadingDigits: RegExp | null;
  hasTypes: boolean;
  types: ReadonlyMap<TypeName, TypeRule>;
}

const entirely = (pattern: string): RegExp => new RegExp(`^(?:${pattern})$`);

function planOf(lib: LibMetadata): Plan {
  const p = lib.numberingPlan;
  const types = new Map<TypeName, TypeRule>();
  if (p.hasTypes()) {
    for (const name of TYPE_NAMES) {
      const t = p.type(name);
      if (t === undefined) continue;
      const pattern = t.pattern();
      types.set(name, { pattern: pattern ? entirely(pattern) : null, patternIsEmpty: pattern === '', lengths: t.possibleLengths() });
    }
  }
  const prefix = p.nationalPrefixForParsing();
  const leading = p.leadingDigits();
  return {
    nationalNumber: entirely(p.nationalNumberPattern()),
    possibleLengths: p.possibleLengths(),
    prefixForParsing: prefix ? new RegExp(`^(?:${prefix})`) : null,
    transformRule: p.nationalPrefixTransformRule() || undefined,
    // String.prototype.search(string) builds `new RegExp(string)`: no anchors, no flags.
    leadingDigits: leading ? new RegExp(leading) : null,
    hasTypes: p.hasTypes(),
    types,
  };
}

interface CallingCode {
  code: string;
  /** The plan selectNumberingPlan(code) picks: its main country's, or the non-geographic entity's. */
  main: Plan;
  /** getCountryCodesForCallingCode(code) with each country's plan, in the metadata's order; undefined for non-geographic codes. */
  countries: ReadonlyArray<{ country: string; plan: Plan }> | undefined;
}

let codes: Map<string, CallingCode | null> | undefined;
const library = (): LibMetadata => new Metadata(metadataJson) as unknown as LibMetadata;

/** The calling code's plans, built on first use (null: the metadata has no such calling code). */
function callingCode(code: string): CallingCode | null {
  codes ??= new Map();
  let found = codes.get(code);
  if (found !== undefined) return found;
  const lib = library();
  if (!lib.hasCallingCode(code)) found = null;
  else {
    const countries = lib.getCountryCodesForCallingCode(code);
    found = {
      code,
      main: planOf(library().selectNumberingPlan(code)),
      countries: countries?.map((country) => ({ country, plan: planOf(library().selectNumberingPlan(country)) })),
    };
  }
  codes.set(code, found);
  return found;
}

function isNumberTypeEqualTo(nationalNumber: string, type: TypeName, plan: Plan): boolean {
  const rule = plan.types.get(type);
  if (rule === undefined || rule.pattern === null) return false;
  if (rule.lengths && !rule.lengths.includes(nationalNumber.length)) return false;
  return rule.pattern.test(nationalNumber);
}

/** Whether getNumberType would name a type (its answer is only ever compared with undefined here). */
function hasNumberType(nationalNumber: string, plan: Plan): boolean {
  if (!plan.nationalNumber.test(nationalNumber)) return false;
  // FIXED_LINE, however getNumberType then refines it, is a type.
  if (isNumberTypeEqualTo(nationalNumber, 'FIXED_LINE', plan)) return true;
  return NON_FIXED_LINE_TYPES.some((type) => isNumberTypeEqualTo(nationalNumber, type, plan));
}

function countryByCallingCode(cc: CallingCode, nationalNumber: string): { country: string; plan: Plan } | undefined {
  const countries = cc.countries;
  if (!countries) return undefined;
  if (countries.length === 1) return countries[0];
  return countries.find(({ plan }) => (plan.leadingDigits ? nationalNumber.search(plan.leadingDigits) === 0 : hasNumberType(nationalNumber, plan)));
}

/** checkNumberLength: false for TOO_SHORT and INVALID_LENGTH (isPossibleIncompleteNationalNumber). */
function isPossibleIncomplete(nationalNumber: string, plan: Plan): boolean {
  const lengths = plan.possibleLengths;
  if (!lengths) return true;
  const length = nationalNumber.length;
  if (lengths[0] === length) return true;
  if (lengths[0]! > length) return false;
  if (lengths[lengths.length - 1]! < length) return true;
  return lengths.indexOf(length, 1) >= 0;
}

function extractNationalNumber(number: string, cc: CallingCode): string {
  const main = cc.main;
  const match = main.prefixForParsing?.exec(number);
  if (!match) return number;
  const groups = match.length - 1;
  const captured = groups > 0 && Boolean(match[groups]);
  const stripped = main.transformRule !== undefined && captured ? number.replace(main.prefixForParsing!, main.transformRule) : number.slice(match[0].length);
  if (stripped === number) return number;
  // shouldHaveExtractedNationalPrefix: stripping must not turn a number that fits into one that does not.
  if (main.nationalNumber.test(number) && !main.nationalNumber.test(stripped)) return number;
  if (main.possibleLengths) {
    const country = countryByCallingCode(cc, stripped);
    if (!isPossibleIncomplete(stripped, country?.plan ?? main)) return number;
  }
  return stripped;
}

/**
 * For "+" and 7–17 digits: the E.164 form of a valid number, or null for one libphonenumber would
 * not parse or call valid, exactly as `parsePhoneNumberFromString(input)?.isValid()` and `.number`
 * (with or without a default country: a "+" number ignores it). undefined for any other input: ask
 * the library.
 */
export function fastE164(input: string): string | null | undefined {
  if (!FAST_INPUT.test(input)) return undefined;
  let cc: CallingCode | null = null;
  for (let length = 1; length <= MAX_LENGTH_COUNTRY_CODE && cc === null; length++) cc = callingCode(input.slice(1, 1 + length));
  if (cc === null) return null;
  const nationalNumber = extractNationalNumber(input.slice(1 + cc.code.length), cc);
  if (nationalNumber.length < MIN_LENGTH_FOR_NSN || nationalNumber.length > MAX_LENGTH_FOR_NSN) return null;
  const plan = countryByCallingCode(cc, nationalNumber)?.plan ?? cc.main;
  const valid = plan.hasTypes ? hasNumberType(nationalNumber, plan) : plan.nationalNumber.test(nationalNumber);
  return valid ? `+${cc.code}${nationalNumber}` : null;
}
