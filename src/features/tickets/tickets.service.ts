import type { Database } from '#src/db/client';
import { VIP_LEVELS, type VipLevel } from '#src/db/schema/enums';
import { AppError, notFound } from '#src/lib/app-error';
import { redactPersonalData } from '#src/lib/redact';
import { auditActor } from '../audit/audit.service';
import type { Actor } from '../auth/actor';
import { currentServiceSettings } from '../service-settings/service-settings.service';
import { assignWithinGroup, routeTicket } from './dispatch/dispatch';
import { findCategory, isTicketCategoryCode, topLevelOf } from './dispatch/ticket-categories';
import { slaTermsFor } from './sla/sla-matrix';
import { factsOf, type TicketChange, writeTicketChange, wrongStatus } from './ticket-changes';
import type { TicketFacts } from './ticket-lifecycle';
import { ticketLifecycle } from './ticket-lifecycle-hooks';
import { ticketNo } from './ticket-number';
import { ticketScopeCondition } from './ticket-scope';
import { ROUTING_SETTINGS, SLA_SETTINGS } from './ticket-settings/ticket-settings';
import { settleSla, storedPausesOf } from './ticket-sla';
import {
  countActiveTicketsOf,
  findGroupMembersWithLoad,
  findOrCreateServiceGroup,
  findSubscriberForTicket,
  findTicketRow,
  insertTicket,
  insertTicketEvents,
  lockGroupForAssignment,
  type NewTicketEvent,
  type TicketRow,
} from './tickets.repository';

export { ticketNo } from './ticket-number';

export type TicketSource = 'contact' | 'call' | 'import' | 'revisit' | 'hot_spot';

export type OpenTicketInput = {
  subscriberId: number;
  category: string;
  title: string;
  description?: string | null;
  source: TicketSource;
  contactId?: number | null;
  complaintNo?: string | null;
  openedAt?: Date;
};

export type OpenedTicket = TicketFacts & {
  groupName: string;
  assigneeUserId: number | null;
  version: number;
};

/** A validation failure naming the field, as the error handler reports zod's. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('VALIDATION_FAILED', 'The request is invalid', { issues: [{ path, message }] });
}

/** A known category code, or a 400 naming `category`. */
export function requireCategory(code: string) {
  const category = findCategory(code);
  if (!category || !isTicketCategoryCode(code)) {
    throw invalidField('category', `unknown ticket category: ${code}`);
  }
  return { code, entry: category };
}

function vipLevelOf(value: string): VipLevel {
  return VIP_LEVELS.find((level) => level === value) ?? 'none';
}

/**
 * Opens a ticket inside the caller's transaction (issue 6 §2–3): routes it by category and the
 * subscriber's area with the routing table in force (the group is created if the table names a new
 * one), assigns it within the group by load, copies the SLA terms for the subscriber's level from
 * the matrix in force, starts the clock, writes the timeline and calls the lifecycle's `opened`.
 * Free text is stored with phone and ID numbers masked, like call notes.
 */
