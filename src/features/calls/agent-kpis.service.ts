import type { Database } from '#src/db/client';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { wallTimeToUtc } from '#src/lib/zoned-time';
import type { Actor } from '../auth/actor';
import { findAgentCallFigures } from './agent-kpis.repository';
import type { AgentKpiQuery, AgentKpis } from './agent-kpis.schemas';

type Counts = {
  calls: number;
  reached: number;
  accepted: number;
  callbacks: number;
  complaints: number;
  handled: number;
  handleSeconds: number;
};

/** Midnight starting `day` in the business time zone. */
function dayStart(day: string, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(wallTimeToUtc(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1), timeZone));
}

/**
 * Agent KPIs over business days (inclusive): calls, reach, saves, handle time, callbacks,
 * complaints. A lead sees their own team's agents only (a lead without a team, nobody); admins
 * and analysts everyone.
 */
export async function agentKpis(
  db: Database,
  actor: Actor,
  query: AgentKpiQuery,
  context: { timeZone: string; now: Date },
): Promise<AgentKpis> {
  const from = query.from ?? todayIn(context.timeZone, context.now);
  const to = query.to ?? from;
  const teamId = actor.role === 'lead' ? actor.teamId : null;
  const rows =
    actor.role === 'lead' && teamId === null
      ? []
      : await findAgentCallFigures(
          db,
          { from: dayStart(from, context.timeZone), to: dayStart(addDays(to, 1), context.timeZone) },
          teamId,
        );
  const totals: Counts = {
    calls: 0,
    reached: 0,
    accepted: 0,
    callbacks: 0,
    complaints: 0,
    handled: 0,
    handleSeconds: 0,
  };
  for (const row of rows) {
    totals.calls += row.calls;
    totals.reached += row.reached;
    totals.accepted += row.accepted;
    totals.callbacks += row.callbacks;
    totals.complaints += row.complaints;
    totals.handled += row.handled;
    totals.handleSeconds += row.handleSeconds;
  }
  return {
    from,
    to,
    teamId,
    items: rows.map((row) => ({
      agentUserId: row.agentUserId,
      displayName: row.displayName,
      teamName: row.teamName,
      ...figuresOf(row),
    })),
    totals: figuresOf(totals),
  };
}

function figuresOf(c: Counts) {
  return {
    calls: c.calls,
    reached: c.reached,
    reachRate: c.calls > 0 ? c.reached / c.calls : null,
    accepted: c.accepted,
    acceptanceRate: c.reached > 0 ? c.accepted / c.reached : null,
    averageHandleSeconds: c.handled > 0 ? c.handleSeconds / c.handled : null,
    callbacks: c.callbacks,
    complaints: c.complaints,
  };
}
