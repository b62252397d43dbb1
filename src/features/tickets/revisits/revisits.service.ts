import type { Database } from '#src/db/client';
import { VIP_LEVELS, type VipLevel } from '#src/db/schema/enums';
import { auditActor } from '#src/features/audit/audit.service';
import type { Actor } from '#src/features/auth/actor';
import { maskName } from '#src/features/queue/mask-name';
import { AppError, notFound } from '#src/lib/app-error';
import { maskMsisdn } from '#src/lib/msisdn';
import { redactPersonalData } from '#src/lib/redact';
import { ticketNo } from '../ticket-number';
import { ticketScopeCondition } from '../ticket-scope';
import { findTicketRow } from '../tickets.repository';
import { reopenTicket, requireTicketInScope } from '../tickets.service';
import { reopensTicket } from './revisit-rules';
import { currentRevisitSettings } from './revisit-settings';
import {
  endRevisitTask,
  findRevisit,
  findRevisitAnsweredBySms,
  findRevisitListRow,
  findRevisitPage,
  insertRevisitEvent,
  lockRevisit,
  REVISIT_STATUSES,
  type RevisitListRow,
  type RevisitRow,
  updateRevisit,
} from './revisits.repository';
import type { ListRevisitsQuery, RevisitView } from './revisits.schemas';

/** Revisits whose ticket the actor may see (ticket scope), by status. */
export async function listRevisits(
  db: Database,
  actor: Actor,
  query: ListRevisitsQuery,
): Promise<{ items: RevisitView[]; total: number }> {
  const page = await findRevisitPage(db, query, ticketScopeCondition(actor));
  return { items: page.rows.map(revisitView), total: page.total };
}

/**
 * Records the subscriber's answer, taken on the revisit call (or read out to a colleague): the
 * score and comment (numbers masked), who recorded it, the revisit task done, a `revisit` event on
 * the ticket — and an unhappy score (at or below the threshold) reopens the ticket, which gives a
 * VIP's phone manager a new care task. A revisit already answered is a conflict; one whose ticket
 * the actor may not see answers 404.
 */
export async function answerRevisit(
  db: Database,
  actor: Actor,
  revisitId: number,
  answer: { score: number; comment?: string | undefined },
  now: Date,
): Promise<RevisitView> {
  const found = await requireRevisitInScope(db, actor, revisitId);
  const key = await db.transaction(async (tx) => {
    const revisit = await lockPendingRevisit(tx, found);
    await recordAnswer(tx, actor, revisit, answer, now);
    return revisit;
  });
  return viewOf(db, key);
}

/** Nobody answered (after the attempts the desk makes): the revisit ends without a score. */
export async function markRevisitUnanswered(
  db: Database,
  actor: Actor,
  revisitId: number,
  now: Date,
): Promise<RevisitView> {
  const found = await requireRevisitInScope(db, actor, revisitId);
  const key = await db.transaction(async (tx) => {
    const revisit = await lockPendingRevisit(tx, found);
    await updateRevisit(tx, revisit, { status: 'unanswered', recordedByUserId: actor.userId });
    if (revisit.taskId !== null) {
      await endRevisitTask(tx, revisit.subscriberId, revisit.taskId, {
        status: 'done',
        closedReason: 'revisit_unanswered',
      });
    }
    await insertRevisitEvent(tx, {
      subscriberId: revisit.subscriberId,
      ticketId: revisit.ticketId,
      at: now,
      actorUserId: actor.userId,
      details: { revisitId: revisit.id, channel: revisit.channel, outcome: 'unanswered' },
    });
    await auditActor(tx, actor, {
      action: 'revisit.unanswered',
      subscriberId: revisit.subscriberId,
      target: ticketNo(revisit.ticketId),
      details: { revisitId: revisit.id },
    });
    return revisit;
  });
  return viewOf(db, key);
}

export type SmsRevisitReply = 'recorded' | 'already_answered' | 'not_a_revisit';

/** A revisit survey SMS answers for this long after it was sent (as the call survey does). */
export const REVISIT_SMS_REPLY_DAYS = 7;

/**
 * A 1–5 reply from the subscriber, when the last survey they were sent is a ticket revisit: the
 * score is recorded as an answer with nobody recording it, and may reopen the ticket. A reply to a
 * revisit already answered changes nothing: the first answer may already have reopened the ticket.
 */
