import { defineErrors } from '../../error-def.ts';

// SMS on the message: codes of POST /v1/messages for `channel` and `fallback`. Stable: never rename or reuse one.
export const smsMessageErrors = defineErrors({
  PORM_SMS_MEDIA_NOT_SUPPORTED: {
    status: 400,
    title: 'SMS carries no media',
    description: '`channel: "sms"` was sent with `media`. SMS is text only: leave `channel` out (or send `"mms"`) to send the media as MMS; when MMS cannot reach the handset porm falls back to SMS with a link to a page showing the media.',
  },
  PORM_SMS_NO_ROUTE: {
    status: 422,
    title: 'No SMS route',
    description: '`channel: "sms"` was asked for, but no route in the server configuration has a connector serving SMS for this sender and recipient. Add an SMS connector (an `smpp` carrier) to a route, or leave `channel` out to send as MMS.',
  },
});
