import type { DbHandle } from '#src/db/client';
import { AppError, notFound } from '#src/lib/app-error';
import { maskMsisdn } from '#src/lib/msisdn';
import { todayIn } from '#src/lib/time';
import { endOfDayUtc } from '#src/lib/zoned-time';
import type { Actor } from '../auth/actor';
import { maskName } from './mask-name';
import { findQueueRow, findQueueRows, findTaskStateForAgent, type QueueRow } from './queue.repository';
import type { QueueItem } from './queue.schemas';
import {
  CLAIM_MINUTES,
  type Claimer,
  claimNextTask,
  claimTaskById,
  releaseClaim,
  releaseExpiredClaims,
} from './task-claims';
import { taskReasonsOf } from './task-reasons';

/** A queue holds at most this many rows: a day's work for one agent is far less. */
const QUEUE_LIMIT = 200;

function claimerOf(actor: Actor): Claimer {
  return { userId: actor.userId, teamId: actor.teamId };
}

/** My held tasks, then what I may take that is due by the end of today (business time zone). */
export async function listQueue(handle: DbHandle, actor: Actor, timeZone: string, now: Date) {
  // Claims nobody finished go back first, so the list shows them as takeable again.
  await releaseExpiredClaims(handle.engine);
  const day = todayIn(timeZone, now);
  const dueBy = new Date(endOfDayUtc(day, timeZone));
  const rows = await findQueueRows(handle.db, claimerOf(actor), dueBy, now, QUEUE_LIMIT);
  return { items: rows.map((row) => toQueueItem(row, actor.userId)), day };
}

/** Claims the best task due now; `{ task: null }` when there is none. */
export async function claimNext(handle: DbHandle, actor: Actor): Promise<{ task: QueueItem | null }> {
  await releaseExpiredClaims(handle.engine);
  const claimed = await claimNextTask(handle.engine, claimerOf(actor), CLAIM_MINUTES);
  if (!claimed) return { task: null };
  return { task: await heldItem(handle, actor, claimed.id) };
}

/**
 * Claims the task the agent picked. Someone else's claim (or a closed task) is a 409; a task the
 * agent may not take at all answers exactly like a missing one. Claiming what I already hold is a no-op.
 */
export async function claimTask(
  handle: DbHandle,
  actor: Actor,
  taskId: number,
): Promise<{ task: QueueItem }> {
  await releaseExpiredClaims(handle.engine);
  const claimed = await claimTaskById(handle.engine, claimerOf(actor), taskId, CLAIM_MINUTES);
  if (claimed) return { task: await heldItem(handle, actor, taskId) };
  const state = await findTaskStateForAgent(handle.db, claimerOf(actor), taskId);
  if (!state) throw notFound('Task');
  if (state.status === 'claimed' && state.claimedByUserId === actor.userId) {
    return { task: await heldItem(handle, actor, taskId) };
  }
  if (state.status === 'done' || state.status === 'cancelled') {
    throw new AppError('CONFLICT', 'This task is closed');
  }
  throw new AppError('CONFLICT', 'Another agent has just taken this task');
}

/** Gives a task I hold back to the pool. */
export async function releaseTask(
  handle: DbHandle,
  actor: Actor,
  taskId: number,
): Promise<{ task: QueueItem | null }> {
  if (!(await releaseClaim(handle.engine, actor.userId, taskId))) throw notFound('Task');
  const row = await findQueueRow(handle.db, claimerOf(actor), taskId);
  return { task: row ? toQueueItem(row, actor.userId) : null };
}

async function heldItem(handle: DbHandle, actor: Actor, taskId: number): Promise<QueueItem> {
  const row = await findQueueRow(handle.db, claimerOf(actor), taskId);
  if (!row) throw new Error(`task ${taskId} vanished after its claim`);
  return toQueueItem(row, actor.userId);
}

export function toQueueItem(row: QueueRow, userId: number): QueueItem {
  return {
    id: row.id,
    subscriberId: row.subscriberId,
    kind: row.kind,
    action: row.action,
    status: row.status === 'claimed' ? 'claimed' : 'open',
    heldByMe: row.status === 'claimed' && row.claimedByUserId === userId,
    ownedByMe: row.ownerUserId === userId,
    campaign:
      row.campaignId === null || row.campaignName === null || row.campaignKind === null
        ? null
        : { id: row.campaignId, name: row.campaignName, kind: row.campaignKind },
    reasons: taskReasonsOf(row.reasons),
    nameMasked: maskName(row.name),
    msisdnMasked: maskMsisdn(row.msisdn),
    dueAt: row.dueAt,
    attempts: row.attempts,
    priority: row.priority,
    offerCode: row.offerCode,
    claimExpiresAt: row.claimExpiresAt,
  };
}
