import type { UserRole } from '#src/db/schema/enums';

export const PERMISSIONS = [
  'subscribers.search',
  'subscribers.view',
  'subscribers.unmask',
  'subscribers.export',
  'subscribers.editTags',
  'scores.read',
  'audit.read',
  'users.manage',
  'scoring.manage',
  'imports.run',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * What each role may do (issue 4, DOMAIN.md §1). Which rows it may do it to is the scope
 * (subscriber-scope.ts). Analysts read masked lists and aggregates, never a 360; auditors read the
 * audit log and nothing about subscribers; only the owning agent edits call tags.
 */
export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  admin: [
    'subscribers.search',
    'subscribers.view',
    'subscribers.unmask',
    'subscribers.export',
    'scores.read',
    'audit.read',
    'users.manage',
    'scoring.manage',
    'imports.run',
  ],
  lead: ['subscribers.search', 'subscribers.view', 'subscribers.unmask', 'subscribers.export', 'scores.read'],
  agent: [
    'subscribers.search',
    'subscribers.view',
    'subscribers.unmask',
    'subscribers.editTags',
    'scores.read',
  ],
  analyst: ['subscribers.search', 'scores.read', 'scoring.manage'],
  auditor: ['audit.read'],
};

export function permissionsOf(role: UserRole): readonly Permission[] {
  return ROLE_PERMISSIONS[role];
}

export function roleHas(role: UserRole, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}
