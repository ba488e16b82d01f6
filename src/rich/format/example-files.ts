import { EXAMPLES } from './examples.ts';
import { SCENARIOS } from './scenarios.ts';
import type { TemplateDocument } from './types.ts';

// The template documents shipped under examples/ (the files docs/rich-messages.md and docs/templates.md
// name), keyed by their path from the repository root. Written by scripts/gen-rich-examples.ts; a test fails
// when a file and its document here disagree, so the files cannot drift from the tested documents.
export const EXAMPLE_FILES: Readonly<Record<string, TemplateDocument>> = {
  'examples/clinic-reminder.json': SCENARIOS.clinicReminder,
  'examples/weekend-sale.json': SCENARIOS.weekendSale,
  'examples/event-ticket.json': SCENARIOS.eventTicket,
  'examples/order-shipped.json': EXAMPLES.orderShipped,
  'examples/boarding-pass.json': EXAMPLES.boardingPass,
  'examples/appointment-reminder.json': EXAMPLES.appointment,
  'examples/nps-survey.json': EXAMPLES.survey,
};

/** A file's exact text: two-space JSON and a final newline, as the docs print the documents. */
export function exampleFileText(doc: TemplateDocument): string {
  return `${JSON.stringify(doc, null, 2)}\n`;
}
