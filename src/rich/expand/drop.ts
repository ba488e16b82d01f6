// Why a unit (a button, fact, list item, run, field, quick reply, card in a carousel or a whole
// component) is left out of a bound message. Each becomes a BindWarning with the unit's pointer.
export type DropCode =
  | 'missing-data' // a slot with missing: "drop" (or a path under it) was read and is absent
  | 'bad-url' // a rendered URL does not parse or its scheme is not allowed
  | 'bad-phone' // a rendered phone number has fewer than 3 digits
  | 'bad-date' // a rendered calendar or countdown time is not a date
  | 'form-absent' // a submit_form action whose form is not in this message
  | 'empty'; // a container whose every child was dropped

/**
 * Thrown while building a unit and caught by the smallest droppable unit around it. Not an Error:
 * no stack is captured, so a drop costs little even when many recipients hit it.
 */
export class Drop {
  constructor(
    /** Pointer of the string or container that caused the drop. */
    readonly at: string,
    readonly code: DropCode,
    readonly message: string,
  ) {}
}

/** Warning codes that are not drops. */
export const SLOT_TYPE_WARNING = 'slot-type';
export const EMPTY_MESSAGE_WARNING = 'empty-message';
