// An error as Twilio's REST API answers it: {code, message, more_info, status}. The SDKs turn
// this body into RestException (twilio-node src/base/RestException.ts), reading these four keys.

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

export class TwilioApiError extends Error {
  constructor(readonly status: number, readonly code: number, message: string) {
    super(message);
    this.name = 'TwilioApiError';
  }

  body(): TwilioErrorBody {
    return { code: this.code, message: this.message, more_info: `https://www.twilio.com/docs/errors/${this.code}`, status: this.status };
  }
}

export function isTwilioApiError(err: unknown): err is TwilioApiError {
  return err instanceof TwilioApiError;
}
