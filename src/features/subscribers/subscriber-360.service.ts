import type { Database } from '#src/db/client';
import { BRANDS, SUBSCRIBER_STATUSES, VIP_LEVELS } from '#src/db/schema/enums';
import type { Locale } from '#src/features/scoring/scores/scores.schemas';
import { getScore } from '#src/features/scoring/scores/scores.service';
import { AppError } from '#src/lib/app-error';
import { daysBetween } from '#src/lib/months';
import { maskIdNumber, maskMsisdn } from '#src/lib/msisdn';
import { redactPersonalData } from '#src/lib/redact';
import { todayIn } from '#src/lib/time';
import { auditActor } from '../audit/audit.service';
import { type Actor, actorCan } from '../auth/actor';
import { ticketNo } from '../tickets/ticket-number';
import { readTicketClock } from '../tickets/ticket-sla';
import type { AgentTags, AgentTagsInput } from './agent-tags';
import {
  findAgentTags,
  findComplaintsWithoutTicket,
  findNearestContract,
  findOwner,
  findRecentContacts,
  findTicketsOfSubscriber,
  saveAgentTags,
} from './subscriber-360.repository';
import type { Subscriber360 } from './subscriber-360.schemas';
import { requireSubscriberInScope } from './subscriber-access';
import { findSubscriberById } from './subscribers.repository';
import { oneOf, toPlan } from './subscribers.service';

const NO_TAGS: AgentTags = {
  personality: null,
  mood: null,
  purchasePsychology: null,
  communicationStyle: null,
  consumptionHabit: null,
  complaintPsychology: null,
  updatedAt: null,
  updatedBy: null,
};

/** The subscriber 360: one scoped, audited read of everything the screen shows, masked. */
export async function getSubscriber360(
  db: Database,
  actor: Actor,
  id: number,
  context: { locale: Locale; timeZone: string },
): Promise<Subscriber360> {
  await requireSubscriberInScope(db, actor, id, 'subscriber.360');
  const now = new Date();
  const today = todayIn(context.timeZone, now);
  const [row, owner, contract, score, contacts, tickets, complaints, tags] = await Promise.all([
    findSubscriberById(db, id),
    findOwner(db, id),
    findNearestContract(db, id, today),
    getScore(db, id, context.locale).catch((error: unknown) => {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }),
    findRecentContacts(db, id),
    findTicketsOfSubscriber(db, id),
    findComplaintsWithoutTicket(db, id),
    findAgentTags(db, id),
  ]);
  if (!row) throw new Error(`subscriber ${id} vanished after its scope check`);
  await auditActor(db, actor, { action: 'subscriber.view', subscriberId: id, target: '360' });
  const isOwner = owner?.userId === actor.userId;
  return {
    profile: {
      id: row.id,
      msisdnMasked: maskMsisdn(row.msisdn),
      idNumberMasked: row.idNumber ? maskIdNumber(row.idNumber) : null,
      name: row.name,
      gender: row.gender,
      birthDate: row.birthDate,
      province: row.province,
      city: row.city,
      district: row.district,
      brand: oneOf(BRANDS, row.brand, 'brand'),
      status: oneOf(SUBSCRIBER_STATUSES, row.status, 'status'),
      statusSince: row.statusSince,
      vipLevel: oneOf(VIP_LEVELS, row.vipLevel, 'vipLevel'),
      isGroupCustomer: row.isGroupCustomer,
      joinDate: row.joinDate,
      tenureMonths: Math.max(0, Math.floor(daysBetween(row.joinDate, today) / 30.4375)),
      handsetModel: row.handsetModel,
      marketingConsent: row.marketingConsent,
      doNotCall: row.doNotCall,
      profilingOptOut: row.profilingOptOut,
      sceneTags: row.sceneTags,
    },
    owner,
    plan: toPlan(row),
    contract: contract ? { ...contract, daysLeft: daysBetween(today, contract.endDate) } : null,
    score,
    // Notes are free text an agent typed: a number read out on a call must not come back unmasked.
    contacts: contacts.map((c) => ({
      ...c,
      summary: c.summary === null ? null : redactPersonalData(c.summary),
    })),
    tickets: [...tickets.map((t) => ticketOf360(t, now)), ...complaints.map(complaintOf360)],
    tags: tags ?? NO_TAGS,
    can: {
      unmask: actorCan(actor, 'subscribers.unmask'),
      editTags: actorCan(actor, 'subscribers.editTags') && isOwner,
    },
  };
}

type TicketOf360 = Subscriber360['tickets'][number];

function ticketOf360(t: Awaited<ReturnType<typeof findTicketsOfSubscriber>>[number], now: Date): TicketOf360 {
  const clock = readTicketClock(t, now);
  return {
    id: t.id,
    ticketNo: ticketNo(t.id),
    complaintNo: t.complaintNo,
    category: t.category,
    title: t.title,
    status: t.status,
    openedAt: t.openedAt,
    slaDueAt: clock.dueAt,
    resolvedAt: t.resolvedAt,
    slaState: clock.state,
  };
}

function complaintOf360(c: Awaited<ReturnType<typeof findComplaintsWithoutTicket>>[number]): TicketOf360 {
  return { id: null, ticketNo: null, title: null, slaState: null, ...c };
}

/** Only the phone manager who owns the subscriber records call tags about them. */
export async function updateAgentTags(
  db: Database,
  actor: Actor,
  id: number,
  tags: AgentTagsInput,
): Promise<AgentTags> {
  await requireSubscriberInScope(db, actor, id, 'subscriber.tags');
  const owner = await findOwner(db, id);
  if (owner?.userId !== actor.userId) {
    throw new AppError('FORBIDDEN', 'Only the phone manager who owns this subscriber edits their tags');
  }
  await saveAgentTags(db, id, tags, actor.userId);
  await auditActor(db, actor, { action: 'subscriber.tags', subscriberId: id, details: { ...tags } });
  return (await findAgentTags(db, id)) ?? NO_TAGS;
}
