import type { Database, Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { UserRole } from '#src/db/schema/enums';
import { ASSIGN_BOOKS_IN_TURN_SQL } from '#src/features/users/book-assignment';
import { findOrCreateTeam, findUserIdByUsername } from '#src/features/users/users.repository';
import { createUser } from '#src/features/users/users.service';

/** The demo's shared password; README lists it. A real install has no default accounts. */
export const DEMO_PASSWORD = 'vipdesk-demo';

type DemoPerson = {
  username: string;
  displayName: string;
  role: UserRole;
  team?: string;
  /** Service-desk staff work tickets through their service groups and hold no subscriber book. */
  holdsBook?: false;
};

const TEAM_A = '南京一组';
const TEAM_B = '苏州组';
const SERVICE_CENTRE = '客户服务中心';

export const DEMO_STAFF: readonly DemoPerson[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'lead1', displayName: '陈静（班组长）', role: 'lead', team: TEAM_A },
  { username: 'agent1', displayName: '王丽', role: 'agent', team: TEAM_A },
  { username: 'agent2', displayName: '李娜', role: 'agent', team: TEAM_A },
  { username: 'lead2', displayName: '周明（班组长）', role: 'lead', team: TEAM_B },
  { username: 'agent3', displayName: '赵敏', role: 'agent', team: TEAM_B },
  { username: 'analyst1', displayName: '孙磊（分析师）', role: 'analyst' },
  { username: 'auditor1', displayName: '吴刚（审计）', role: 'auditor' },
  // The service desk (issue 6): members of the service groups tickets are dispatched to.
  {
    username: 'engineer1',
    displayName: '刘强（网格工程师）',
    role: 'agent',
    team: SERVICE_CENTRE,
    holdsBook: false,
  },
  {
    username: 'service1',
    displayName: '张红（在线客服）',
    role: 'agent',
    team: SERVICE_CENTRE,
    holdsBook: false,
  },
  {
    username: 'terminal1',
    displayName: '何伟（终端专员）',
    role: 'agent',
    team: SERVICE_CENTRE,
    holdsBook: false,
  },
  {
    username: 'billing1',
    displayName: '郑芳（计费核查）',
    role: 'agent',
    team: SERVICE_CENTRE,
    holdsBook: false,
  },
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
    const { username, displayName, role } = person;
    await createUser(db, { username, displayName, role, teamId, password: DEMO_PASSWORD }, null);
    created++;
  }
  // Books go to the phone managers only: dealing them to the service desk too would change every
  // phone manager's book (they are dealt in turn by subscriber id).
  const agents = DEMO_STAFF.filter((p) => p.role === 'agent' && p.holdsBook !== false).map((p) => p.username);
  const rows = await queryRows<{ assigned: number }>(engine, ASSIGN_BOOKS_IN_TURN_SQL, [agents]);
  return { users: created, assigned: rows[0]?.assigned ?? 0 };
}
