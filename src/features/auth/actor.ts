import type { UserRole } from '#src/db/schema/enums';
import type { Permission } from './permissions';

/** The signed-in person a request acts for; every service call that touches people takes one. */
export type Actor = {
  userId: number;
  username: string;
  displayName: string;
  role: UserRole;
  teamId: number | null;
  permissions: readonly Permission[];
  /** Where the request came from, for the audit log. */
  sourceIp: string | null;
};

export function actorCan(actor: Actor, permission: Permission): boolean {
  return actor.permissions.includes(permission);
}
