import type { Mm7ChargedParty, Mm7ContentClass, Mm7MessageClass, Mm7Priority } from './model.ts';

// Enumerations of the MM7 schema, in one place for the builders (strict) and parsers (lenient).

export const MESSAGE_CLASSES: readonly Mm7MessageClass[] = ['Personal', 'Informational', 'Advertisement', 'Auto'];
export const PRIORITIES: readonly Mm7Priority[] = ['Low', 'Normal', 'High'];
export const CHARGED_PARTIES: readonly Mm7ChargedParty[] = ['Sender', 'Recipient', 'Both', 'Neither', 'ThirdParty'];
export const CONTENT_CLASSES: readonly Mm7ContentClass[] = [
  'text',
  'image-basic',
  'image-rich',
  'video-basic',
  'video-rich',
  'megapixel',
  'content-basic',
  'content-rich',
];
