import type { Database } from '#src/db/client';
import { AppError, notFound } from '#src/lib/app-error';
import { auditActor } from '../../audit/audit.service';
import type { Actor } from '../../auth/actor';
import {
  findActiveUserIds,
  findMembersOfGroups,
  findServiceGroupsWithPeople,
  insertServiceGroup,
  lockServiceGroup,
  replaceServiceGroup,
} from './service-groups.repository';
import type { ReplaceServiceGroupBody, ServiceGroup } from './service-groups.schemas';

/** Every group with its people and their loads (no subscriber data: anyone who works tickets sees it). */
export async function listServiceGroups(db: Database, groupId?: number): Promise<ServiceGroup[]> {
  const groups = await findServiceGroupsWithPeople(db, groupId);
  const members = await findMembersOfGroups(
    db,
    groups.map((g) => g.id),
  );
  return groups.map((group) => ({
    ...group,
    members: members
      .filter((m) => m.groupId === group.id)
      .map(({ userId, name, capacity, openTickets }) => ({ userId, name, capacity, openTickets })),
  }));
}

async function groupById(db: Database, groupId: number): Promise<ServiceGroup> {
  const [group] = await listServiceGroups(db, groupId);
  if (!group) throw notFound('Service group');
  return group;
}

/** A group made ahead of the first ticket the routing table sends it, so its people can be set up. */
export async function createServiceGroup(db: Database, actor: Actor, name: string): Promise<ServiceGroup> {
  const created = await insertServiceGroup(db, name);
  if (!created) throw new AppError('CONFLICT', `A service group named ${name} already exists`);
  await auditActor(db, actor, { action: 'service_group.update', target: name, details: { created: true } });
  return groupById(db, created.id);
}

/** Replaces the lead, manager and members of a group in one transaction; every unknown user is named. */
export async function updateServiceGroup(
  db: Database,
  actor: Actor,
  groupId: number,
  body: ReplaceServiceGroupBody,
): Promise<ServiceGroup> {
  const named = [
    ...(body.leadUserId === null ? [] : [{ path: 'body.leadUserId', userId: body.leadUserId }]),
    ...(body.managerUserId === null ? [] : [{ path: 'body.managerUserId', userId: body.managerUserId }]),
    ...body.members.map((m, i) => ({ path: `body.members.${i}.userId`, userId: m.userId })),
  ];
  const known = await findActiveUserIds(
    db,
    named.map((n) => n.userId),
  );
  const issues = named
    .filter((n) => !known.has(n.userId))
    .map((n) => ({ path: n.path, message: `no active user ${n.userId}` }));
  if (issues.length > 0) throw new AppError('VALIDATION_FAILED', 'The request is invalid', { issues });
  await db.transaction(async (tx) => {
    if (!(await lockServiceGroup(tx, groupId))) throw notFound('Service group');
    await replaceServiceGroup(tx, groupId, body);
    await auditActor(tx, actor, {
      action: 'service_group.update',
      target: String(groupId),
      details: { leadUserId: body.leadUserId, managerUserId: body.managerUserId, members: body.members },
    });
  });
  return groupById(db, groupId);
}
