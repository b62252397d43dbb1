import type { Database } from '#src/db/client';
import { taskReasonsOf } from '#src/features/queue/task-reasons';
import type { TicketFacts } from '../ticket-lifecycle';
import { ticketNo } from '../ticket-number';
import {
  BREACHED_CARE_TASK_PRIORITY,
  CARE_TASK_PRIORITY,
  careTaskReasons,
  type TicketRef,
  withBreachReason,
} from './care-task';
import { withClosedTicket, withOpenComplaint } from './open-complaint-signal';
import {
  cancelWaitingCareTasks,
  countComplaintFacts,
  findBookOwner,
  findOldestActiveTicket,
  insertCallTask,
  lockCurrentScoreSignals,
  lockOpenCareTask,
  updateCareTask,
  updateScoreSignals,
} from './retention-link.repository';
import { isVipLevel } from './vip-level';

/**
 * The ticket → retention loop (issue 6 §7), inside the ticket's own transaction: a VIP's open or
 * breached ticket raises OPEN_COMPLAINT on their current score and puts a care task in their phone
 * manager's queue; closing it withdraws the care task nobody started. Non-VIP tickets stay on the
 * service side (their offers are still suppressed while open, see offer-suppression.ts).
 */
export async function linkActiveTicket(
  tx: Database,
  ticket: TicketFacts,
  now: Date,
  options: { breached: boolean },
): Promise<void> {
  if (!isVipLevel(ticket.vipLevel)) return;
  const ref = { id: ticket.id, ticketNo: ticketNo(ticket.id), category: ticket.category };
  await raiseOpenComplaint(tx, ticket.subscriberId, ref, now);
  await ensureCareTask(tx, ticket, ref, now, options.breached);
}

/** A resolved ticket needs no more care calls about it, and the score stops saying it is being worked. */
export async function unlinkClosedTicket(tx: Database, ticket: TicketFacts): Promise<void> {
  await cancelWaitingCareTasks(tx, ticket.subscriberId, ticket.id);
  const score = await lockCurrentScoreSignals(tx, ticket.subscriberId);
  if (!score) return;
  const next = await findOldestActiveTicket(tx, ticket.subscriberId);
  const lowered = withClosedTicket(
    score.signalCodes,
    score.signals,
    ticket.id,
    next ? { ticketId: next.id, ticketNo: ticketNo(next.id) } : null,
  );
  if (lowered)
    await updateScoreSignals(tx, { runId: score.runId, subscriberId: ticket.subscriberId }, lowered);
}

async function raiseOpenComplaint(tx: Database, subscriberId: number, ref: TicketRef, now: Date) {
  const score = await lockCurrentScoreSignals(tx, subscriberId);
  // Not scored yet: the next run's features count the ticket (relational-facts.ts).
  if (!score) return;
  const counts = await countComplaintFacts(tx, subscriberId, now);
  const raised = withOpenComplaint(score.signalCodes, score.signals, {
    ...counts,
    ticketId: ref.id,
    ticketNo: ref.ticketNo,
  });
  if (raised) await updateScoreSignals(tx, { runId: score.runId, subscriberId }, raised);
}

/**
 * One care task per ticket for the book owner, due now. A breach raises it (or, when the earlier
 * care call is already done, gives a new one). Nobody owns the subscriber: no task — a team pool
 * task would reach someone who does not know them.
 */
async function ensureCareTask(
  tx: Database,
  ticket: TicketFacts,
  ref: TicketRef,
  now: Date,
  breached: boolean,
) {
  const existing = await lockOpenCareTask(tx, ticket.subscriberId, ticket.id);
  if (existing) {
    if (!breached) return;
    await updateCareTask(
      tx,
      { subscriberId: ticket.subscriberId, id: existing.id },
      {
        priority: Math.max(existing.priority, BREACHED_CARE_TASK_PRIORITY),
        reasons: withBreachReason(taskReasonsOf(existing.reasons), ref, ticket.dueAt),
      },
    );
    return;
  }
  const owner = await findBookOwner(tx, ticket.subscriberId);
  if (!owner) return;
  const reasons = careTaskReasons(ref);
  await insertCallTask(tx, {
    subscriberId: ticket.subscriberId,
    kind: 'care',
    action: 'care_call',
    priority: breached ? BREACHED_CARE_TASK_PRIORITY : CARE_TASK_PRIORITY,
    reasons: breached ? withBreachReason(reasons, ref, ticket.dueAt) : reasons,
    ownerUserId: owner.userId,
    teamId: owner.teamId,
    dueAt: now,
  });
}
