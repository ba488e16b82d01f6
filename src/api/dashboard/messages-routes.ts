import type { DashboardKit } from './kit.ts';
import { problem } from './kit.ts';
import { PormError } from '../../errors.ts';
import { messagePage, messagesPage } from '../../dashboard/pages/messages.ts';
import { isMessageStatus } from '../../messages/status.ts';
import { normalizePhone } from '../../messages/validate.ts';
import { messagePreviews } from '../../dashboard/preview-data.ts';
import { previewsSection } from '../../dashboard/pages/previews.ts';

// /dashboard/messages: every message, filtered, with keyset paging; one message with its timeline.
export function messagesRoutes({ page, services }: DashboardKit): void {
  page('/dashboard/messages', 'read-only', async (request, { user, csrf }, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const filter = Object.fromEntries(Object.entries({ status: q.status, to: q.to, from: q.from }).filter(([, v]) => v !== undefined && v !== '')) as { status?: string; to?: string; from?: string };
    try {
      if (filter.status !== undefined && !isMessageStatus(filter.status)) throw new PormError('PORM_VALIDATION_FAILED', 'status is not a message status');
      const phone = (v: string | undefined, field: string) => {
        if (v === undefined) return undefined;
        const n = normalizePhone(v);
        if (!n) throw new PormError('PORM_INVALID_PHONE_NUMBER', `${field} is not an E.164 number`);
        return n;
      };
      const to = phone(filter.to, 'to');
      const from = phone(filter.from, 'from');
      const list = await services.messages.list(user.accountId, {
        ...(filter.status !== undefined && isMessageStatus(filter.status) ? { status: filter.status } : {}), ...(to ? { to } : {}), ...(from ? { from } : {}),
      }, 50, q.cursor);
      return messagesPage({ title: 'Messages', user, csrf }, { messages: list.data, nextCursor: list.nextCursor, filter });
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return messagesPage({ title: 'Messages', user, csrf }, { messages: [], nextCursor: null, filter }, p);
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
      return messagesPage({ title: 'Messages', user, csrf }, { messages: [], nextCursor: null, filter: {} }, p);
    }
  });
}