export async function openTicket(
  tx: Database,
  actor: Actor | null,
  input: OpenTicketInput,
  now: Date,
): Promise<OpenedTicket> {
  const { code } = requireCategory(input.category);
  const title = input.title.trim();
  if (title === '') throw invalidField('title', 'a ticket needs a title');
  const subscriber = await findSubscriberForTicket(tx, input.subscriberId);
  if (!subscriber) throw notFound('Subscriber');
  const vipLevel = vipLevelOf(subscriber.vipLevel);

  const routing = await currentServiceSettings(tx, ROUTING_SETTINGS);
  const route = routeTicket(
    { category: code, city: subscriber.city, district: subscriber.district },
    routing.document,
  );
  const group = await findOrCreateServiceGroup(tx, route.group);
  await lockGroupForAssignment(tx, group.id);
  const members = await findGroupMembersWithLoad(tx, group.id);
  const assignee = assignWithinGroup(members.map((m) => ({ ...m, onShift: true })));

  const matrix = await currentServiceSettings(tx, SLA_SETTINGS);
  const slaTerms = slaTermsFor(matrix.document, vipLevel, topLevelOf(code));
  const openedAt = input.openedAt ?? now;
  const clock = { openedAt, slaTerms, pauses: [], closedAt: null, escalationLevel: 'none', breachedAt: null };
  // A ticket imported with an old opening time may already be late: the same settling as every write.
  const sla = settleSla(
    clock,
    false,
    { leadUserId: group.leadUserId, managerUserId: group.managerUserId },
    now,
  );

  const row = await insertTicket(tx, {
    subscriberId: subscriber.id,
    source: input.source,
    contactId: input.contactId ?? null,
    complaintNo: input.complaintNo ?? null,
    category: code,
    title: redactPersonalData(title),
    description: input.description ? redactPersonalData(input.description) : null,
    vipLevel,
    city: subscriber.city,
    district: subscriber.district,
    status: 'open',
    groupId: group.id,
    groupName: group.name,
    assigneeUserId: assignee?.userId ?? null,
    openedByUserId: actor?.userId ?? null,
    openedAt,
    slaTerms,
    pauses: [],
    ...sla.fields,
    updatedAt: now,
  });

  const base = { subscriberId: row.subscriberId, ticketId: row.id, at: now };
  const actorUserId = actor?.userId ?? null;
  const events: NewTicketEvent[] = [
    {
      ...base,
      actorUserId,
      kind: 'opened',
      details: { source: input.source, category: code, vipLevel, slaTerms },
    },
    {
      ...base,
      actorUserId: null,
      kind: 'dispatched',
      details: {
        groupId: group.id,
        groupName: group.name,
        routingVersion: routing.version,
        ruleIndex: route.ruleIndex,
      },
    },
  ];
  if (assignee) {
    events.push({
      ...base,
      actorUserId: null,
      kind: 'assigned',
      details: { assigneeUserId: assignee.userId, by: 'load', openTickets: assignee.openTickets },
    });
  }
  events.push(...sla.events.map((e) => ({ ...base, actorUserId: null, ...e })));
  await insertTicketEvents(tx, events);
  if (actor) {
    await auditActor(tx, actor, {
      action: 'ticket.open',
      subscriberId: row.subscriberId,
      target: ticketNo(row.id),
      details: { category: code, source: input.source, groupName: group.name },
    });
  }
  const facts = factsOf(row);
  await ticketLifecycle.opened(tx, actor, facts, now);
  if (sla.breached) await ticketLifecycle.breached(tx, facts, now);
  return { ...facts, groupName: row.groupName, assigneeUserId: row.assigneeUserId, version: row.version };
}

/**
 * Reopens a closed ticket (by hand, or after an unhappy revisit): back to open, and its clock goes
 * on from where it stopped — the closed span counts as a pause. No version is compared: callers
 * act on the current state inside their own transaction; the version is bumped all the same.
 */
export async function reopenTicket(
  tx: Database,
  actor: Actor | null,
  ticketId: number,
  reason: string,
  now: Date,
): Promise<TicketFacts> {
  const row = await writeTicketChange(tx, actor, ticketId, null, reopenChange(reason, now), now);
  return factsOf(row);
}

/** The reopen decision, shared with the versioned HTTP route. */
export function reopenChange(reason: string, now: Date): (row: TicketRow) => TicketChange {
  return (row) => {
    if (row.status !== 'closed' || row.closedAt === null) throw wrongStatus(row, 'reopened');
    const pauses = [
      ...storedPausesOf(row.pauses),
      { pausedAt: row.closedAt.toISOString(), resumedAt: now.toISOString() },
    ];
    return {
      patch: {
        status: 'open',
        closedAt: null,
        resolvedAt: null,
        pauses,
        reopenCount: row.reopenCount + 1,
      },
      events: [
        {
          kind: 'reopened',
          details: { reason: redactPersonalData(reason), reopenCount: row.reopenCount + 1 },
        },
      ],
      audit: { action: 'ticket.reopen' },
      hook: 'reopened',
    };
  };
}

/** The gate for every by-id read or write: absent and out of scope answer the same 404. */
export async function requireTicketInScope(
  db: Database,
  actor: Actor,
  ticketId: number,
): Promise<TicketFacts> {
  const row = await findTicketRow(db, ticketId, ticketScopeCondition(actor));
  if (!row) throw notFound('Ticket');
  return factsOf(row);
}

/** Tickets of the subscriber still being worked (open or waiting on the customer). */
export function countOpenTickets(db: Database, subscriberId: number): Promise<number> {
  return countActiveTicketsOf(db, subscriberId);
}
