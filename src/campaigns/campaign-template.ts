import { PormError } from '../errors.ts';
import { jsonDepthExceeds } from '../messages/validate.ts';
import type { Contact } from '../contacts/model.ts';
import type { CompiledTemplate } from '../rich/binding/index.ts';
import type { RichSender } from '../rich/send/rich-send.ts';
import { MAX_DATA_BYTES, MAX_DATA_DEPTH } from '../rich/send/rich-send.ts';
import type { TemplateService } from '../rich/templates/template-service.ts';
import type { Campaign, CampaignInput, CampaignTemplate } from './model.ts';
import { mergeData, templateData } from './personalise.ts';

// A campaign whose content is one of the account's rich templates instead of a body: checked when
// the campaign is created (the template is the account's own, its revision pinned then, so every
// batch sends the same document), and bound for each recipient by the dry run with the same data
// the fan-out gives it.

/** What campaigns need of the rich-message side. */
export interface CampaignRich {
  templates: Pick<TemplateService, 'get'>;
  sender: Pick<RichSender, 'prepare'>;
}

const conflict = (field: string, message: string): PormError =>
  new PormError('PORM_CAMPAIGN_CONTENT_CONFLICT', message, [{ field, code: 'PORM_CAMPAIGN_CONTENT_CONFLICT', message }]);

/** The campaign's template, checked and pinned; null when it names none (then template_data must be absent too). */
export async function checkTemplateInput(rich: CampaignRich | null, accountId: string, input: CampaignInput): Promise<CampaignTemplate | null> {
  if (input.template === undefined) {
    if (input.templateData !== undefined) throw conflict('/template_data', 'template_data goes with a template');
    return null;
  }
  if (input.body !== undefined && input.body !== '') throw conflict('/template', 'give a body or a template, not both');
  if (input.abTest !== undefined) throw conflict('/template', 'an A/B campaign\'s variants carry its content: leave template out');
  if ((input.mediaIds ?? []).length > 0) throw conflict('/media_ids', 'a template carries its own media: leave media_ids out');
  // track_links (true by default) does not apply: a rich message counts taps on its hosted page.
  const data = input.templateData ?? {};
  const badData = (message: string): never => {
    throw new PormError('PORM_RICH_DATA_INVALID', message, [{ field: '/template_data', code: 'PORM_RICH_DATA_INVALID', message }]);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) badData('template_data must be a JSON object');
  if (jsonDepthExceeds(data, MAX_DATA_DEPTH - 1)) badData(`template_data is nested deeper than ${MAX_DATA_DEPTH - 1} levels`);
  // Room is left for the contact, which goes over it for every recipient.
  if (Buffer.byteLength(JSON.stringify(data)) > MAX_DATA_BYTES / 2) badData(`template_data is larger than ${MAX_DATA_BYTES / 2} bytes of JSON`);
  if (rich === null) throw new PormError('PORM_VALIDATION_FAILED', 'templates are not available in this process', [{ field: '/template', code: 'PORM_VALIDATION_FAILED', message: 'templates are not available in this process' }]);
  const notFound = (): PormError => new PormError('PORM_RICH_TEMPLATE_NOT_FOUND', `no template ${input.template} in this account`, [{ field: '/template', code: 'PORM_RICH_TEMPLATE_NOT_FOUND', message: `no template ${input.template} in this account` }]);
  const found = await rich.templates.get(accountId, input.template).catch((err: unknown) => {
    // Another account's template is not found, exactly like one that does not exist.
    if (err instanceof PormError && err.code === 'PORM_RICH_TEMPLATE_NOT_FOUND') throw notFound();
    throw err;
  });
  // A message's inline template is stored like a saved one but is not the account's to reuse.
  if (found.inline) throw notFound();
  return { id: found.id, revision: found.latestRevision, data: data as Record<string, unknown> };
}

/** What the dry run says one recipient would get: the template bound for them (throws its PormError), the body with merge fields, or null (A/B). */
export async function dryRunMessage(rich: CampaignRich | null, campaign: Campaign, contact: Contact, body: CompiledTemplate | null): Promise<{ channel: string | null; text: string } | null> {
  if (campaign.template !== null) {
    if (rich === null) throw new PormError('PORM_VALIDATION_FAILED', 'templates are not available in this process');
    const prepared = await rich.sender.prepare(campaign.accountId, `dry_run_${contact.id}`, contact.phone, {
      template: campaign.template.id, templateRevision: campaign.template.revision, data: templateData(campaign.template.data, contact), channel: 'auto',
    });
    return { channel: prepared.ref.channel, text: prepared.previewBody };
  }
  return body === null ? null : { channel: null, text: body.render(mergeData(contact)).text };
}
