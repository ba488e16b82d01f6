// Public face of the template document format (version 1): model, schema, validator, linter.
export { validateTemplate, type ValidateOptions, type ValidateResult } from './validate.ts';
export { lintTemplate, type LintOptions, type LintRule, type LintWarning } from './lint.ts';
export { templateJsonSchema } from './schema.ts';
export { templateDocErrors, type TemplateDocErrorCode } from './errors.ts';
export type { TemplateDocError } from './report.ts';
export { DEFAULT_DOCUMENT_LIMITS, type DocumentLimits } from './prescan.ts';
export { contrastRatio, relativeLuminance } from './contrast.ts';
export { estimateSms, type SmsEstimate } from './sms-estimate.ts';
export { DEVICE_PATHS, HISTORY_PATHS, DEFAULT_URL_SCHEMES } from './vocabulary.ts';
export * from './types.ts';
