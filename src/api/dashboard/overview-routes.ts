import type { DashboardKit } from './kit.ts';
import { overviewPage } from '../../dashboard/pages/overview.ts';
import { CHART_DAYS, DAY, carrierActivity, clicksSince, messagesByDay, optOutsSince, recentErrors } from '../../dashboard/overview-stats.ts';
import { connectorHealth, dayList, daySeries, failureSeries, totals } from '../../dashboard/overview-model.ts';
import { connectorReports } from '../../dashboard/connector-health-stats.ts';
import { liveHealth } from '../../dashboard/connector-health-model.ts';

// /dashboard: today's and the last 7 days' figures, 14 days of charts, the queue and each
// connector's health: what the processes running it report (binds, throughput, errors) with what
// the account's own messages say.
export function overviewRoutes({ page, services }: DashboardKit): void {
  page('/dashboard', 'read-only', async (_request, { user, csrf }) => {
    const { store } = services;
    const account = user.accountId;
    const now = services.clock.now();
    const today = now - (now % DAY);
    const weekFrom = today - 6 * DAY;
    const chartFrom = today - (CHART_DAYS - 1) * DAY;
    const [rows, clicksToday, clicksWeek, optOutsToday, optOutsWeek, queue, activity, errors, reports] = await Promise.all([
      messagesByDay(store, account, chartFrom), clicksSince(store, account, today), clicksSince(store, account, weekFrom),
      optOutsSince(store, account, today), optOutsSince(store, account, weekFrom), services.queue.depth(now),
      carrierActivity(store, account, now), recentErrors(store, account, now), connectorReports(store, now),
    ]);
    const days = dayList(chartFrom, CHART_DAYS);
    const connectors = Object.entries(services.config.carriers).map(([name, c]) => ({ name, type: c.type }));
    return overviewPage({ title: 'Overview', user, csrf }, {
      today: totals(rows, today, { clicks: clicksToday, optOuts: optOutsToday }),
      week: totals(rows, weekFrom, { clicks: clicksWeek, optOuts: optOutsWeek }),
      volume: daySeries(rows, days), failures: failureSeries(rows, days), queue,
      connectors: connectorHealth(connectors, activity, errors, liveHealth(reports, now)),
    });
  });
}
