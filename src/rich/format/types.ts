// The TypeScript model of a porm template document, version 1. The JSON Schema in schema*.ts
// is the source of truth for what is accepted; these types describe a document that passed it.
// Every `Tpl` string is a Liquid-subset template (docs/template-binding.md), rendered per recipient.

/** A Liquid-subset template string. */
export type Tpl = string;
export type Scalar = string | number | boolean | null;

export type SlotType = 'string' | 'number' | 'boolean' | 'date' | 'url' | 'phone' | 'list' | 'object';
export type MissingPolicy = 'default' | 'drop' | 'block';

export interface Slot {
  readonly type: SlotType;
  readonly description?: string;
  readonly required?: boolean;
  readonly example: unknown;
  readonly missing: MissingPolicy;
  readonly default?: unknown;
  /** For `list`: the shape of one item. */
  readonly items?: SlotShape;
  /** For `object`: its fields. Without it, any field may be read. */
  readonly fields?: Readonly<Record<string, SlotShape>>;
}

/** The shape of a nested value (inside a list or object slot): no policy, it follows its slot's. */
export interface SlotShape {
  readonly type: SlotType;
  readonly items?: SlotShape;
  readonly fields?: Readonly<Record<string, SlotShape>>;
}

export const FONTS = ['system', 'sans-serif', 'serif', 'monospace', 'rounded', 'inter', 'roboto', 'open-sans', 'lato', 'merriweather', 'noto-sans', 'noto-serif'] as const;
export type Font = (typeof FONTS)[number];

export interface Theme {
  readonly primaryColor: string;
  readonly backgroundColor: string;
  readonly textColor: string;
  readonly accentColor?: string;
  /** Colour of text drawn on primaryColor (button labels). */
  readonly onPrimaryColor?: string;
  readonly font: Font;
  readonly cornerRadius: number;
}

// ---- rules ----
export type Comparable = string | number;
export type Predicate =
  | { readonly eq: { readonly path: string; readonly value: Scalar } }
  | { readonly ne: { readonly path: string; readonly value: Scalar } }
  | { readonly gt: { readonly path: string; readonly value: Comparable } }
  | { readonly lt: { readonly path: string; readonly value: Comparable } }
  | { readonly in: { readonly path: string; readonly values: readonly Scalar[] } }
  | { readonly exists: { readonly path: string } }
  | { readonly and: readonly Predicate[] }
  | { readonly or: readonly Predicate[] }
  | { readonly not: Predicate };

/** Server rules read data slots and `history.*`; device rules read only `device.*` (DEVICE_PATHS). */
export interface When {
  readonly server?: Predicate;
  readonly device?: Predicate;
}

// ---- actions ----
export type Action =
  | { readonly kind: 'open_url'; readonly url: Tpl; readonly track?: boolean }
  | { readonly kind: 'deep_link'; readonly url: Tpl; readonly fallbackUrl: Tpl }
  | { readonly kind: 'call'; readonly phone: Tpl }
  | { readonly kind: 'sms_reply'; readonly body: Tpl; readonly to?: Tpl }
  | { readonly kind: 'add_to_calendar'; readonly title: Tpl; readonly start: Tpl; readonly end?: Tpl; readonly location?: Tpl; readonly description?: Tpl }
  | { readonly kind: 'show_on_map'; readonly query?: Tpl; readonly lat?: number; readonly lng?: number; readonly label?: Tpl; readonly directions?: boolean }
  | { readonly kind: 'copy_code'; readonly code: Tpl }
  | { readonly kind: 'postback'; readonly payload: Tpl; readonly confirm?: Tpl }
  | { readonly kind: 'submit_form'; readonly formId: string };
export type ActionKind = Action['kind'];

