import type { DashboardKit } from './kit.ts';
import { overviewRoutes } from './overview-routes.ts';
import { messagesRoutes } from './messages-routes.ts';
import { usersRoutes } from './users-routes.ts';
import { composeRoutes } from './compose-routes.ts';
import { contactsRoutes } from './contacts-routes.ts';
import { importsRoutes } from './imports-routes.ts';
import { segmentsRoutes } from './segments-routes.ts';
import { campaignsRoutes } from './campaigns-routes.ts';
import { complianceRoutes } from './compliance-routes.ts';
import { developersRoutes } from './developers-routes.ts';
import { templatesRoutes } from './templates-routes.ts';

// The dashboard's groups of pages, one file each; a new area is a file and a line here (and its
// entry in src/dashboard/pages/nav.ts).
export const DASHBOARD_PAGES: ReadonlyArray<(kit: DashboardKit) => void> = [
  overviewRoutes,
  messagesRoutes,
  usersRoutes,
  composeRoutes,
  contactsRoutes,
  importsRoutes,
  segmentsRoutes,
  campaignsRoutes,
  complianceRoutes,
  developersRoutes,
  templatesRoutes,
];
