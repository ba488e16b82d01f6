import type { Role } from '../roles.ts';

// The dashboard's main navigation, in order; each entry is shown to its role and stronger ones.
export interface NavEntry { href: string; label: string; role: Role }

export const NAV: readonly NavEntry[] = [
  { href: '/dashboard', label: 'Overview', role: 'read-only' },
  { href: '/dashboard/messages', label: 'Messages', role: 'read-only' },
  { href: '/dashboard/users', label: 'Users', role: 'admin' },
  { href: '/dashboard/templates', label: 'Templates', role: 'read-only' },
];
