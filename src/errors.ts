import type { ErrorDef } from './error-def.ts';
import { coreErrors } from './core-errors.ts';
import { pduErrors } from './mms/pdu/errors.ts';
import { mm7Errors } from './mms/mm7/errors.ts';
import { netErrors } from './net/errors.ts';
import { mediaAvErrors } from './media/av/errors.ts';
import { mediaErrors } from './media/errors.ts';
import { templateErrors } from './rich/binding/errors.ts';
import { templateDocErrors } from './rich/format/errors.ts';
import { richErrors } from './rich/errors.ts';
import { handsetErrors } from './handset/errors.ts';
import { numberErrors } from './numbers/errors.ts';
import { queueErrors } from './queue/errors.ts';
import { cliErrors } from './cli/errors.ts';
import { mm4Errors } from './carriers/mm4/errors.ts';
import { smppPduErrors } from './sms/pdu/errors.ts';
import { sandboxSmscErrors } from './carriers/sandbox-smsc/errors.ts';
import { smsTextErrors } from './sms/text/errors.ts';
import { mm1Errors } from './carriers/mm1/errors.ts';
import { twilioInboundErrors } from './twilio/inbound/errors.ts';
import { twilioErrors } from './twilio/errors.ts';
import { smppErrors } from './carriers/smpp/errors.ts';
import { smsMessageErrors } from './messages/sms/errors.ts';
import { complianceErrors } from './compliance/errors.ts';
import { capErrors } from './compliance/caps/errors.ts';
import { linkErrors } from './links/errors.ts';
import { dashboardErrors } from './dashboard/errors.ts';
import { messagingServiceErrors } from './messaging-services/errors.ts';
import { contactErrors } from './contacts/errors.ts';
import { campaignErrors } from './campaigns/errors.ts';
import { mediaStoreErrors } from './media/store-errors.ts';
import { storeErrors } from './store/store-errors.ts';

/** The one registry of porm's error codes (documented in docs/errors.md). */
export const errorRegistry = { ...coreErrors, ...pduErrors, ...mm7Errors, ...netErrors, ...mediaErrors, ...mediaAvErrors, ...templateErrors, ...templateDocErrors, ...richErrors, ...handsetErrors, ...numberErrors, ...queueErrors, ...cliErrors, ...mm4Errors, ...smppPduErrors, ...sandboxSmscErrors, ...smsTextErrors, ...mm1Errors, ...twilioErrors, ...twilioInboundErrors, ...smppErrors, ...smsMessageErrors, ...complianceErrors, ...capErrors, ...linkErrors, ...dashboardErrors, ...messagingServiceErrors, ...contactErrors, ...campaignErrors, ...mediaStoreErrors, ...storeErrors } as const satisfies Record<string, ErrorDef>;
export type ErrorCode = keyof typeof errorRegistry;

/** One invalid field of a request, addressed by JSON pointer (RFC 6901). */
export interface FieldError {
  readonly field: string;
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * The typed error domain code throws. It knows its stable code but nothing of HTTP;
 * api/ turns it into problem+json using the registry's status.
 */
export class PormError extends Error {
  readonly code: ErrorCode;
  readonly fields: readonly FieldError[];

  constructor(code: ErrorCode, message?: string, fields: readonly FieldError[] = []) {
    super(message ?? errorRegistry[code].title);
    this.name = 'PormError';
    this.code = code;
    this.fields = fields;
  }

  get status(): number {
    return errorRegistry[this.code].status;
  }
}

export function isPormError(err: unknown): err is PormError {
  return err instanceof PormError;
}
