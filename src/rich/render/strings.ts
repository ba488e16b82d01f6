import type { BoundActionKind } from '../bound/model.ts';

// The few words the renderer writes itself (not from the message). Kept in one place so a later
// localisation only has to swap this table; English until then.

export const STRINGS = {
  openVideo: 'Open video',
  openAudio: 'Open audio',
  openInMaps: 'Open in Maps',
  copy: 'Copy',
  required: '(required)',
  answered: 'Thanks, your answer was received.',
  quickReplies: 'Quick replies',
  carousel: 'Cards',
  captions: 'Captions',
  slide: (n: number, of: number): string => `${n} of ${of}`,
  /** Read after the visible number of a rating option: "3" + " of 10". */
  ratingOf: (of: number): string => ` of ${of}`,
  codeAlt: { qr: 'QR code', aztec: 'Aztec code', pdf417: 'PDF417 barcode', code128: 'Code 128 barcode' },
  /** Used when a button's label renders empty, so no control is ever nameless. */
  actionLabel: {
    open_url: 'Open link',
    deep_link: 'Open in app',
    call: 'Call',
    sms_reply: 'Reply by text',
    add_to_calendar: 'Add to calendar',
    show_on_map: 'Show on map',
    copy_code: 'Copy code',
    postback: 'Select',
    submit_form: 'Submit',
  } satisfies Record<BoundActionKind, string>,
} as const;
