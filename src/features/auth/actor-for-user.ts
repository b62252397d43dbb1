import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { Actor } from './actor';
import { permissionsOf } from './permissions';

/**
 * A stored user as an actor, for work done on their behalf without a request (the demo's sample
 * campaign, the simulated month): their role's permissions and team, no source address.
 */
export async function actorForUser(
  handle: DbHandle,
  user: { username: string } | { id: number },
): Promise<Actor> {
  const [row] = await queryRows<{
    id: number;
    username: string;
    display_name: string;
    role: Actor['role'];
    team_id: number | null;
  }>(
    handle.engine,
    `select id, username, display_name, role, team_id from users where ${'id' in user ? 'id' : 'username'} = $1`,
    ['id' in user ? user.id : user.username],
  );
  if (!row) throw new Error(`no user ${'id' in user ? user.id : `'${user.username}'`}`);
  return {
    userId: Number(row.id),
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    teamId: row.team_id === null ? null : Number(row.team_id),
    permissions: permissionsOf(row.role),
    sourceIp: null,
  };
}
