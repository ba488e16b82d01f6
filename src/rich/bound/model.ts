import type { Predicate } from '../format/types.ts';

// A bound message: one template revision expanded for one recipient. Every template string is
// rendered, server rules are applied, slot policies are applied and one variant is chosen, so
// what is left is plain data plus the device rules that only the phone can evaluate. This is
// the "instructions" a device fetches; the HTML renderer and the MMS/SMS fallback builders read
// only this, never the template or the recipient's data. Pure data: JSON-serialisable.

export const BOUND_VERSION = 1;

/** Every action has an id stable across revisions where the author gave ids (button/component id), else its tree path. */
export type BoundAction =
  | { readonly kind: 'open_url'; readonly id: string; readonly url: string }
  | { readonly kind: 'deep_link'; readonly id: string; readonly url: string; readonly fallbackUrl: string }
  | { readonly kind: 'call'; readonly id: string; readonly phone: string }
  | { readonly kind: 'sms_reply'; readonly id: string; readonly body: string; readonly to: string | null }
  | { readonly kind: 'add_to_calendar'; readonly id: string; readonly title: string; readonly start: string; readonly end: string | null; readonly location: string | null; readonly description: string | null }
  | { readonly kind: 'show_on_map'; readonly id: string; readonly query: string | null; readonly lat: number | null; readonly lng: number | null; readonly label: string | null; readonly directions: boolean }
  | { readonly kind: 'copy_code'; readonly id: string; readonly code: string }
  | { readonly kind: 'postback'; readonly id: string; readonly payload: string; readonly confirm: string | null }
  | { readonly kind: 'submit_form'; readonly id: string; readonly formId: string };
export type BoundActionKind = BoundAction['kind'];

export interface BoundCommon {
  /** Stable key of the component: its author id, else its JSON pointer in the template ("/components/2"). */
  readonly key: string;
  /** A device rule, evaluated by the renderer against the device context. Absent: always shown. */
  readonly device?: Predicate;
}

export interface BoundTextRun { readonly text: string; readonly bold: boolean; readonly italic: boolean; readonly link: string | null }
export interface BoundFact { readonly label: string; readonly value: string }
export interface BoundButton extends BoundCommon { readonly type: 'button'; readonly label: string; readonly style: 'primary' | 'secondary' | 'destructive'; readonly action: BoundAction }
export interface BoundImage extends BoundCommon { readonly type: 'image'; readonly url: string; readonly alt: string; readonly aspectRatio: string | null; readonly action: BoundAction | null }
export interface BoundVideo extends BoundCommon { readonly type: 'video'; readonly url: string; readonly poster: string | null; readonly alt: string; readonly captionsUrl: string | null }
export interface BoundCard extends BoundCommon {
  readonly type: 'card';
  readonly media: BoundImage | BoundVideo | null;
  readonly title: string;
  readonly subtitle: string | null;
  readonly body: string | null;
  readonly facts: readonly BoundFact[];
  readonly buttons: readonly BoundButton[];
  readonly action: BoundAction | null;
}
export interface BoundListItem { readonly title: string; readonly subtitle: string | null; readonly image: string | null; readonly alt: string; readonly action: BoundAction | null }

export type BoundField =
  | BoundFieldBase<'text' | 'email' | 'phone'> & { readonly pattern: string | null; readonly placeholder: string | null; readonly maxLength: number | null }
  | BoundFieldBase<'number'> & { readonly min: number | null; readonly max: number | null }
  | BoundFieldBase<'choice' | 'multi_choice'> & { readonly options: readonly { readonly value: string; readonly label: string }[] }
  | BoundFieldBase<'date' | 'time' | 'toggle'>
  | BoundFieldBase<'rating'> & { readonly min: 0 | 1; readonly max: number };
export interface BoundFieldBase<K extends string> { readonly kind: K; readonly name: string; readonly label: string; readonly required: boolean; readonly errorMessage: string | null }

export interface BoundForm extends BoundCommon {
  readonly type: 'form';
  readonly id: string;
  readonly title: string | null;
  readonly fields: readonly BoundField[];
  readonly submitLabel: string;
  /** More than one answer per recipient allowed. */
  readonly multipleAnswers: boolean;
}

export type BoundComponent =
  | (BoundCommon & { readonly type: 'text'; readonly runs: readonly BoundTextRun[]; readonly size: 'small' | 'body' | 'large'; readonly align: 'start' | 'center' | 'end' })
  | (BoundCommon & { readonly type: 'heading'; readonly text: string; readonly level: 1 | 2 | 3 })
  | BoundImage
  | BoundVideo
  | (BoundCommon & { readonly type: 'audio'; readonly url: string; readonly title: string | null; readonly alt: string })
  | BoundCard
  | (BoundCommon & { readonly type: 'carousel'; readonly cards: readonly BoundCard[] })
  | BoundButton
  | (BoundCommon & { readonly type: 'button_row'; readonly buttons: readonly BoundButton[] })
  | (BoundCommon & { readonly type: 'list'; readonly ordered: boolean; readonly items: readonly BoundListItem[] })
  | (BoundCommon & { readonly type: 'divider' })
  | (BoundCommon & { readonly type: 'spacer'; readonly size: 'small' | 'medium' | 'large' })
  | (BoundCommon & { readonly type: 'facts'; readonly facts: readonly BoundFact[] })
  /** `to` is an ISO 8601 instant; the renderer shows the time left and the device keeps it ticking. */
  | (BoundCommon & { readonly type: 'countdown'; readonly to: string; readonly label: string | null; readonly expiredText: string | null })
  | (BoundCommon & { readonly type: 'code'; readonly format: 'qr' | 'aztec' | 'pdf417' | 'code128'; readonly value: string; readonly alt: string; readonly caption: string | null })
  | (BoundCommon & { readonly type: 'map'; readonly query: string | null; readonly lat: number | null; readonly lng: number | null; readonly label: string | null; readonly alt: string; readonly zoom: number; readonly action: BoundAction | null })
  | BoundForm;
export type BoundComponentType = BoundComponent['type'];

export interface BoundQuickReply { readonly id: string; readonly label: string; readonly payload: string }

export interface BoundTheme {
  readonly primaryColor: string;
  readonly backgroundColor: string;
  readonly textColor: string;
  readonly accentColor: string;
  readonly onPrimaryColor: string;
  readonly font: string;
  readonly cornerRadius: number;
}

export interface BoundMessage {
  readonly version: typeof BOUND_VERSION;
  /** Template revision this was bound from (0 for an inline template). */
  readonly revision: number;
  /** The variant chosen (A/B or by rule), null for the root components. */
  readonly variant: string | null;
  readonly locale: string | null;
  readonly theme: BoundTheme;
  readonly components: readonly BoundComponent[];
  readonly quickReplies: readonly BoundQuickReply[];
}

/** What a device rule may read (src/rich/format/vocabulary.ts DEVICE_PATHS), as the phone reports it. */
export interface DeviceContext {
  readonly locale?: string;
  readonly language?: string;
  /** "HH:MM", 24 h, the device's local time. */
  readonly local_time?: string;
  readonly time_of_day?: 'morning' | 'afternoon' | 'evening' | 'night';
  /** 1 = Monday … 7 = Sunday. */
  readonly weekday?: number;
  readonly screen_width?: number;
  readonly dark_mode?: boolean;
  readonly capability?: Readonly<Partial<Record<'calendar' | 'map' | 'video' | 'audio' | 'wallet' | 'clipboard' | 'share', boolean>>>;
  readonly location_granted?: boolean;
  readonly country?: string;
  readonly region?: string;
}
