import { defineErrors } from '../../error-def.ts';

// Error codes of template documents (src/rich/format): the JSON tree a sender stores as a rich template.
// Structural codes come from the JSON Schema; semantic codes from code that knows slots, ids and URLs.
// Codes are stable: never rename or reuse one. Every error names the JSON pointer (RFC 6901) it is about.
const doc = (title: string, description: string) => ({ status: 422, title, description });

export const templateDocErrors = defineErrors({
  PORM_TEMPLATE_DOC_NOT_OBJECT: doc('Template is not an object', 'The template document must be a JSON object at its root.'),
  PORM_TEMPLATE_DOC_NOT_JSON: doc('Template is not plain JSON', 'A value in the document is not plain JSON (a function, a class instance, NaN or Infinity). Send parsed JSON only.'),
  PORM_TEMPLATE_DOC_TOO_DEEP: doc('Template nested too deeply', 'The document, or a when-rule inside it, nests deeper than the cap. Flatten it.'),
  PORM_TEMPLATE_DOC_TOO_LARGE: doc('Template too large', 'The document has more values, longer strings or more components than the caps allow.'),
  PORM_TEMPLATE_DOC_UNSUPPORTED_VERSION: doc('Template version not supported', 'The document\'s version is not one this server understands. Use version 1.'),
  PORM_TEMPLATE_DOC_UNKNOWN_FIELD: doc('Unknown field in template', 'The document has a field the format does not define. The format is closed: remove the field or check its spelling.'),
  PORM_TEMPLATE_DOC_MISSING_FIELD: doc('Required field missing', 'A field the format requires at this place is missing.'),
  PORM_TEMPLATE_DOC_WRONG_TYPE: doc('Field has the wrong type', 'A field holds a value of the wrong JSON type (for example a number where text is expected).'),
  PORM_TEMPLATE_DOC_BAD_VALUE: doc('Field value not allowed', 'A field holds a value outside its allowed set or format (for example a colour that is not #rrggbb, or a font outside the safe list).'),
  PORM_TEMPLATE_DOC_OUT_OF_RANGE: doc('Field value out of range', 'A number, a text length or a list length is outside the allowed range.'),
  PORM_TEMPLATE_DOC_UNKNOWN_TYPE: doc('Unknown component, action or field kind', 'The type of a component, the kind of an action or the kind of a form field is not in the closed set.'),
  PORM_TEMPLATE_DOC_CONFLICT: doc('Fields conflict', 'Two fields that exclude each other are both set, or neither of two alternatives is set.'),
  PORM_TEMPLATE_DOC_TEXT_INVALID: doc('Template text does not compile', 'A text field is not a valid template string. The message gives the binding error code and its line and column.'),
  PORM_TEMPLATE_DOC_UNDECLARED_VARIABLE: doc('Variable not declared', 'A text field or rule reads a data path that the template\'s data schema does not declare. Declare the slot or fix the path.'),
  PORM_TEMPLATE_DOC_URL_SCHEME: doc('URL scheme not allowed', 'A URL must start with a literal, allowed scheme (https, http, tel, sms, mailto, geo or a configured app scheme); the scheme may not come from data.'),
  PORM_TEMPLATE_DOC_DUPLICATE_ID: doc('Duplicate id', 'Two components, buttons, form fields, variants or quick replies share an id. Ids must be unique in their scope.'),
  PORM_TEMPLATE_DOC_UNKNOWN_REFERENCE: doc('Reference to a missing id', 'An action refers to an id (for example a form to submit) that does not exist in the same component tree.'),
  PORM_TEMPLATE_DOC_SLOT_INVALID: doc('Data slot invalid', 'A slot\'s example or default does not match its type, or its missing-data policy is "default" without a default.'),
  PORM_TEMPLATE_DOC_PREDICATE_INVALID: doc('Rule invalid', 'A when-rule compares a value of the wrong type, or a device rule uses a path outside the device vocabulary.'),
  PORM_TEMPLATE_DOC_VARIANT_INVALID: doc('Variants invalid', 'Variant weights must be given for all variants or none, and sum to 100.'),
  PORM_TEMPLATE_DOC_PATTERN_INVALID: doc('Form pattern invalid', 'A form field\'s pattern is not a valid regular expression.'),
  PORM_TEMPLATE_DOC_TOO_MANY_ERRORS: doc('Too many errors', 'The document has more errors than are reported at once. Fix the listed ones and validate again.'),
});

export type TemplateDocErrorCode = keyof typeof templateDocErrors;
