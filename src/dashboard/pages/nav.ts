import type { Role } from '../roles.ts';

// The dashboard's main navigation, in order; each entry is shown to its role and stronger ones.
export interface NavEntry { href: string; label: string; role: Role }

export const NAV: readonly NavEntry[] = [
  { href: '/dashboard', label: 'Overview', role: 'read-only' },
  { href: '/dashboard/messages', label: 'Messages', role: 'read-only' },
  { href: '/dashboard/compose', label: 'Compose', role: 'member' },
  { href: '/dashboard/templates', label: 'Templates', role: 'read-only' },
  { href: '/dashboard/contacts', label: 'Contacts', role: 'read-only' },
  { href: '/dashboard/segments', label: 'Segments', role: 'read-only' },
  { href: '/dashboard/campaigns', label: 'Campaigns', role: 'read-only' },
  { href: '/dashboard/compliance', label: 'Compliance', role: 'read-only' },
  { href: '/dashboard/developers', label: 'Developers', role: 'admin' },
  { href: '/dashboard/users', label: 'Users', role: 'admin' },
];
