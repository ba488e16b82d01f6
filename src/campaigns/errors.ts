import { defineErrors } from '../error-def.ts';

// Campaigns (docs/campaigns.md).
export const campaignErrors = defineErrors({
  PORM_CAMPAIGN_NOT_FOUND: { status: 404, title: 'Campaign not found', description: 'No campaign with this id (cmp_…) belongs to your account.' },
  PORM_CAMPAIGN_EMPTY_AUDIENCE: { status: 422, title: 'Empty campaign audience', description: 'The campaign\'s lists and segments, minus its exclusion lists, hold no contact, so there is no one to send it to.' },
  PORM_CAMPAIGN_BAD_TRANSITION: { status: 409, title: 'Campaign cannot make this move', description: 'A campaign moves draft → scheduled → sending → completed (with an A/B test: sending → testing → sending → completed); scheduled, sending or testing ones can be paused, paused ones resumed, and any not completed or canceled canceled. The campaign\'s current status does not allow what was asked.' },
  PORM_CAMPAIGN_NO_AUDIENCE: { status: 400, title: 'No audience given', description: 'A campaign names at least one list (`audience.lists`) or segment (`audience.segments`).' },
  PORM_CAMPAIGN_NO_SENDER: { status: 400, title: 'No sender given', description: 'A campaign names a `from` number or a `messaging_service_id` (or both).' },
  PORM_CAMPAIGN_AB_INVALID: { status: 400, title: 'Invalid A/B test', description: 'An `ab_test` has 2 to 5 variants with distinct names, each with a body that parses and a weight from 1 to 100; `test_percent` is 1 to 100, `window_minutes` 5 to 10080, and the campaign\'s own `body` is left out (each variant has its own).' },
  PORM_CAMPAIGN_BODY_INVALID: { status: 400, title: 'Invalid campaign body', description: 'The body is empty, longer than 1600 characters, or its merge fields ({{ contact.name }}, {{ contact.attributes.plan }}, …) do not parse.' },
  PORM_CAMPAIGN_CONTENT_CONFLICT: { status: 400, title: 'Campaign content conflicts', description: 'A campaign\'s content is a `body` (with `media_ids`), an `ab_test`, or a rich `template` (with `template_data`): a template goes with none of the others, and `template_data` only with a template.' },
});
