import type { Services } from '../../services.ts';
import type { Campaign, CampaignInput } from '../../campaigns/model.ts';
import type { ComposeValues } from '../../dashboard/pages/compose.ts';

// Compose to a list or a segment: the form becomes a one-off campaign made through CampaignService,
// so the per-recipient compliance checks, the paced and resumable fan-out and "one message per
// contact" are the campaigns' own. It starts at once (or at the form's time); the page then leads
// to the campaign's live progress. The form's key makes a second click or a resent form find the
// campaign the first one made instead of sending everything twice.

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

/** The campaign's name as the campaigns list shows it: what it sends, then when it was composed. */
function nameOf(values: ComposeValues, now: number): string {
  const what = values.template !== '' ? `template ${values.template}` : values.body.replace(/\s+/g, ' ').trim().slice(0, 60);
  return `Compose: ${what || 'message'} (${new Date(now).toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
}

/** The template data as typed: text that is not JSON goes on as it is, for the service to refuse with its code at /template_data. */
function dataOf(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** The form's "When": UTC (the service reads send_at), or each recipient's local time (send_at_local). */
function scheduleOf(values: ComposeValues): Pick<CampaignInput, 'sendAt' | 'sendAtLocal'> {
  const at = values.sendAt.trim();
  if (at === '') return {};
  if (values.sendZone === 'recipient') return { sendAtLocal: at };
  return { sendAt: LOCAL.test(at) ? `${at}Z` : at };
}

export function composeCampaignInput(values: ComposeValues, now: number): CampaignInput {
  const pooled = values.sender.startsWith('mgs_');
  const from = pooled ? '' : values.sender !== '' ? values.sender : values.from.trim();
  const data = values.template !== '' ? dataOf(values.data) : undefined;
  return {
    name: nameOf(values, now),
    audience: values.audience === 'segment' ? { segments: values.segment === '' ? [] : [values.segment] } : { lists: values.list === '' ? [] : [values.list] },
    ...(from !== '' ? { from } : {}), ...(pooled ? { messagingServiceId: values.sender } : {}),
    category: values.category,
    ...(values.template !== ''
      ? { template: values.template, ...(data !== undefined ? { templateData: data } : {}), ...(values.body.trim() !== '' ? { body: values.body } : {}), ...(values.media.length > 0 ? { mediaIds: values.media.map((m) => m.id) } : {}) }
      : { body: values.body, mediaIds: values.media.map((m) => m.id) }),
    ...scheduleOf(values),
    originKey: `dashboard-compose:${values.key}`,
  };
}

/** Creates (or, for a form sent again, finds) the campaign and starts it: scheduled, so the fan-out runs now or at its time. */
export function composeCampaign(services: Services, accountId: string, values: ComposeValues): Promise<Campaign> {
  return services.campaigns.create(accountId, composeCampaignInput(values, services.clock.now()));
}

/** The compose form's field for a campaign pointer or code ('' for the form as a whole). */
export function composeFieldOf(pointer: string | undefined, code: string, typedFrom: boolean): string {
  const head = pointer?.split('/')[1] ?? '';
  if (head === 'audience' || code === 'PORM_CAMPAIGN_NO_AUDIENCE' || code === 'PORM_CAMPAIGN_EMPTY_AUDIENCE' || code === 'PORM_LIST_NOT_FOUND' || code === 'PORM_SEGMENT_NOT_FOUND') return 'to';
  if (head === 'from' || head === 'messaging_service_id' || code === 'PORM_CAMPAIGN_NO_SENDER' || code.startsWith('PORM_MESSAGING_SERVICE')) return typedFrom ? 'from' : 'sender';
  if (head === 'body' || code === 'PORM_CAMPAIGN_BODY_INVALID') return 'body';
  if (head === 'media_ids') return 'file';
  if (head === 'template_data' || code.startsWith('PORM_RICH_DATA')) return 'data';
  if (head === 'template' || code.startsWith('PORM_RICH_TEMPLATE') || code === 'PORM_CAMPAIGN_CONTENT_CONFLICT') return 'template';
  if (head === 'send_at' || head === 'send_at_local' || code === 'PORM_INVALID_SEND_AT') return 'send_at';
  if (head === 'category') return 'category';
  return '';
}
