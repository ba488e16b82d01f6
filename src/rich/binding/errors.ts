import { defineErrors } from '../../error-def.ts';

// Error codes of the rich-message binding engine (src/rich/binding). Codes are stable: never rename or reuse one.
// Compile-time (the template is wrong, fix it): SYNTAX, UNSUPPORTED_TAG, UNKNOWN_FILTER, TOO_LARGE, TOO_DEEP.
// Render-time (this data would make the render unbounded or unsafe): ITERATION_LIMIT, OUTPUT_LIMIT, DATA_INVALID.
// Send-time guard: LITERAL_MARKUP (rendered text still contains `{{` or `{%`).
export const templateErrors = defineErrors({
  PORM_TEMPLATE_SYNTAX: {
    status: 422,
    title: 'Template syntax error',
    description: 'The template has an unclosed or unexpected tag, a malformed expression or a bad filter argument. The error names the line and column.',
  },
  PORM_TEMPLATE_UNSUPPORTED_TAG: {
    status: 422,
    title: 'Template tag not supported',
    description: 'The template uses a Liquid tag porm does not run (assign, capture, include, render, increment, cycle, tablerow, layout and others). Use only the tags listed in docs/template-binding.md.',
  },
  PORM_TEMPLATE_UNKNOWN_FILTER: {
    status: 422,
    title: 'Template filter not supported',
    description: 'The template calls a filter outside porm\'s closed filter set. Use only the filters listed in docs/template-binding.md.',
  },
  PORM_TEMPLATE_TOO_LARGE: {
    status: 422,
    title: 'Template too large',
    description: 'The template source is longer than the configured template size cap. Split it or shorten it.',
  },
  PORM_TEMPLATE_TOO_DEEP: {
    status: 422,
    title: 'Template nested too deeply',
    description: 'Block tags (if, unless, for) or filter chains are nested deeper than the configured cap. Flatten the template.',
  },
  PORM_TEMPLATE_ITERATION_LIMIT: {
    status: 422,
    title: 'Template iteration limit reached',
    description: 'Rendering with this data would run more loop iterations than the cap allows. Give smaller lists or add a limit: to the for tag.',
  },
  PORM_TEMPLATE_OUTPUT_LIMIT: {
    status: 422,
    title: 'Template output limit reached',
    description: 'Rendering with this data would produce more output than the cap allows, or a filter built an oversized intermediate value.',
  },
  PORM_TEMPLATE_DATA_INVALID: {
    status: 422,
    title: 'Template data not usable',
    description: 'The data handed to the template contains a cycle or nests deeper than porm will walk while printing it. Give plain JSON data.',
  },
  PORM_TEMPLATE_LITERAL_MARKUP: {
    status: 422,
    title: 'Rendered text contains template markup',
    description: 'The rendered text still contains "{{" or "{%", from a raw block or from the data itself. porm never evaluates data, but will not send text that looks like an unfilled template.',
  },
});

export type TemplateErrorCode = keyof typeof templateErrors;
