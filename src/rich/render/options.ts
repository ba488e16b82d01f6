export interface RenderOptions {
  /** Base path of this message's hosted page, e.g. "/m/AbC…" (no trailing slash). All porm links are built from it. */
  base: string;
  /** Epoch ms, for countdowns. */
  now: number;
  /** Extra URL schemes allowed for deep links (configured app schemes), lowercase. */
  appSchemes?: readonly string[];
  /** Answers already given, by form id: the form renders a "thank you / already answered" state instead of inputs when it takes one answer. */
  answeredForms?: ReadonlySet<string>;
  /** Postback answers already received, by action id: shown next to the button. */
  postbackAnswers?: Readonly<Record<string, string>>;
}
