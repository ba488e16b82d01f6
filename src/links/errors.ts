import { defineErrors } from '../error-def.ts';

// Tracked links, their clicks and conversions (docs/links.md).
export const linkErrors = defineErrors({
  PORM_LINK_NOT_FOUND: { status: 404, title: 'Link not found', description: 'No tracked link has this token (in your account, for the API). A short link porm did not make, or one mistyped, ends here.' },
  PORM_LINK_EXPIRED: { status: 410, title: 'Link expired', description: 'The short link is older than its account\'s link lifetime (ttl_days in /v1/links/settings, 90 days by default); it no longer redirects and its clicks are no longer counted.' },
  PORM_INVALID_SHORT_DOMAIN: { status: 400, title: 'Invalid short domain', description: 'base_url must be an absolute http(s) URL with a host and no query or fragment, e.g. https://go.example.com; porm serves the short links under its /l/ path, so the domain must reach this porm.' },
  PORM_LINKS_NOT_FOR_TEMPLATES: { status: 400, title: 'Rich messages track their own clicks', description: 'track_links shortens the links of a plain body; a rich message (template) counts the taps on its buttons and links on its hosted page, so it takes no track_links.' },
  PORM_CONVERSION_WHO_MISSING: { status: 400, title: 'Conversion needs a recipient or a click', description: 'Name who converted: `to` (the recipient\'s number) or `click_id` (a click of one of your tracked links), or both.' },
  PORM_CLICK_NOT_FOUND: { status: 404, title: 'Click not found', description: 'No click with this id belongs to your account.' },
  PORM_INVALID_CONVERSION_VALUE: { status: 400, title: 'Invalid conversion value', description: 'value is a decimal amount with at most 6 decimal places and below 10^12 (e.g. "49.90" or 49.9), and currency a three-letter ISO 4217 code (USD, EUR).' },
  PORM_CONVERSION_ORDER_CONFLICT: { status: 409, title: 'Order already reported differently', description: 'A conversion with this order_id was already recorded with another recipient, value or currency. The same report again answers with the first record; a different one under the same order_id is refused.' },
  PORM_CONVERSION_NOT_FOUND: { status: 404, title: 'Conversion not found', description: 'No conversion with this id belongs to your account.' },
});
