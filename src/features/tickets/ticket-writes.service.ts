import type { Database } from '#src/db/client';
import { notFound } from '#src/lib/app-error';
import { redactPersonalData } from '#src/lib/redact';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { currentServiceSettings } from '../service-settings/service-settings.service';
import { requireSubscriberInScope } from '../subscribers/subscriber-access';
import { assignWithinGroup } from './dispatch/dispatch';
import { topLevelOf } from './dispatch/ticket-categories';
import { slaTermsFor } from './sla/sla-matrix';
import { type TicketChange, writeTicketChange, wrongStatus } from './ticket-changes';
import { ticketNo } from './ticket-number';
import { getTicketDetail } from './ticket-read.service';
import { ticketScopeCondition } from './ticket-scope';
import { SLA_SETTINGS } from './ticket-settings/ticket-settings';
import { type StoredPause, storedPausesOf } from './ticket-sla';
import type { ExpectedVersion } from './ticket-versioning';
import {
  findGroupMembersWithLoad,
  findServiceGroup,
  findTicketRow,
  insertTicketEvents,
  isGroupMember,
  lockGroupForAssignment,
  type TicketRow,
} from './tickets.repository';
import type { AssignTicketBody, PatchTicketBody, TicketDetail } from './tickets.schemas';
import { invalidField, openTicket, reopenChange, requireCategory } from './tickets.service';

/** A change decided inside the transaction; may read more (group members) before deciding. */
type Decide = (tx: Database, row: TicketRow) => TicketChange | Promise<TicketChange>;

/** Runs one versioned change and answers the ticket as it now is (its new version is the ETag). */
async function changeTicket(
  db: Database,
  actor: Actor,
  ticketId: number,
  expected: ExpectedVersion,
  decide: Decide,
  now: Date,
): Promise<TicketDetail> {
  return db.transaction(async (tx) => {
    await writeTicketChange(tx, actor, ticketId, expected, (row) => decide(tx, row), now);
    // Read inside the transaction: the answer is exactly the version just written.
    return getTicketDetail(tx, null, ticketId, now);
  });
}

/** POST /subscribers/:id/tickets — a ticket opened by hand for a subscriber in the actor's scope. */
export async function createTicket(
  db: Database,
  actor: Actor,
  subscriberId: number,
  body: { category: string; title: string; description?: string | null | undefined },
  now: Date,
): Promise<TicketDetail> {
  await requireSubscriberInScope(db, actor, subscriberId, 'ticket.open');
  return db.transaction(async (tx) => {
    const opened = await openTicket(
      tx,
      actor,
      {
        subscriberId,
        category: body.category,
        title: body.title,
        description: body.description ?? null,
        source: 'contact',
      },
      now,
    );
    return getTicketDetail(tx, null, opened.id, now);
  });
}

export function patchTicket(
  db: Database,
  actor: Actor,
  ticketId: number,
  body: PatchTicketBody,
  expected: ExpectedVersion,
  now: Date,
): Promise<TicketDetail> {
  return changeTicket(
    db,
    actor,
    ticketId,
    expected,
    async (tx, row) => {
      const patch: TicketChange['patch'] = {};
      const changed: Record<string, unknown> = {};
      if (body.title !== undefined) {
        patch.title = redactPersonalData(body.title);
        changed.title = patch.title;
      }
      if (body.description !== undefined) {
        patch.description = body.description === null ? null : redactPersonalData(body.description);
        changed.description = true;
      }
      if (body.category !== undefined && body.category !== row.category) {
        const { code } = requireCategory(body.category);
        patch.category = code;
        changed.category = { from: row.category, to: code };
        // A misfiled ticket gets the clock of what it really is; same level, the matrix in force.
        if (topLevelOf(code) !== row.category.split('.')[0]) {
          const matrix = await currentServiceSettings(tx, SLA_SETTINGS);
          patch.slaTerms = slaTermsFor(matrix.document, vipLevelOf(row), topLevelOf(code));
          changed.slaTerms = patch.slaTerms;
        }
      }
      return {
        patch,
        events: [{ kind: 'updated', details: changed }],
        audit: { action: 'ticket.update', details: { fields: Object.keys(changed) } },
      };
    },
    now,
  );
}

function vipLevelOf(row: TicketRow) {
  switch (row.vipLevel) {
    case 'silver':
    case 'gold':
    case 'platinum':
    case 'diamond':
      return row.vipLevel;
    default:
      return 'none';
  }
}

/**
 * Reassigns to another group and/or person. A new group without a named person is assigned by load
 * within it, like a new ticket; a named person must work in (or lead or manage) the target group.
 */
