import { defineErrors } from '../../error-def.ts';

// Frequency caps: a program's "at most N marketing messages per recipient per window".
export const capErrors = defineErrors({
  PORM_FREQUENCY_CAP_EXCEEDED: { status: 429, title: 'Frequency cap exceeded', description: 'The recipient has already been sent the most marketing messages the program allows in its window (frequencyCap, or the 3-per-24-hours rule of Florida, Oklahoma and Maryland when state rules are on), and the program fails rather than holds messages over the cap. Send it later, or set the cap\'s action to `hold`.' },
});
