import type { DashboardKit } from './kit.ts';
import { overviewPage } from '../../dashboard/pages/overview.ts';
import { countsSince } from '../../dashboard/overview-query.ts';

// /dashboard: today's and the last 7 days' figures.
export function overviewRoutes({ page, services }: DashboardKit): void {
  page('/dashboard', 'read-only', async (_request, { user, csrf }) => {
    const now = services.clock.now();
    const day = now - (now % 86_400_000);
    const [today, week] = await Promise.all([countsSince(services.store, user.accountId, day), countsSince(services.store, user.accountId, day - 6 * 86_400_000)]);
    return overviewPage({ title: 'Overview', user, csrf }, today, week);
  });
}
