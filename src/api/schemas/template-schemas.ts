import { Type, type TObject, type TProperties } from '@sinclair/typebox';
import { FreeObject, Nullable, NullableString, PageOf, Timestamp } from './common.ts';

// Response schemas of the template and rich-message endpoints. They also serialize: a property a
// schema does not name would be dropped, so every object here keeps additional properties (the
// rich formats grow; a new field must reach the client before its schema line is written).

function Open<T extends TProperties>(properties: T, options: { description?: string } = {}): TObject<T> {
  return Type.Object(properties, { additionalProperties: true, ...options });
}

const templateBase = {
  id: Type.String(),
  object: Type.Literal('template'),
  name: Type.String(),
  latest_revision: Type.Integer(),
  created_at: Timestamp,
  updated_at: Timestamp,
};

export const TemplateSummary = Open(templateBase, { description: 'A template without its document' });

export const TemplateRevised = Open({
  ...templateBase,
  revision: Type.Integer({ description: 'The revision just written' }),
  document: FreeObject,
}, { description: 'A template with the document of one revision' });

export const TemplateWithRevisions = Open({
  ...templateBase,
  document: FreeObject,
  revisions: Type.Array(Open({ revision: Type.Integer(), note: NullableString, created_at: Timestamp })),
});

export const TemplateRevision = Open({
  object: Type.Literal('template_revision'),
  template_id: Type.String(),
  revision: Type.Integer(),
  note: NullableString,
  created_at: Timestamp,
  document: FreeObject,
});

export const TemplateValidation = Open({
  object: Type.Literal('template_validation'),
  valid: Type.Boolean(),
  errors: Type.Array(Open({
    pointer: Type.String({ description: 'JSON pointer into the document' }),
    code: Type.String(),
    message: Type.String(),
    position: Type.Optional(Open({ line: Type.Integer(), col: Type.Integer() }, { description: 'Inside a template string, 1-based' })),
  })),
  warnings: Type.Array(Open({ pointer: Type.String(), rule: Type.String(), message: Type.String() })),
});

export const TemplatePreview = Open({
  object: Type.Literal('template_preview'),
  revision: Type.Integer({ description: '0 for an inline document' }),
  variant: Type.Unknown({ description: 'The variant chosen for this data, if the template has variants' }),
  warnings: Type.Array(Type.Unknown()),
  missing: Type.Array(Type.Unknown()),
  porm: Open({ html: Type.String(), css: Type.String(), notification: FreeObject, instructions: FreeObject }, { description: 'The hosted porm page' }),
  mms: Open({ subject: NullableString, slides: Type.Array(FreeObject), attachments: Type.Array(FreeObject) }, { description: 'The MMS slides' }),
  sms: Open({ text: Type.String(), encoding: Type.String(), segments: Type.Integer(), units: Type.Integer() }, { description: 'The SMS text' }),
});

const ratio = Nullable(Type.Number());

const engagement = {
  messages: Type.Integer(),
  opened_messages: Type.Integer(),
  opens: Type.Integer(),
  open_rate: ratio,
  renders: Open({ ok: Type.Integer(), failed: Type.Integer(), success_rate: ratio, median_ms: Nullable(Type.Number()) }),
  actions: Type.Array(Open({ action_id: Type.String(), clicks: Type.Integer(), unique_messages: Type.Integer(), click_through_rate: ratio })),
  forms: Type.Array(Open({ form_id: Type.String(), submissions: Type.Integer() })),
  quick_replies: Type.Integer(),
  postbacks: Type.Integer(),
  opens_by_revision: Type.Array(Open({ revision: Type.Integer(), opens: Type.Integer() })),
};

export const TemplateStats = Open({ object: Type.Literal('engagement_stats'), template_id: Type.String(), ...engagement });
export const MessageStats = Open({ object: Type.Literal('engagement_stats'), message_id: Type.String(), ...engagement });

export const RichEvent = Open({
  id: Type.String(),
  object: Type.Literal('rich_event'),
  kind: Type.String({ description: 'open, render, click, submit, quick_reply, postback…' }),
  message_id: Type.String(),
  template_id: Type.String(),
  revision: Type.Integer(),
  action_id: NullableString,
  ok: Nullable(Type.Boolean()),
  duration_ms: Nullable(Type.Number()),
  data: Nullable(FreeObject),
  at: Timestamp,
});

export const FormAnswer = Open({
  id: Type.String(),
  object: Type.Literal('form_submission'),
  message_id: Type.String(),
  template_id: Type.String(),
  revision: Type.Integer(),
  form_id: Type.String(),
  answers: FreeObject,
  created_at: Timestamp,
});

export const TemplatePage = PageOf(TemplateSummary);
export const RichEventPage = PageOf(RichEvent);
export const FormAnswerPage = PageOf(FormAnswer);
