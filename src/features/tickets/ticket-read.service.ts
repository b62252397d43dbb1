import type { Database } from '#src/db/client';
import { VIP_LEVELS } from '#src/db/schema/enums';
import { notFound } from '#src/lib/app-error';
import { maskMsisdn } from '#src/lib/msisdn';
import type { Actor } from '../auth/actor';
import { maskName } from '../queue/mask-name';
import { ticketNo } from './ticket-number';
import {
  findTicketContact,
  findTicketEvents,
  findTicketPage,
  findTicketRevisits,
  findTicketWithPeople,
  type TicketWithPeople,
} from './ticket-read.repository';
import { ticketScopeCondition } from './ticket-scope';
import { readTicketClock, slaTermsOf, storedPausesOf } from './ticket-sla';
import {
  ESCALATION_LEVELS,
  type ListTicketsQuery,
  TICKET_SOURCES,
  TICKET_STATUSES,
  type TicketDetail,
  type TicketSummary,
} from './tickets.schemas';

function oneOf<T extends string>(values: readonly T[], value: string, fallback: T): T {
  return values.find((known) => known === value) ?? fallback;
}

/** A list row, its SLA values read from the clock at `now` (the stored state may be a minute old). */
export function summaryOf(row: TicketWithPeople, now: Date): TicketSummary {
  const { ticket } = row;
  const reading = readTicketClock(ticket, now);
  return {
    id: ticket.id,
    ticketNo: ticketNo(ticket.id),
    subscriberId: ticket.subscriberId,
    subscriberName: maskName(row.subscriberName),
    msisdnMasked: maskMsisdn(row.msisdn),
    vipLevel: oneOf(VIP_LEVELS, ticket.vipLevel, 'none'),
    category: ticket.category,
    title: ticket.title,
    status: oneOf(TICKET_STATUSES, ticket.status, 'open'),
    groupId: ticket.groupId,
    groupName: ticket.groupName,
    assigneeUserId: ticket.assigneeUserId,
    assigneeName: row.assigneeName,
    openedAt: ticket.openedAt.toISOString(),
    dueAt: reading.dueAt.toISOString(),
    slaState: reading.state,
    // What was escalated (and told), not what the clock would say: escalations happen by the sweep.
    escalationLevel: oneOf(ESCALATION_LEVELS, ticket.escalationLevel, 'none'),
    remainingMinutes: reading.remainingMinutes,
    overdueMinutes: reading.overdueMinutes,
    version: ticket.version,
  };
}

export async function listTickets(
  db: Database,
  actor: Actor,
  query: ListTicketsQuery,
  now: Date,
): Promise<{ items: TicketSummary[]; total: number }> {
  const { rows, total } = await findTicketPage(
    db,
    {
      scope: ticketScopeCondition(actor),
      status: query.status,
      category: query.category,
      groupId: query.groupId,
      assigneeUserId: query.assignee === 'me' ? actor.userId : query.assignee,
      slaState: query.slaState,
      subscriberId: query.subscriberId,
    },
    query.page,
    query.pageSize,
  );
  return { items: rows.map((row) => summaryOf(row, now)), total };
}

/** One ticket with its timeline, SLA detail and revisits; out of scope is the same 404 as absent. */
export async function getTicketDetail(
  db: Database,
  actor: Actor | null,
  ticketId: number,
  now: Date,
): Promise<TicketDetail> {
  const row = await findTicketWithPeople(db, ticketId, actor ? ticketScopeCondition(actor) : undefined);
  if (!row) throw notFound('Ticket');
  const { ticket } = row;
  const [contact, events, revisits] = await Promise.all([
    ticket.contactId === null ? undefined : findTicketContact(db, ticket.subscriberId, ticket.contactId),
    findTicketEvents(db, ticket.subscriberId, ticket.id),
    findTicketRevisits(db, ticket.subscriberId, ticket.id),
  ]);
  const reading = readTicketClock(ticket, now);
  const terms = slaTermsOf(ticket.slaTerms);
  return {
    ...summaryOf(row, now),
    description: ticket.description,
    source: oneOf(TICKET_SOURCES, ticket.source, 'contact'),
    contactId: ticket.contactId,
    complaintNo: ticket.complaintNo,
    contact: contact ?? null,
    sla: {
      state: reading.state,
      clock: terms.clock,
      limitMinutes: terms.limitMinutes,
      dueAt: reading.dueAt.toISOString(),
      warningAt: reading.warningAt.toISOString(),
      elapsedMinutes: reading.elapsedMinutes,
      remainingMinutes: reading.remainingMinutes,
      overdueMinutes: reading.overdueMinutes,
      escalationLevel: oneOf(ESCALATION_LEVELS, ticket.escalationLevel, 'none'),
      escalations: {
        groupLead: reading.escalations.groupLead.toISOString(),
        manager: reading.escalations.manager.toISOString(),
      },
      pauses: storedPausesOf(ticket.pauses),
    },
    resolution: ticket.resolution,
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    reopenCount: ticket.reopenCount,
    events: events.map((e) => ({
      ...e,
      at: e.at.toISOString(),
      details: isRecord(e.details) ? e.details : {},
    })),
    revisits: revisits.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      answeredAt: r.answeredAt?.toISOString() ?? null,
    })),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
