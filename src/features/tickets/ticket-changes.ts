import type { Database } from '#src/db/client';
import { AppError, notFound } from '#src/lib/app-error';
import { auditActor } from '../audit/audit.service';
import type { AuditAction } from '../audit/audit-actions';
import type { Actor } from '../auth/actor';
import type { TicketFacts } from './ticket-lifecycle';
import { ticketLifecycle } from './ticket-lifecycle-hooks';
import { ticketNo } from './ticket-number';
import { ticketScopeCondition } from './ticket-scope';
import { type EscalationContacts, settleSla } from './ticket-sla';
import { assertCurrentVersion, type ExpectedVersion } from './ticket-versioning';
import {
  findServiceGroup,
  hasTicketEvent,
  insertTicketEvents,
  lockTicketRow,
  type TicketRow,
  type TicketUpdate,
  updateTicketRow,
} from './tickets.repository';

/** One change to a ticket, decided from the locked row. */
export type TicketChange = {
  patch: TicketUpdate;
  events: { kind: string; details: Record<string, unknown> }[];
  audit: { action: AuditAction; details?: Record<string, unknown> };
  /** The lifecycle step this change is, if it is one. */
  hook?: 'closed' | 'reopened';
};

export function factsOf(row: TicketRow): TicketFacts {
  return {
    id: row.id,
    subscriberId: row.subscriberId,
    category: row.category,
    vipLevel: row.vipLevel,
    status: row.status,
    slaState: row.slaState,
    dueAt: row.dueAt,
    openedAt: row.openedAt,
    closedAt: row.closedAt,
  };
}

/** A change that makes no sense in the ticket's current state (pausing a closed ticket). */
export function wrongStatus(row: TicketRow, action: string): AppError {
  return new AppError('CONFLICT', `A ${row.status} ticket cannot be ${action}`, { status: row.status });
}

export async function escalationContactsOf(
  db: Database,
  groupId: number | null,
): Promise<EscalationContacts | null> {
  if (groupId === null) return null;
  const group = await findServiceGroup(db, groupId);
  return group ? { leadUserId: group.leadUserId, managerUserId: group.managerUserId } : null;
}

/**
 * Every state change of a ticket, inside the caller's transaction: lock the row (within the actor's
 * ticket scope, so an out-of-scope id is simply absent), compare versions, apply the change, read
 * the SLA clock again, bump the version, append the timeline, audit, and call the lifecycle hook.
 * `expected` null is for system callers that act on whatever is current (a revisit reopening).
 */
export async function writeTicketChange(
  tx: Database,
  actor: Actor | null,
  ticketId: number,
  expected: ExpectedVersion | null,
  decide: (row: TicketRow) => TicketChange | Promise<TicketChange>,
  now: Date,
): Promise<TicketRow> {
  const row = await lockTicketRow(tx, ticketId, actor ? ticketScopeCondition(actor) : undefined);
  if (!row) throw notFound('Ticket');
  if (expected) assertCurrentVersion(expected, row.version);
  const change = await decide(row);
  const groupId = change.patch.groupId !== undefined ? change.patch.groupId : row.groupId;
  const sla = settleSla(
    {
      openedAt: row.openedAt,
      slaTerms: row.slaTerms,
      pauses: change.patch.pauses ?? row.pauses,
      closedAt: change.patch.closedAt !== undefined ? change.patch.closedAt : row.closedAt,
      escalationLevel: row.escalationLevel,
      breachedAt: row.breachedAt,
    },
    await hasTicketEvent(tx, row.id, 'warning'),
    await escalationContactsOf(tx, groupId),
    now,
  );
  const updated = await updateTicketRow(tx, row, {
    ...change.patch,
    ...sla.fields,
    version: row.version + 1,
    updatedAt: now,
  });
  const base = { subscriberId: row.subscriberId, ticketId: row.id, at: now };
  await insertTicketEvents(tx, [
    ...change.events.map((e) => ({ ...base, actorUserId: actor?.userId ?? null, ...e })),
    ...sla.events.map((e) => ({ ...base, actorUserId: null, ...e })),
  ]);
  if (actor) {
    await auditActor(tx, actor, {
      action: change.audit.action,
      subscriberId: row.subscriberId,
      target: ticketNo(row.id),
      details: { version: updated.version, ...change.audit.details },
    });
  }
  const facts = factsOf(updated);
  if (sla.breached) await ticketLifecycle.breached(tx, facts, now);
  if (change.hook === 'closed') await ticketLifecycle.closed(tx, actor, facts, now);
  if (change.hook === 'reopened') await ticketLifecycle.reopened(tx, actor, facts, now);
  return updated;
}
