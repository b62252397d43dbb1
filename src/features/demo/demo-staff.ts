import type { Database, Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { UserRole } from '#src/db/schema/enums';
import { ASSIGN_BOOKS_IN_TURN_SQL } from '#src/features/users/book-assignment';
import { findOrCreateTeam, findUserIdByUsername } from '#src/features/users/users.repository';
import { createUser } from '#src/features/users/users.service';

/** The demo's shared password; README lists it. A real install has no default accounts. */
export const DEMO_PASSWORD = 'vipdesk-demo';

type DemoPerson = { username: string; displayName: string; role: UserRole; team?: string };

const TEAM_A = '南京一组';
const TEAM_B = '苏州组';

export const DEMO_STAFF: readonly DemoPerson[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'lead1', displayName: '陈静（班组长）', role: 'lead', team: TEAM_A },
  { username: 'agent1', displayName: '王丽', role: 'agent', team: TEAM_A },
  { username: 'agent2', displayName: '李娜', role: 'agent', team: TEAM_A },
  { username: 'lead2', displayName: '周明（班组长）', role: 'lead', team: TEAM_B },
  { username: 'agent3', displayName: '赵敏', role: 'agent', team: TEAM_B },
  { username: 'analyst1', displayName: '孙磊（分析师）', role: 'analyst' },
  { username: 'auditor1', displayName: '吴刚（审计）', role: 'auditor' },
];

/**
 * Demo staff and their books: every non-group subscriber goes to one of the demo agents, in turn by
 * id, so agent1 and agent2 (one team) and agent3 (another) hold separate books. Safe to run again:
 * existing users and assignments are kept.
 */
export async function createDemoStaff(
  db: Database,
  engine: Engine,
): Promise<{ users: number; assigned: number }> {
  let created = 0;
  for (const person of DEMO_STAFF) {
    if (await findUserIdByUsername(db, person.username)) continue;
    const teamId = person.team ? await findOrCreateTeam(db, person.team) : null;
    await createUser(db, { ...person, teamId, password: DEMO_PASSWORD }, null);
    created++;
  }
  const agents = DEMO_STAFF.filter((p) => p.role === 'agent').map((p) => p.username);
  const rows = await queryRows<{ assigned: number }>(engine, ASSIGN_BOOKS_IN_TURN_SQL, [agents]);
  return { users: created, assigned: rows[0]?.assigned ?? 0 };
}
