/**
 * What POST /v1/templates/validate was given. It takes the same `{"document": …, "name"?, "note"?}` body as
 * POST /v1/templates, so one request body can be validated and then saved; a bare document is still accepted
 * for compatibility. The two never overlap: every template document has `version`, and `document` is not a
 * field of the format, so a body with `document` and no `version` is the wrapped shape.
 */
export interface ValidateBody {
  readonly shape: 'wrapped' | 'bare';
  readonly document: unknown;
  /** Fields of a wrapped body other than document/name/note (refused like on create). */
  readonly extraFields: readonly string[];
}

const WRAPPER_FIELDS = new Set(['document', 'name', 'note']);

export function readValidateBody(body: unknown): ValidateBody {
  if (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.hasOwn(body, 'document') && !Object.hasOwn(body, 'version')) {
    const wrapper = body as Record<string, unknown>;
    return { shape: 'wrapped', document: wrapper.document, extraFields: Object.keys(wrapper).filter((k) => !WRAPPER_FIELDS.has(k)) };
  }
  return { shape: 'bare', document: body, extraFields: [] };
}
