// The sandbox SMSC: what the `sandbox-smsc` connector type, the CLI and tests import.
export { SandboxSmsc, DEFAULT_SMSC_KEEP, type SandboxSmscKeep, type SandboxSmscOptions, type SmscCredentials, type SmsSubmission, type SmsReceiptAttempt, type MoResult } from './sandbox-smsc.ts';
export { SmscControlServer } from './smsc-control.ts';
export { SMS_SANDBOX_NUMBERS, SMS_TRANSIENT_FAILURES, UNDELIVERED_ERROR, smsVerdict, e164, type SmsVerdict } from './sms-test-numbers.ts';
export { moDeliverSms, type MoOrder, type MoConcatenation } from './mo-parts.ts';
export { receiptDeliverSm, receiptState, type ReceiptStat, type ReceiptInput } from './receipt-pdu.ts';
export type { BindMode, EsmeAnswer } from './smsc-session.ts';
export { wapPushDeliverSms, WAP_PUSH_PORT, WSP_SOURCE_PORT, type WapPushOrder } from './wap-push-pdus.ts';
export { RecentList } from './recent-list.ts';
