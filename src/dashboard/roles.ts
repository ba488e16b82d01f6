// Dashboard roles, strongest first. A page names the weakest role that may see it.
export const ROLES = ['owner', 'admin', 'member', 'read-only'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Whether `role` is at least `needed`. */
export function allows(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(needed);
}
