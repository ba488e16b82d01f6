import { defineErrors } from '../error-def.ts';

// Compliance: consent, suppression, programs and their keywords.
export const complianceErrors = defineErrors({
  PORM_RECIPIENT_OPTED_OUT: { status: 403, title: 'Recipient opted out', description: 'The recipient replied STOP (or another opt-out), or is on a suppression list of this program or of the whole account, so porm sends it nothing: checked when the message is accepted and again when it is claimed for sending. Twilio\'s equivalent is error 21610. Only the recipient can opt back in (START), or you remove the suppression with DELETE /v1/suppressions/{to}.' },
  PORM_CONSENT_REQUIRED: { status: 403, title: 'Consent required for marketing', description: 'The sender number\'s program requires a recorded opt-in for marketing messages (require_consent_for_marketing) and the recipient has none on record. Record the opt-in you collected with POST /v1/consents, or send the message as transactional if it is one.' },
  PORM_CONSENT_AFTER_OPT_OUT: { status: 409, title: 'Recipient opted out themselves', description: 'The recipient opted out by keyword; an opt-in recorded by API does not override that. The recipient can reply START, or you remove the suppression explicitly (DELETE /v1/suppressions/{to}) if you hold newer consent.' },
  PORM_CONSENT_PROOF_MISSING: { status: 400, title: 'Consent proof missing', description: 'An opt-in needs its proof: the wording shown to the person, and for a web form the form\'s URL.' },
  PORM_PROGRAM_NOT_FOUND: { status: 404, title: 'Program not found', description: 'No program with this id belongs to your account.' },
  PORM_PROGRAM_NAME_TAKEN: { status: 409, title: 'Program name taken', description: 'Another program of your account has this name.' },
  PORM_PROGRAM_IS_DEFAULT: { status: 409, title: 'Default program', description: 'The account\'s default program cannot be deleted: numbers without a program use it.' },
  PORM_PROGRAM_IN_USE: { status: 409, title: 'Program in use', description: 'Numbers still belong to this program; move them to another program (PATCH /v1/numbers/{id} with program_id) first.' },
  PORM_QUIET_WINDOW_EMPTY: { status: 400, title: 'Empty quiet-hours window', description: 'quiet_hours.start and quiet_hours.end are equal, so marketing could never be sent. Times are "HH:MM" (00:00–23:59) in the recipient\'s local time.' },
  PORM_KEYWORD_COLLIDES_WITH_STOP: { status: 400, title: 'Keyword collides with an opt-out word', description: 'An opt-in or help keyword is (after normalisation) one of the built-in opt-out words like STOP, which always opt out and cannot be reused.' },
  PORM_KEYWORD_CONFLICT: { status: 400, title: 'Keyword in two lists', description: 'The same keyword (after normalisation) is in two of the opt-out, opt-in and help lists, or is empty once normalised.' },
  PORM_SUPPRESSION_NOT_FOUND: { status: 404, title: 'Suppression not found', description: 'This recipient is not on the suppression list named (the program\'s, or the account-wide one when program_id is left out).' },
});