export function assignTicket(
  db: Database,
  actor: Actor,
  ticketId: number,
  body: AssignTicketBody,
  expected: ExpectedVersion,
  now: Date,
): Promise<TicketDetail> {
  return changeTicket(
    db,
    actor,
    ticketId,
    expected,
    async (tx, row) => {
      if (row.status === 'closed') throw wrongStatus(row, 'reassigned');
      const groupId = body.groupId ?? row.groupId;
      const group = groupId === null ? undefined : await findServiceGroup(tx, groupId);
      if (!group) throw invalidField('body.groupId', `no service group ${String(groupId)}`);
      let assigneeUserId: number | null;
      let by: 'hand' | 'load' = 'hand';
      if (body.assigneeUserId !== undefined) {
        assigneeUserId = body.assigneeUserId;
        const inGroup =
          assigneeUserId === null ||
          assigneeUserId === group.leadUserId ||
          assigneeUserId === group.managerUserId ||
          (await isGroupMember(tx, group.id, assigneeUserId));
        if (!inGroup) {
          throw invalidField('body.assigneeUserId', `user ${assigneeUserId} does not work in ${group.name}`);
        }
      } else {
        await lockGroupForAssignment(tx, group.id);
        const members = await findGroupMembersWithLoad(tx, group.id);
        assigneeUserId = assignWithinGroup(members.map((m) => ({ ...m, onShift: true })))?.userId ?? null;
        by = 'load';
      }
      const details = {
        from: { groupId: row.groupId, groupName: row.groupName, assigneeUserId: row.assigneeUserId },
        groupId: group.id,
        groupName: group.name,
        assigneeUserId,
        by,
      };
      return {
        patch: { groupId: group.id, groupName: group.name, assigneeUserId },
        events: [{ kind: 'assigned', details }],
        audit: { action: 'ticket.assign', details: { groupId: group.id, assigneeUserId } },
      };
    },
    now,
  );
}

/** Waiting on the customer: the SLA clock stops until resumed. */
export function pauseTicket(
  db: Database,
  actor: Actor,
  ticketId: number,
  reason: string,
  expected: ExpectedVersion,
  now: Date,
): Promise<TicketDetail> {
  return changeTicket(
    db,
    actor,
    ticketId,
    expected,
    (_tx, row) => {
      if (row.status !== 'open') throw wrongStatus(row, 'paused');
      const pauses: StoredPause[] = [
        ...storedPausesOf(row.pauses),
        { pausedAt: now.toISOString(), resumedAt: null },
      ];
      return {
        patch: { status: 'waiting_customer', pauses },
        events: [{ kind: 'paused', details: { reason: redactPersonalData(reason) } }],
        audit: { action: 'ticket.pause' },
      };
    },
    now,
  );
}

/** Ends the running pause at `now`. */
function resumedPauses(row: TicketRow, now: Date): StoredPause[] {
  return storedPausesOf(row.pauses).map((p) =>
    p.resumedAt === null ? { ...p, resumedAt: now.toISOString() } : p,
  );
}

export function resumeTicket(
  db: Database,
  actor: Actor,
  ticketId: number,
  expected: ExpectedVersion,
  now: Date,
): Promise<TicketDetail> {
  return changeTicket(
    db,
    actor,
    ticketId,
    expected,
    (_tx, row) => {
      if (row.status !== 'waiting_customer') throw wrongStatus(row, 'resumed');
      return {
        patch: { status: 'open', pauses: resumedPauses(row, now) },
        events: [{ kind: 'resumed', details: {} }],
        audit: { action: 'ticket.resume' },
      };
    },
    now,
  );
}

/** Resolved and closed: the SLA clock stops (resolved_at = closed_at), its final state met or missed. */
export function closeTicket(
  db: Database,
  actor: Actor,
  ticketId: number,
  resolution: string,
  expected: ExpectedVersion,
  now: Date,
): Promise<TicketDetail> {
  return changeTicket(
    db,
    actor,
    ticketId,
    expected,
    (_tx, row) => {
      if (row.status === 'closed') throw wrongStatus(row, 'closed');
      const masked = redactPersonalData(resolution);
      return {
        patch: {
          status: 'closed',
          closedAt: now,
          resolvedAt: now,
          resolution: masked,
          pauses: resumedPauses(row, now),
        },
        events: [{ kind: 'closed', details: { resolution: masked } }],
        audit: { action: 'ticket.close' },
        hook: 'closed',
      };
    },
    now,
  );
}

export function reopenTicketVersioned(
  db: Database,
  actor: Actor,
  ticketId: number,
  reason: string,
  expected: ExpectedVersion,
  now: Date,
): Promise<TicketDetail> {
  const decide = reopenChange(reason, now);
  return changeTicket(db, actor, ticketId, expected, (_tx, row) => decide(row), now);
}

/** A note on the timeline: append-only, so it needs no version and bumps none. Stored masked. */
export async function addTicketNote(db: Database, actor: Actor, ticketId: number, text: string, now: Date) {
  const row = await findTicketRow(db, ticketId, ticketScopeCondition(actor));
  if (!row) throw notFound('Ticket');
  return db.transaction(async (tx) => {
    const [event] = await insertTicketEvents(tx, [
      {
        subscriberId: row.subscriberId,
        ticketId: row.id,
        at: now,
        actorUserId: actor.userId,
        kind: 'note',
        details: { text: redactPersonalData(text) },
      },
    ]);
    if (!event) throw new Error('note insert returned nothing');
    await auditActor(tx, actor, {
      action: 'ticket.note',
      subscriberId: row.subscriberId,
      target: ticketNo(row.id),
    });
    return {
      id: event.id,
      at: event.at.toISOString(),
      kind: event.kind,
      actorUserId: actor.userId,
      actorName: actor.displayName,
      details: { text: redactPersonalData(text) },
    };
  });
}