export async function recordRevisitSmsReply(
  db: Database,
  subscriberId: number,
  score: number,
  at: Date,
): Promise<SmsRevisitReply> {
  const sentAfter = new Date(at.getTime() - REVISIT_SMS_REPLY_DAYS * 86_400_000);
  const found = await findRevisitAnsweredBySms(db, subscriberId, sentAfter);
  if (!found) return 'not_a_revisit';
  return db.transaction(async (tx) => {
    const revisit = await lockRevisit(tx, found);
    if (revisit?.status !== 'pending') return 'already_answered';
    await recordAnswer(tx, null, revisit, { score }, at);
    return 'recorded';
  });
}

async function requireRevisitInScope(db: Database, actor: Actor, revisitId: number): Promise<RevisitRow> {
  const revisit = await findRevisit(db, revisitId);
  if (!revisit) throw notFound('Revisit');
  // The ticket's scope is the revisit's: absent and out of scope answer alike.
  await requireTicketInScope(db, actor, revisit.ticketId).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('Revisit');
    throw error;
  });
  return revisit;
}

async function lockPendingRevisit(tx: Database, found: RevisitRow): Promise<RevisitRow> {
  const revisit = await lockRevisit(tx, found);
  if (!revisit) throw notFound('Revisit');
  if (revisit.status !== 'pending') {
    throw new AppError('CONFLICT', `This revisit is already ${revisit.status}`, { status: revisit.status });
  }
  return revisit;
}

async function recordAnswer(
  tx: Database,
  actor: Actor | null,
  revisit: RevisitRow,
  answer: { score: number; comment?: string | undefined },
  now: Date,
): Promise<void> {
  const { document: settings } = await currentRevisitSettings(tx);
  const ticket = await findTicketRow(tx, revisit.ticketId, undefined);
  if (!ticket) throw new Error(`ticket ${revisit.ticketId} of revisit ${revisit.id} vanished`);
  // Already back in work (reopened by hand meanwhile): the score is kept, nothing is reopened twice.
  const reopen = reopensTicket(answer.score, settings) && ticket.status === 'closed';
  const comment = answer.comment ? redactPersonalData(answer.comment) : null;
  await updateRevisit(tx, revisit, {
    status: 'answered',
    score: answer.score,
    comment,
    answeredAt: now,
    recordedByUserId: actor?.userId ?? null,
    reopened: reopen ? 1 : 0,
  });
  if (revisit.taskId !== null) {
    await endRevisitTask(tx, revisit.subscriberId, revisit.taskId, {
      status: 'done',
      closedReason: 'revisit_answered',
    });
  }
  await insertRevisitEvent(tx, {
    subscriberId: revisit.subscriberId,
    ticketId: revisit.ticketId,
    at: now,
    actorUserId: actor?.userId ?? null,
    details: {
      revisitId: revisit.id,
      channel: revisit.channel,
      outcome: 'answered',
      score: answer.score,
      reopened: reopen,
    },
  });
  if (actor) {
    await auditActor(tx, actor, {
      action: 'revisit.answer',
      subscriberId: revisit.subscriberId,
      target: ticketNo(revisit.ticketId),
      details: { revisitId: revisit.id, score: answer.score, reopened: reopen },
    });
  }
  if (reopen) {
    await reopenTicket(tx, actor, revisit.ticketId, `revisit: unhappy (score ${answer.score})`, now);
  }
}

async function viewOf(db: Database, key: RevisitRow): Promise<RevisitView> {
  const row = await findRevisitListRow(db, key);
  if (!row) throw notFound('Revisit');
  return revisitView(row);
}

function revisitView(row: RevisitListRow): RevisitView {
  const { revisit } = row;
  return {
    id: revisit.id,
    ticketId: revisit.ticketId,
    ticketNo: ticketNo(revisit.ticketId),
    ticketStatus: row.ticketStatus,
    ticketCategory: row.ticketCategory,
    ticketTitle: row.ticketTitle,
    subscriberId: revisit.subscriberId,
    subscriberName: maskName(row.subscriberName),
    msisdnMasked: maskMsisdn(row.msisdn),
    vipLevel: VIP_LEVELS.find((level): level is VipLevel => level === row.vipLevel) ?? 'none',
    channel: revisit.channel === 'sms' ? 'sms' : 'call',
    status: REVISIT_STATUSES.find((status) => status === revisit.status) ?? 'pending',
    taskId: revisit.taskId,
    smsId: revisit.smsId,
    score: revisit.score,
    comment: revisit.comment,
    reopened: revisit.reopened === 1,
    createdAt: revisit.createdAt,
    answeredAt: revisit.answeredAt,
  };
}
