import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import type { TemplateDocErrorCode } from './errors.ts';
import { childPointer, type ErrorSink } from './report.ts';
import { templateJsonSchema } from './schema.ts';

// The structural half of validation: ajv runs the published schema, and each ajv error is turned
// into one porm code at the most precise pointer (the unknown field itself, the missing field itself).

let compiled: ValidateFunction | undefined;

function validator(): ValidateFunction {
  // Compiled lazily and once: compiling the schema takes milliseconds, validating microseconds.
  compiled ??= new Ajv2020({ allErrors: true, discriminator: true, strictTypes: false }).compile(templateJsonSchema);
  return compiled;
}

/** Returns true when the document matches the schema. */
export function checkStructure(doc: unknown, sink: ErrorSink): boolean {
  const validate = validator();
  if (validate(doc)) return true;
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const mapped = mapError(err);
    if (!mapped) continue;
    const key = `${mapped.pointer}\u0000${mapped.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sink.add(mapped);
  }
  return false;
}

function mapError(err: ErrorObject): { pointer: string; code: TemplateDocErrorCode; message: string } | null {
  const at = err.instancePath;
  const p = err.params as Record<string, unknown>;
  // Errors about a key name (propertyNames) carry the key; point at it, not at its parent.
  if (err.propertyName !== undefined) {
    return { pointer: childPointer(at, err.propertyName), code: 'PORM_TEMPLATE_DOC_BAD_VALUE', message: `name "${err.propertyName}" must match ${String(p['pattern'] ?? 'the name rule')}` };
  }
  switch (err.keyword) {
    case 'additionalProperties': {
      const name = String(p['additionalProperty']);
      return { pointer: childPointer(at, name), code: 'PORM_TEMPLATE_DOC_UNKNOWN_FIELD', message: `unknown field "${name}"` };
    }
    case 'required': {
      const name = String(p['missingProperty']);
      return { pointer: childPointer(at, name), code: 'PORM_TEMPLATE_DOC_MISSING_FIELD', message: `missing required field "${name}"` };
    }
    case 'discriminator': {
      const tag = String(p['tag']);
      if (p['error'] === 'mapping') return { pointer: childPointer(at, tag), code: 'PORM_TEMPLATE_DOC_UNKNOWN_TYPE', message: `unknown ${tag} "${String(p['tagValue'])}"` };
      return { pointer: childPointer(at, tag), code: 'PORM_TEMPLATE_DOC_WRONG_TYPE', message: `${tag} must be a string` };
    }
    case 'type':
      return { pointer: at, code: 'PORM_TEMPLATE_DOC_WRONG_TYPE', message: `must be ${String(p['type'])}` };
    case 'const':
      if (at === '/version') return { pointer: at, code: 'PORM_TEMPLATE_DOC_UNSUPPORTED_VERSION', message: 'version must be 1' };
      return { pointer: at, code: 'PORM_TEMPLATE_DOC_BAD_VALUE', message: `must be ${JSON.stringify(p['allowedValue'])}` };
    case 'enum':
      return { pointer: at, code: 'PORM_TEMPLATE_DOC_BAD_VALUE', message: `must be one of ${(p['allowedValues'] as unknown[]).slice(0, 20).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'pattern':
      return { pointer: at, code: 'PORM_TEMPLATE_DOC_BAD_VALUE', message: `must match ${String(p['pattern'])}` };
    case 'minProperties':
    case 'maxProperties':
      if (/\/(when|server|device|and\/\d+|or\/\d+|not)$/.test(at)) return { pointer: at, code: 'PORM_TEMPLATE_DOC_PREDICATE_INVALID', message: 'a rule must have exactly one operator' };
      return { pointer: at, code: 'PORM_TEMPLATE_DOC_OUT_OF_RANGE', message: err.message ?? 'wrong number of fields' };
    case 'minimum': case 'maximum': case 'exclusiveMinimum': case 'exclusiveMaximum':
    case 'minLength': case 'maxLength': case 'minItems': case 'maxItems':
      return { pointer: at, code: 'PORM_TEMPLATE_DOC_OUT_OF_RANGE', message: err.message ?? 'out of range' };
    case 'propertyNames': case 'oneOf': case 'anyOf': case 'if':
      return null; // wrappers: the specific error beside them says what is wrong
    default:
      return { pointer: at, code: 'PORM_TEMPLATE_DOC_BAD_VALUE', message: err.message ?? 'invalid value' };
  }
}
