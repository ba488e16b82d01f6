// Public face of the HTML renderer. Browser-safe: bundled into the device assembler as well.
//
// URL paths emitted under options.base (ids and keys percent-encoded as one path segment):
//   GET  {base}/go/{actionId}          open_url, deep_link fallback, show_on_map, sms_reply without `to`
//   GET  {base}/ics/{actionId}         add_to_calendar (.ics download)
//   POST {base}/a/{actionId}           postback
//   POST {base}/f/{formId}             form submission (application/x-www-form-urlencoded)
//   POST {base}/q/{quickReplyId}       quick reply
//   GET  {base}/img/{key}?w=N          proxied image, N ∈ 128, 320, 640, 1080; key: image component key,
//                                      "{cardKey}/media", "{listKey}/items/{i}/image", "{videoKey}/poster"
//   GET  {base}/captions/{videoKey}.vtt  proxied WebVTT captions; videoKey: component key or "{cardKey}/media"
//   GET  {base}/code/{key}.svg         qr/aztec/pdf417/code128 drawn by the server
export type { RenderOptions } from './options.ts';
export { renderMessageHtml, renderComponent, messageLang } from './render.ts';
export { visibleComponents } from './visibility.ts';
export { themeCss, FONT_STACKS, DEFAULT_THEME } from './theme.ts';
export { BASE_CSS } from './css.ts';
export { isAllowedUrl, schemeOf } from './urls.ts';
export { formatRemaining, parseInstant } from './time.ts';
export { osmUrl } from './map.ts';
