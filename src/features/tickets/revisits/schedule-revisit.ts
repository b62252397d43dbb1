import type { Database } from '#src/db/client';
import { findBookOwner, insertCallTask } from '../retention-link/retention-link.repository';
import type { TicketFacts } from '../ticket-lifecycle';
import { ticketNo } from '../ticket-number';
import { revisitChannelFor, revisitDueAt } from './revisit-rules';
import { currentRevisitSettings } from './revisit-settings';
import { queueRevisitSms } from './revisit-sms';
import { cancelPendingRevisits, endRevisitTask, insertRevisit, setRevisitTask } from './revisits.repository';

/** A revisit call comes after the open-ticket care calls (500M) and before planned work. */
export const REVISIT_TASK_PRIORITY = 400_000_000;

/**
 * The satisfaction revisit of a closed ticket, by the revisit settings in force: a call task for
 * the phone manager (VIPs by default), or an SMS survey (others), each with its
 * satisfaction_revisits row; nothing when the level is set to 'none'. A revisit call for a
 * subscriber nobody owns has no task but still waits in the revisit list, where it can be answered.
 * An SMS the contact policy refuses asks nobody: its revisit is cancelled at once.
 */
export async function scheduleRevisit(tx: Database, ticket: TicketFacts, now: Date): Promise<void> {
  const { document: settings } = await currentRevisitSettings(tx);
  const channel = revisitChannelFor(settings, ticket.vipLevel);
  if (!channel) return;
  const dueAt = revisitDueAt(settings, ticket.closedAt ?? now);
  const number = ticketNo(ticket.id);
  const base = { subscriberId: ticket.subscriberId, ticketId: ticket.id, createdAt: now };
  if (channel === 'sms') {
    const sms = await queueRevisitSms(tx, ticket.subscriberId, number, dueAt);
    if (!sms) return;
    await insertRevisit(tx, {
      ...base,
      channel,
      smsId: sms.id,
      status: sms.status === 'refused' ? 'cancelled' : 'pending',
    });
    return;
  }
  const revisit = await insertRevisit(tx, { ...base, channel });
  const owner = await findBookOwner(tx, ticket.subscriberId);
  if (!owner) return;
  const taskId = await insertCallTask(tx, {
    subscriberId: ticket.subscriberId,
    kind: 'revisit',
    action: 'care_call',
    priority: REVISIT_TASK_PRIORITY,
    reasons: [
      { code: 'ticket_revisit', params: { ticketId: ticket.id, ticketNo: number, revisitId: revisit.id } },
    ],
    ownerUserId: owner.userId,
    teamId: owner.teamId,
    dueAt,
  });
  await setRevisitTask(tx, { subscriberId: ticket.subscriberId, id: revisit.id }, taskId);
}

/** A reopened ticket is being worked again: asking how its resolution went makes no sense now. */
export async function withdrawPendingRevisits(tx: Database, ticket: TicketFacts): Promise<void> {
  const withdrawn = await cancelPendingRevisits(tx, ticket.subscriberId, ticket.id);
  for (const revisit of withdrawn) {
    if (revisit.taskId === null) continue;
    await endRevisitTask(tx, ticket.subscriberId, revisit.taskId, {
      status: 'cancelled',
      closedReason: 'ticket_reopened',
    });
  }
}