// ---- components ----
export interface Common {
  readonly id?: string;
  readonly when?: When;
}
export interface TextRun {
  readonly text: Tpl;
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly link?: Tpl;
}
export interface Button extends Common {
  readonly type: 'button';
  readonly label: Tpl;
  readonly style?: 'primary' | 'secondary' | 'destructive';
  readonly action: Action;
}
export interface Card extends Common {
  readonly type: 'card';
  readonly media?: Image | Video;
  readonly title: Tpl;
  readonly subtitle?: Tpl;
  readonly body?: Tpl;
  readonly facts?: readonly Fact[];
  readonly buttons?: readonly Button[];
  readonly action?: Action;
}
export interface Fact { readonly label: Tpl; readonly value: Tpl }
export interface Image extends Common { readonly type: 'image'; readonly url: Tpl; readonly alt?: Tpl; readonly aspectRatio?: '1:1' | '4:3' | '16:9' | '3:4' | '9:16'; readonly action?: Action }
export interface Video extends Common { readonly type: 'video'; readonly url: Tpl; readonly poster?: Tpl; readonly alt?: Tpl; readonly captionsUrl?: Tpl }

export type FormField =
  | FieldBase<'text' | 'email' | 'phone'> & { readonly pattern?: string; readonly placeholder?: Tpl; readonly maxLength?: number }
  | FieldBase<'number'> & { readonly min?: number; readonly max?: number }
  | FieldBase<'choice' | 'multi_choice'> & { readonly options: readonly { readonly value: string; readonly label: Tpl }[] }
  | FieldBase<'date' | 'time' | 'toggle'>
  | FieldBase<'rating'> & { readonly min?: 0 | 1; readonly max?: number };
export interface FieldBase<K extends string> { readonly kind: K; readonly name: string; readonly label?: Tpl; readonly required?: boolean; readonly errorMessage?: Tpl }

export type Component =
  | (Common & { readonly type: 'text'; readonly text?: Tpl; readonly runs?: readonly TextRun[]; readonly size?: 'small' | 'body' | 'large'; readonly align?: 'start' | 'center' | 'end' })
  | (Common & { readonly type: 'heading'; readonly text: Tpl; readonly level?: 1 | 2 | 3 })
  | Image
  | Video
  | (Common & { readonly type: 'audio'; readonly url: Tpl; readonly title?: Tpl; readonly alt?: Tpl })
  | Card
  | (Common & { readonly type: 'carousel'; readonly cards: readonly Card[] })
  | Button
  | (Common & { readonly type: 'button_row'; readonly buttons: readonly Button[] })
  | (Common & { readonly type: 'list'; readonly ordered?: boolean; readonly items: readonly { readonly title: Tpl; readonly subtitle?: Tpl; readonly image?: Tpl; readonly alt?: Tpl; readonly action?: Action }[] })
  | (Common & { readonly type: 'divider' })
  | (Common & { readonly type: 'spacer'; readonly size?: 'small' | 'medium' | 'large' })
  | (Common & { readonly type: 'facts'; readonly facts: readonly Fact[] })
  | (Common & { readonly type: 'countdown'; readonly to: Tpl; readonly label?: Tpl; readonly expiredText?: Tpl })
  | (Common & { readonly type: 'code'; readonly format: 'qr' | 'aztec' | 'pdf417' | 'code128'; readonly value: Tpl; readonly alt?: Tpl; readonly caption?: Tpl })
  | (Common & { readonly type: 'map'; readonly query?: Tpl; readonly lat?: number; readonly lng?: number; readonly label?: Tpl; readonly alt?: Tpl; readonly zoom?: number; readonly action?: Action })
  | (Common & { readonly type: 'form'; readonly id: string; readonly title?: Tpl; readonly fields: readonly FormField[]; readonly submitLabel: Tpl; readonly multipleAnswers?: boolean });
export type ComponentType = Component['type'];

export interface QuickReply { readonly id: string; readonly label: Tpl; readonly payload?: Tpl }

export interface Variant {
  readonly id: string;
  /** A/B share in percent; give it for all variants or none. */
  readonly weight?: number;
  /** Rule variant: the first variant whose rule holds wins; otherwise the root components. */
  readonly when?: Predicate;
  readonly components: readonly Component[];
}

export interface TemplateDocument {
  readonly version: 1;
  readonly name: string;
  readonly description?: string;
  readonly locale?: string;
  readonly data: Readonly<Record<string, Slot>>;
  readonly theme: Theme;
  readonly components: readonly Component[];
  readonly quickReplies?: readonly QuickReply[];
  readonly variants?: readonly Variant[];
}
