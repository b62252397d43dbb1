import type { Database } from '#src/db/client';
import type { UserRole } from '#src/db/schema/enums';
import { AppError, notFound } from '#src/lib/app-error';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { assertAcceptablePassword } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hash';
import { endUserSessions } from '../auth/sessions.repository';
import {
  findUser,
  findUserIdByUsername,
  insertUser,
  listTeams,
  listUsers,
  setUserDisabled,
  teamExists,
} from './users.repository';

export type NewUser = {
  username: string;
  displayName: string;
  role: UserRole;
  teamId: number | null;
  password: string;
};

/** The CLI acts as the operator's shell account, not as a signed-in user. */
export const CLI_ACTOR: Actor = {
  userId: 0,
  username: 'cli',
  displayName: 'vipdesk command line',
  role: 'admin',
  teamId: null,
  permissions: [],
  sourceIp: null,
};

const ROLES_IN_TEAMS: readonly UserRole[] = ['lead', 'agent'];

/** Creates a user after the password policy and team checks; audited when an actor is given. */
export async function createUser(db: Database, input: NewUser, actor: Actor | null) {
  assertAcceptablePassword(input.password, input.username, 'body.password');
  if (input.teamId !== null && !(await teamExists(db, input.teamId))) {
    throw new AppError('VALIDATION_FAILED', `Team ${input.teamId} does not exist`, {
      issues: [{ path: 'body.teamId', message: 'no such team' }],
    });
  }
  if (input.teamId === null && input.role === 'lead') {
    throw new AppError('VALIDATION_FAILED', 'A team lead needs a team', {
      issues: [{ path: 'body.teamId', message: 'is required for a team lead' }],
    });
  }
  if (input.teamId !== null && !ROLES_IN_TEAMS.includes(input.role)) {
    throw new AppError('VALIDATION_FAILED', `A ${input.role} does not belong to a team`, {
      issues: [{ path: 'body.teamId', message: `must be empty for role ${input.role}` }],
    });
  }
  if (await findUserIdByUsername(db, input.username)) {
    throw new AppError('CONFLICT', `The username ${input.username} is taken`);
  }
  const id = await insertUser(db, {
    username: input.username,
    displayName: input.displayName,
    role: input.role,
    teamId: input.teamId,
    passwordHash: await hashPassword(input.password),
  });
  if (actor && actor.userId > 0) {
    await auditActor(db, actor, {
      action: 'user.create',
      target: `user:${input.username}`,
      details: { role: input.role },
    });
  }
  return requireUser(db, id);
}

/** Disabling also ends every session at once: the person is out on their next request. */
export async function disableUser(db: Database, actor: Actor, id: number) {
  const user = await requireUser(db, id);
  if (id === actor.userId) throw new AppError('CONFLICT', 'You cannot disable your own account');
  await setUserDisabled(db, id, true);
  const ended = await endUserSessions(db, id, 'user_disabled');
  await auditActor(db, actor, {
    action: 'user.disable',
    target: `user:${user.username}`,
    details: { ended },
  });
  return requireUser(db, id);
}

export async function enableUser(db: Database, actor: Actor, id: number) {
  const user = await requireUser(db, id);
  await setUserDisabled(db, id, false);
  await auditActor(db, actor, { action: 'user.enable', target: `user:${user.username}` });
  return requireUser(db, id);
}

export async function endSessionsOf(db: Database, actor: Actor, id: number): Promise<{ ended: number }> {
  const user = await requireUser(db, id);
  const ended = await endUserSessions(db, id, 'ended_by_admin');
  await auditActor(db, actor, {
    action: 'user.sessions_end',
    target: `user:${user.username}`,
    details: { ended },
  });
  return { ended };
}

export { listTeams, listUsers };

async function requireUser(db: Database, id: number) {
  const user = await findUser(db, id);
  if (!user) throw notFound('User');
  return user;
}
