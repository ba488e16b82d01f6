// Public surface of the non-rich delivery forms derived from a bound message: SMS text with a
// page link, MMS slide plan, iCalendar files and barcode images.
export { buildSmsText, gsm7Units, measureSms, segmentsFor, toGsmFriendly, type SmsEncoding, type SmsMeasure, type SmsOptions, type SmsText } from './sms.ts';
export { buildIcs, icsFilename, type CalendarEvent, type IcsEvent } from './ics.ts';
export { barcodePng, barcodeSvg, type BarcodeFormat } from './barcode.ts';
export { planMmsSlides } from './mms.ts';
export { MAX_SLIDES, type MmsOptions, type MmsPlan, type PlannedAttachment, type PlannedAudio, type PlannedSlide, type SlideVisual } from './mms-model.ts';
export { FALLBACK_DEVICE } from './device.ts';
