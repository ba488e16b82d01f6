import { Ajv, type AnySchema, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchema, FastifySchemaCompiler } from 'fastify';
import type { FieldError } from '../errors.ts';
import { suggestField } from './field-suggestion.ts';

// Bodies are validated strictly: no type coercion and unknown fields rejected (never silently
// dropped). Query strings and path parameters arrive as text, so those coerce.

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** porm's Ajv: every error, formats checked; `coerce` only for text parts (query, params). Tests validate with it too. */
export function makeAjv(coerce: boolean): Ajv {
  // verbose: an error carries its schema, so an unknown field can be compared with the known ones.
  const ajv = new Ajv({ allErrors: true, coerceTypes: coerce, removeAdditional: false, useDefaults: true, strict: false, verbose: true });
  addFormats(ajv);
  return ajv;
}

function compilerOf(bodyAjv: Ajv, textAjv: Ajv): FastifySchemaCompiler<FastifySchema> {
  return ({ schema, httpPart }) => (httpPart === 'body' ? bodyAjv : textAjv).compile(schema as object);
}

export const validatorCompiler: FastifySchemaCompiler<FastifySchema> = compilerOf(makeAjv(false), makeAjv(true));

/** What Fastify hands a validator compiler: one part (body, querystring, …) of a route's schema. */
interface RoutePart {
  schema: unknown;
  httpPart?: string;
}

/**
 * Fastify's validator builder (server option schemaController.compilersFactory.buildValidator).
 * A plugin that calls addSchema gets its own schema controller, which builds a fresh compiler from
 * the server options; without this builder that would be Fastify's default, coercing Ajv
 * (123 → "123"). Shared schemas are added so `$ref`s in request schemas resolve. (Fastify's types
 * say the compiler receives a bare schema; at run time it receives the route part, as here.)
 */
export function buildValidator(externalSchemas: { [key: string]: AnySchema | AnySchema[] }): (part: AnySchema | RoutePart) => ValidateFunction {
  const bodyAjv = makeAjv(false);
  const textAjv = makeAjv(true);
  for (const schema of Object.values(externalSchemas)) {
    bodyAjv.addSchema(schema);
    textAjv.addSchema(schema);
  }
  return (part) => {
    if (typeof part !== 'object' || part === null || !('schema' in part)) return bodyAjv.compile(part);
    return (part.httpPart === 'body' ? bodyAjv : textAjv).compile(part.schema as AnySchema);
  };
}

function pointer(base: string, child?: string): string {
  if (child === undefined) return base || '/';
  return `${base}/${child.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

function knownProperties(schema: unknown): string[] {
  if (typeof schema !== 'object' || schema === null || !('properties' in schema)) return [];
  const properties = schema.properties;
  return typeof properties === 'object' && properties !== null ? Object.keys(properties) : [];
}

/** Maps Ajv's errors to porm field errors: one per problem, addressed by JSON pointer. */
export function fieldErrorsFromAjv(errors: readonly ErrorObject[], part: string): FieldError[] {
  // Pointers name the request part as users know it: /query/limit, /params/id; body fields are bare.
  const prefix = part === 'body' ? '' : part === 'querystring' ? '/query' : `/${part}`;
  const out: FieldError[] = [];
  for (const e of errors) {
    const at = prefix + e.instancePath;
    if (e.keyword === 'additionalProperties') {
      const name = String((e.params as { additionalProperty: string }).additionalProperty);
      const suggestion = suggestField(name, knownProperties(e.parentSchema));
      out.push({ field: pointer(at, name), code: 'PORM_UNKNOWN_FIELD', message: `unknown field "${name.slice(0, 64)}"${suggestion ? `; did you mean "${suggestion}"?` : ''}` });
    } else if (e.keyword === 'required') {
      const name = String((e.params as { missingProperty: string }).missingProperty);
      out.push({ field: pointer(at, name), code: 'PORM_MISSING_FIELD', message: `"${name}" is required` });
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      continue; // the branch errors above it already say what is wrong
    } else {
      out.push({ field: at || '/', code: 'PORM_INVALID_FIELD', message: `${at || 'body'} ${e.message ?? 'is invalid'}` });
    }
  }
  // One error per field and code is enough: unions report each branch's mismatch separately.
  const seen = new Set<string>();
  return out.filter((f) => (seen.has(f.field + f.code) ? false : (seen.add(f.field + f.code), true)));
}
