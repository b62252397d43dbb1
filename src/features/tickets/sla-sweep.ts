import type { Database, DbHandle } from '#src/db/client';
import { escalationContactsOf, factsOf } from './ticket-changes';
import { ticketLifecycle } from './ticket-lifecycle-hooks';
import { higherEscalation, readTicketClock, settleSla } from './ticket-sla';
import {
  findActiveTicketsForSweep,
  hasTicketEvent,
  insertTicketEvents,
  lockActiveTicketSkipLocked,
  updateTicketRow,
} from './tickets.repository';

export type SweepReport = {
  /** Active tickets whose clocks were read. */
  checked: number;
  /** Tickets whose stored SLA state, due time or escalation changed. */
  updated: number;
  /** warning, breached and escalated events written. */
  events: number;
  breached: number;
  /** Tickets locked by someone else this round; the next sweep takes them. */
  skipped: number;
  /** Tickets whose clock could not be read or written (logged by the caller); the others go on. */
  failed: { ticketId: number; error: string }[];
};

type SweepCandidate = Awaited<ReturnType<typeof findActiveTicketsForSweep>>[number];

/**
 * Whether the stored reading is behind the clock. A paused ticket's due time moves every minute
 * while it waits, so it alone does not count: the due time is settled again when it resumes.
 */
function isBehind(row: SweepCandidate, now: Date): boolean {
  const reading = readTicketClock(row, now);
  if (reading.state !== row.slaState) return true;
  if (higherEscalation(row.escalationLevel, reading.escalationLevel) !== row.escalationLevel) return true;
  if (reading.state === 'breached' && row.breachedAt === null) return true;
  return reading.state !== 'paused' && reading.dueAt.getTime() !== row.dueAt.getTime();
}

/**
 * Reads every active ticket's clock and records what changed: SLA state, due time, escalation level,
 * and the `warning`, `breached` and `escalated` events — each once, because the decision is made
 * again under the row lock from what the row and its timeline already say. One short transaction per
 * ticket that changed; a ticket locked by a person's write or by another sweep is skipped (SKIP
 * LOCKED) and taken next round, so concurrent sweeps neither wait nor double-write. The version is
 * not bumped: the SLA columns are derived from the clock, and a background sweep must not make a
 * person's open edit stale.
 */
export async function sweepSlaClocks(db: Database, now: Date): Promise<SweepReport> {
  const report: SweepReport = { checked: 0, updated: 0, events: 0, breached: 0, skipped: 0, failed: [] };
  const candidates = await findActiveTicketsForSweep(db);
  report.checked = candidates.length;
  for (const candidate of candidates) {
    let outcome: Awaited<ReturnType<typeof settleOne>>;
    try {
      if (!isBehind(candidate, now)) continue;
      outcome = await settleOne(db, candidate.id, now);
    } catch (error) {
      // One unreadable ticket (a hand-edited pause, say) must not stop every other clock.
      report.failed.push({
        ticketId: candidate.id,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    if (outcome === 'skipped') {
      report.skipped += 1;
      continue;
    }
    report.updated += 1;
    report.events += outcome.events;
    if (outcome.breached) report.breached += 1;
  }
  return report;
}

/** One ticket's settling in its own short transaction, under its row lock (or skipped if taken). */
async function settleOne(db: Database, ticketId: number, now: Date) {
  return db.transaction(async (tx) => {
    const row = await lockActiveTicketSkipLocked(tx, ticketId);
    if (!row) return 'skipped' as const;
    const sla = settleSla(
      row,
      await hasTicketEvent(tx, row.id, 'warning'),
      await escalationContactsOf(tx, row.groupId),
      now,
    );
    const updated = await updateTicketRow(tx, row, { ...sla.fields, updatedAt: now });
    const base = { subscriberId: row.subscriberId, ticketId: row.id, at: now, actorUserId: null };
    await insertTicketEvents(
      tx,
      sla.events.map((e) => ({ ...base, ...e })),
    );
    if (sla.breached) await ticketLifecycle.breached(tx, factsOf(updated), now);
    return { events: sla.events.length, breached: sla.breached };
  });
}

export type SlaSweepOptions = {
  handle: DbHandle;
  logger: { info(details: object, message: string): void; error(details: object, message: string): void };
  /** Default one minute. */
  intervalMs?: number;
  clock?: () => Date;
};

export type SlaSweep = {
  /** One sweep now (after any running one). */
  sweepOnce(): Promise<SweepReport>;
  stop(): Promise<void>;
};

/** Sweeps at start and then every minute; sweeps never overlap within a process. */
export function startSlaSweep(options: SlaSweepOptions): SlaSweep {
  const { handle, logger } = options;
  const clock = options.clock ?? (() => new Date());
  let queue: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const sweepOnce = (): Promise<SweepReport> => {
    const next = queue.then(() => sweepSlaClocks(handle.db, clock()));
    queue = next.catch(() => undefined);
    return next;
  };

  const tick = () => {
    if (stopped) return;
    sweepOnce().then(
      (report) => {
        if (report.failed.length > 0)
          logger.error({ failed: report.failed }, 'SLA sweep could not settle some tickets');
        if (report.events > 0 || report.skipped > 0) logger.info({ ...report }, 'SLA sweep');
      },
      (error: unknown) => logger.error({ err: error }, 'SLA sweep failed; the next one tries again'),
    );
  };

  tick();
  const timer = setInterval(tick, options.intervalMs ?? 60_000);
  timer.unref();
  return {
    sweepOnce,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await queue;
    },
  };
}
