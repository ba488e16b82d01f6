import type { DashboardKit } from './kit.ts';
import { problem } from './kit.ts';
import { messagePage, messagesPage, type SearchChoices } from '../../dashboard/pages/messages.ts';
import { searchFilter, searchFormOf } from '../../dashboard/message-search.ts';
import { messagePreviews } from '../../dashboard/preview-data.ts';
import { previewsSection } from '../../dashboard/pages/previews.ts';

// /dashboard/messages: every message, searched (status, numbers, dates, campaign, template, error
// code) with keyset paging through the API's own query; one message with its timeline.
export function messagesRoutes({ page, services }: DashboardKit): void {
  // The campaign and template pickers: the newest 100 of each (an older one can be given by id in the URL).
  async function choices(accountId: string): Promise<SearchChoices> {
    const [campaigns, templates] = await Promise.all([services.campaigns.list(accountId, 100), services.rich.templates.list(accountId, { limit: 100 })]);
    return { campaigns: campaigns.data.map((c) => ({ id: c.id, name: c.name })), templates: templates.data.map((t) => ({ id: t.id, name: t.name })) };
  }

  page('/dashboard/messages', 'read-only', async (request, { user, csrf }, reply) => {
    const q = request.query as Record<string, unknown>;
    const filter = searchFormOf(q);
    const picks = await choices(user.accountId);
    try {
      const cursor = typeof q.cursor === 'string' && q.cursor !== '' ? q.cursor : undefined;
      const list = await services.messages.list(user.accountId, searchFilter(filter), 50, cursor);
      return messagesPage({ title: 'Messages', user, csrf }, { messages: list.data, nextCursor: list.nextCursor, filter, choices: picks });
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return messagesPage({ title: 'Messages', user, csrf }, { messages: [], nextCursor: null, filter, choices: picks }, p);
    }
  });

  page('/dashboard/messages/:id', 'read-only', async (request, { user, csrf }, reply) => {
    const { id } = request.params as { id: string };
    try {
      const message = await services.messages.get(user.accountId, id);
      return messagePage({ title: '', user, csrf }, message, message.events, previewsSection(await messagePreviews(services, message)));
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return messagesPage({ title: 'Messages', user, csrf }, { messages: [], nextCursor: null, filter: {}, choices: { campaigns: [], templates: [] } }, p);
    }
  });
}
