// The static stylesheet for every component, served once and cached. Mobile first, one column of at
// most 560px, colours and shape only through the theme's custom properties (themeCss), with the
// reference theme as fallback when no theme sheet loaded. Logical properties (inline-start/end)
// so right-to-left messages mirror correctly. The theme decides light or dark, not the phone:
// the same message looks the same everywhere (authors can branch on device.dark_mode).

const rules: readonly string[] = [
  '.porm-msg{--porm-pad:16px;box-sizing:border-box;max-width:560px;margin:0 auto;padding:var(--porm-pad);background:var(--porm-bg,#fff);color:var(--porm-text,#1a1a1a);font-family:var(--porm-font,system-ui,-apple-system,"Segoe UI",Roboto,sans-serif);font-size:1rem;line-height:1.5;overflow-wrap:anywhere;-webkit-text-size-adjust:100%;text-size-adjust:100%}',
  '.porm-msg *,.porm-msg *::before,.porm-msg *::after{box-sizing:inherit}',
  // Component classes set display, which would override the hidden attribute without this.
  '.porm-msg [hidden]{display:none!important}',
  '.porm-msg>*+*{margin-block-start:12px}',
  '.porm-msg a{color:var(--porm-accent,var(--porm-primary,#0b5fff));text-underline-offset:2px}',
  '.porm-msg :focus-visible{outline:3px solid var(--porm-accent,var(--porm-primary,#0b5fff));outline-offset:2px}',
  '.porm-vh{position:absolute!important;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);clip-path:inset(50%);white-space:nowrap;border:0}',
  // Text
  '.porm-heading{margin:0;line-height:1.25;font-weight:700}',
  'h2.porm-heading{font-size:1.5rem}h3.porm-heading{font-size:1.25rem}h4.porm-heading{font-size:1.0625rem}',
  '.porm-text,.porm-card-text{margin:0;white-space:pre-line}',
  '.porm-size-small{font-size:.875rem}.porm-size-large{font-size:1.25rem}',
  '.porm-align-center{text-align:center}.porm-align-end{text-align:end}',
  '.porm-divider{border:0;border-block-start:1px solid currentColor;opacity:.2;margin-inline:0}',
  '.porm-msg>.porm-spacer{margin:0}.porm-spacer-small{height:8px}.porm-spacer-medium{height:16px}.porm-spacer-large{height:32px}',
  '.porm-facts{margin:0;display:grid;gap:4px 16px;grid-template-columns:minmax(0,max-content) minmax(0,1fr)}',
  '.porm-fact{display:contents}.porm-facts dt{opacity:.75}.porm-facts dd{margin:0;font-weight:600}',
  '.porm-countdown{margin:0;font-weight:600}.porm-countdown-time{font-variant-numeric:tabular-nums}',
  // Media
  '.porm-img{display:block;width:100%;height:auto;border-radius:var(--porm-radius,12px);background:rgba(127,127,127,.12)}',
  '.porm-ar-1-1{aspect-ratio:1/1;object-fit:cover}.porm-ar-4-3{aspect-ratio:4/3;object-fit:cover}.porm-ar-16-9{aspect-ratio:16/9;object-fit:cover}.porm-ar-3-4{aspect-ratio:3/4;object-fit:cover}.porm-ar-9-16{aspect-ratio:9/16;object-fit:cover}',
  '.porm-img-link{display:block}',
  '.porm-video-el{display:block;width:100%;max-height:70vh;border-radius:var(--porm-radius,12px);background:#000}',
  '.porm-audio{margin:0}.porm-audio-el{display:block;width:100%}.porm-audio-title{font-weight:600;margin-block-end:4px}',
  '.porm-media-link{margin:4px 0 0;font-size:.875rem}',
  '.porm-code{margin:0;text-align:center}.porm-code-img{display:block;margin:0 auto;max-width:100%;height:auto;background:#fff;padding:12px;border-radius:var(--porm-radius,12px)}',
  '.porm-code-qr .porm-code-img,.porm-code-aztec .porm-code-img{width:min(280px,100%)}.porm-code-pdf417 .porm-code-img,.porm-code-code128 .porm-code-img{width:100%}',
  '.porm-code-caption{margin-block-start:8px;font-size:.875rem}',
  '.porm-map{display:flex;flex-wrap:wrap;align-items:center;gap:8px 12px;padding:12px;border:1px solid rgba(127,127,127,.35);border-radius:var(--porm-radius,12px)}',
  '.porm-map-pin{flex:none;color:var(--porm-primary,#0b5fff)}.porm-map-text{flex:1 1 12rem;min-width:0}.porm-map-label{margin:0;font-weight:600}.porm-map-query{margin:0;opacity:.8}',
  // Cards, carousel, list
  '.porm-card{overflow:hidden;border:1px solid rgba(127,127,127,.35);border-radius:var(--porm-radius,12px);background:var(--porm-bg,#fff)}',
  '.porm-card-media .porm-img,.porm-card-media .porm-video-el{border-radius:0}.porm-card-media .porm-media-link{padding-inline:12px}',
  '.porm-card-body{padding:12px 12px 0;display:grid;gap:6px}.porm-card-body:last-child{padding-block-end:12px}',
  '.porm-card-title{margin:0;font-size:1.125rem;line-height:1.3}.porm-card-link{color:inherit}',
  '.porm-card-subtitle{margin:0;opacity:.8}',
  '.porm-card>.porm-actions{padding:12px}',
  '.porm-carousel{margin-inline:calc(-1*var(--porm-pad))}',
  '.porm-slides{display:flex;gap:12px;margin:0;padding:0 var(--porm-pad) 4px;list-style:none;overflow-x:auto;scroll-snap-type:x mandatory;scroll-padding-inline:var(--porm-pad);overscroll-behavior-x:contain}',
  '.porm-slide{flex:0 0 85%;max-width:320px;scroll-snap-align:start;display:flex}.porm-slide>.porm-card{flex:1}',
  '@media (prefers-reduced-motion:no-preference){.porm-slides{scroll-behavior:smooth}}',
  '.porm-list{margin:0;padding-inline-start:0;list-style-position:inside;display:grid;gap:8px}ul.porm-list{list-style:none}',
  '.porm-list-item{display:flex;align-items:center;gap:12px;flex-wrap:wrap}.porm-list-text{flex:1 1 10rem;min-width:0;display:grid}',
  '.porm-thumb{flex:none;width:64px;height:64px;object-fit:cover;border-radius:calc(var(--porm-radius,12px)/2)}',
  '.porm-list-title{font-weight:600}.porm-list-subtitle{font-size:.875rem;opacity:.8}',
  // Actions: 44px targets (WCAG 2.5.5)
  '.porm-actions{display:flex;flex-direction:column;gap:8px}.porm-row{flex-direction:row;flex-wrap:wrap}.porm-row>*{flex:1 1 8rem}',
  '.porm-btn{display:inline-flex;align-items:center;justify-content:center;min-height:44px;padding:10px 16px;border:2px solid var(--porm-primary,#0b5fff);border-radius:var(--porm-radius,12px);font:inherit;font-weight:600;text-align:center;text-decoration:none;cursor:pointer;width:100%}',
  '.porm-msg .porm-btn-primary{background:var(--porm-primary,#0b5fff);color:var(--porm-on-primary,#fff)}',
  '.porm-msg .porm-btn-secondary{background:transparent;color:var(--porm-primary,#0b5fff)}',
  '.porm-msg .porm-btn-destructive{background:#b42318;border-color:#b42318;color:#fff}',
  '.porm-postback{margin:0;display:grid;gap:4px}.porm-answer{margin:0;font-size:.875rem;font-weight:600}',
  // In a row, a postback's form steps out of the layout (display:contents: it still owns its button), so its
  // button sits in the row like any other and the sender's answer takes a full line under the whole row
  // instead of being squeezed under the button and making the row's other buttons as tall.
  '.porm-row>.porm-postback{display:contents}.porm-row>.porm-postback>.porm-btn{flex:1 1 8rem;width:auto}.porm-row>.porm-postback>.porm-answer{flex:1 1 100%;order:1}',
  '.porm-copy{display:flex;flex-wrap:wrap;align-items:center;gap:8px}.porm-copy>.porm-btn{flex:1 1 6rem;width:auto}',
  '.porm-copy-code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:1.25rem;letter-spacing:.08em;padding:6px 10px;border:1px dashed currentColor;border-radius:6px;user-select:all;-webkit-user-select:all}',
  // Forms
  '.porm-form{display:grid;gap:12px}.porm-form-set{border:0;margin:0;padding:0;display:grid;gap:12px;min-width:0}.porm-form-title{font-weight:700;font-size:1.125rem;padding:0;margin:0}',
  '.porm-field{display:grid;gap:4px;border:0;margin:0;padding:0;min-width:0}.porm-label{font-weight:600;padding:0}',
  '.porm-req{font-weight:400;font-size:.875rem;opacity:.8}',
  '.porm-input{font:inherit;min-height:44px;padding:8px 10px;width:100%;color:inherit;background:transparent;border:1px solid rgba(127,127,127,.6);border-radius:calc(var(--porm-radius,12px)/2)}',
  '.porm-toggle,.porm-option{display:flex;align-items:center;gap:8px;min-height:44px}.porm-check{width:22px;height:22px;margin:0;accent-color:var(--porm-primary,#0b5fff)}',
  '.porm-rating-options{display:flex;flex-wrap:wrap;gap:6px}.porm-rating-option{position:relative}',
  '.porm-rating-input{position:absolute;opacity:0;width:1px;height:1px}',
  '.porm-rating-option label{display:inline-flex;align-items:center;justify-content:center;min-width:44px;min-height:44px;border:2px solid var(--porm-primary,#0b5fff);border-radius:calc(var(--porm-radius,12px)/2);cursor:pointer;font-weight:600}',
  '.porm-rating-input:checked+label{background:var(--porm-primary,#0b5fff);color:var(--porm-on-primary,#fff)}',
  '.porm-rating-input:focus-visible+label{outline:3px solid var(--porm-accent,var(--porm-primary,#0b5fff));outline-offset:2px}',
  '.porm-error{margin:0;color:#b42318;font-size:.875rem;font-weight:600}',
  '.porm-status{margin:0;font-weight:600}',
  // Quick replies
  '.porm-quick{display:flex;flex-wrap:wrap;gap:8px}.porm-quick-form{margin:0}',
  '.porm-chip{font:inherit;min-height:44px;padding:8px 14px;border:2px solid var(--porm-primary,#0b5fff);border-radius:22px;background:transparent;color:var(--porm-primary,#0b5fff);font-weight:600;cursor:pointer}',
  '@media (forced-colors:active){.porm-btn,.porm-chip,.porm-rating-option label{border-color:ButtonText}.porm-rating-input:checked+label{forced-color-adjust:none;background:Highlight;color:HighlightText}}',
];

export const BASE_CSS: string = rules.join('\n') + '\n';
