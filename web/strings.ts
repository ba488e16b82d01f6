// Words the assembler shows itself. English, like the renderer's own strings (src/rich/render/strings.ts),
// and kept in one table so a later localisation swaps both together.

export const STRINGS = {
  copied: 'Copied',
  copyFailed: 'Could not copy. Select the code to copy it.',
  sent: 'Sent',
  answered: 'Thanks, your answer was received.',
  alreadyAnswered: 'You have already answered.',
  failed: 'Something went wrong. Please try again.',
  offline: 'Could not reach the server. Check your connection and try again.',
} as const;
