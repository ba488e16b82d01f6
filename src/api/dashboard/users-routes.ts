import type { DashboardKit } from './kit.ts';
import { formOf, problem } from './kit.ts';
import { PormError } from '../../errors.ts';
import { usersPage } from '../../dashboard/pages/users.ts';
import { allows, isRole, type Role } from '../../dashboard/roles.ts';

// /dashboard/users (admins): who has access, and invitations.
export function usersRoutes({ page, services }: DashboardKit): void {
  const { users } = services.dashboard;
  page('/dashboard/users', 'admin', async (_request, { user, csrf }) => usersPage({ title: 'Users', user, csrf }, await users.list(user.accountId)));
  page('/dashboard/users', 'admin', async (request, { user, csrf }, reply) => {
    const form = formOf(request);
    try {
      // Nobody invites a role stronger than their own: an admin cannot make an owner.
      if (isRole(form.role ?? '') && !allows(user.role, form.role as Role)) throw new PormError('PORM_DASHBOARD_FORBIDDEN');
      const token = await users.invite(user.accountId, form.email ?? '', form.role ?? '');
      return usersPage({ title: 'Users', user, csrf }, await users.list(user.accountId), { email: (form.email ?? '').trim().toLowerCase(), link: `${services.publicUrl.value}/dashboard/link/${token}` });
    } catch (err) {
      const p = problem(err);
      reply.code(p.status);
      return usersPage({ title: 'Users', user, csrf }, await users.list(user.accountId), undefined, p);
    }
  }, 'POST');
}
