import { defineErrors } from '../error-def.ts';

// Error codes of rich messages at run time (binding a template to a recipient, the hosted page,
// actions, forms, events). Codes are stable: never rename or reuse one.
export const richErrors = defineErrors({
  PORM_RICH_DATA_BLOCKED: { status: 422, title: 'Recipient data missing', description: 'A data slot whose missing-data policy is "block" has no value (or a value of the wrong type) for this recipient, so the message is not sent. The error lists the slots.' },
  PORM_RICH_DATA_INVALID: { status: 422, title: 'Recipient data invalid', description: 'The data given for the template is not a JSON object, is too large, or a value does not fit its slot\'s declared type.' },
  PORM_RICH_TEMPLATE_NOT_FOUND: { status: 404, title: 'Template not found', description: 'No template with this id exists in your account.' },
  PORM_RICH_REVISION_NOT_FOUND: { status: 404, title: 'Template revision not found', description: 'The template exists but has no revision with this number.' },
  PORM_RICH_TEMPLATE_INVALID: { status: 422, title: 'Template invalid', description: 'The template document failed validation. `errors` lists every problem with its JSON pointer.' },
  PORM_RICH_PAGE_NOT_FOUND: { status: 404, title: 'Message page not found', description: 'The message link is wrong, forged or has expired. Links are unguessable and scoped to one message.' },
  PORM_RICH_ACTION_NOT_FOUND: { status: 404, title: 'Action not found', description: 'The message (in its current revision) has no action, form or quick reply with this id.' },
  PORM_RICH_FORM_INVALID: { status: 422, title: 'Form answers invalid', description: 'One or more answers failed the form\'s validation (required, pattern, type, range, options). `fields` names each field and why.' },
  PORM_RICH_FORM_ALREADY_ANSWERED: { status: 409, title: 'Form already answered', description: 'This recipient has already answered this form, and the form takes one answer per recipient.' },
  PORM_RICH_FORM_TOO_LARGE: { status: 413, title: 'Form answers too large', description: 'The submitted answers are larger than a form accepts.' },
  PORM_RICH_POSTBACK_FAILED: { status: 502, title: 'Sender did not answer', description: 'porm could not deliver the button press to the sender\'s endpoint, or the endpoint answered with an error. The press is recorded; the recipient may try again.' },
  PORM_RICH_EVENT_INVALID: { status: 400, title: 'Event invalid', description: 'A device event (render report) is malformed or names an unknown kind.' },
  PORM_RICH_CHANNEL_UNAVAILABLE: { status: 422, title: 'Channel not available', description: 'The forced delivery form (porm, mms or sms) cannot be used for this message, for example MMS on a route without an MMS profile.' },
  PORM_RICH_NOT_TEMPLATED: { status: 409, title: 'Not a rich message', description: 'The message was not sent from a template, so it has no hosted page, events or form answers.' },
  PORM_RICH_TEMPLATE_CHANGED: { status: 409, title: 'Template changed meanwhile', description: 'Someone saved a newer revision of the template after the one this change started from (the dashboard editor checks this). Compare the revisions, then save again to make yours the latest.' },
});

export type RichErrorCode = keyof typeof richErrors;
