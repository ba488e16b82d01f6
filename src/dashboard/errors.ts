import { defineErrors } from '../error-def.ts';

// The dashboard's sign-in, users and sessions (docs/dashboard.md).
export const dashboardErrors = defineErrors({
  PORM_DASHBOARD_BAD_CREDENTIALS: { status: 401, title: 'Wrong e-mail or password', description: 'No dashboard user has this e-mail and password (which of the two is wrong is not told). After several failures sign-in is throttled for a while.' },
  PORM_DASHBOARD_THROTTLED: { status: 429, title: 'Too many sign-in attempts', description: 'Too many failed sign-ins for this e-mail or from this address in the last 15 minutes; wait (Retry-After says how long) or ask an admin for a reset link (porm users reset).' },
  PORM_DASHBOARD_CSRF: { status: 403, title: 'Form expired', description: 'The form was not sent from this dashboard session (a missing or wrong CSRF token): reload the page and send it again.' },
  PORM_DASHBOARD_FORBIDDEN: { status: 403, title: 'Not allowed for your role', description: 'This page or action needs a higher dashboard role (owner, admin, member, read-only, in that order).' },
  PORM_DASHBOARD_LINK_INVALID: { status: 404, title: 'Invalid or used link', description: 'This setup, invitation or reset link is unknown, already used or expired. An admin makes a new one with porm users invite or porm users reset.' },
  PORM_DASHBOARD_WEAK_PASSWORD: { status: 400, title: 'Password too weak', description: 'A dashboard password has at least 12 characters (at most 200) and is not only one repeated character.' },
  PORM_DASHBOARD_INVALID_EMAIL: { status: 400, title: 'Invalid e-mail', description: 'A dashboard user is named by an e-mail address like ana@example.com.' },
  PORM_DASHBOARD_USER_EXISTS: { status: 409, title: 'User exists', description: 'A dashboard user with this e-mail exists already; send them a reset link (porm users reset) instead of an invitation.' },
  PORM_DASHBOARD_USER_NOT_FOUND: { status: 404, title: 'No such dashboard user', description: 'No dashboard user of this account has this e-mail.' },
  PORM_DASHBOARD_INVALID_ROLE: { status: 400, title: 'Invalid role', description: 'A dashboard role is owner, admin, member or read-only.' },
  PORM_DASHBOARD_DELIVERY_PENDING: { status: 409, title: 'Delivery still pending', description: 'This webhook delivery has not settled yet (it is waiting for its next attempt), so it is not sent again: porm is already going to send it. Send again works on succeeded and failed deliveries.' },
  PORM_DASHBOARD_INVALID_DATE: { status: 400, title: 'Invalid date', description: 'A date filter is a day like 2026-12-03 (UTC), and a range ends on or after the day it starts.' },
  PORM_DASHBOARD_UNKNOWN_ERROR_CODE: { status: 400, title: 'Unknown error code', description: 'The error code filter names a code porm does not have; the codes are listed in docs/errors.md (PORM_…).' },
  PORM_DASHBOARD_API_KEY_NOT_FOUND: { status: 404, title: 'API key not found', description: 'No API key with this id belongs to your account.' },
});
