import type { DbHandle } from '#src/db/client';
import { AppError, notFound } from '#src/lib/app-error';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import type { Actor } from '../auth/actor';
import { localDayStart } from '../targets/local-day';
import { targetProgressIn } from '../targets/target-progress.service';
import { teamScopeOf } from '../targets/target-scope';
import { findDayPlan, findDayResults, findTeams } from './daily-summary.repository';
import type { DailySummary, PlanFigures, ResultFigures } from './daily-summary.schemas';

/**
 * The team a summary is for: a lead's own (asking for another team is refused, 403, as planning
 * does), an admin's or analyst's named one (required: a summary is one team's page).
 */
export function summaryTeamOf(actor: Actor, requested: number | undefined): number {
  const scope = teamScopeOf(actor);
  if (scope.kind === 'none')
    throw new AppError('FORBIDDEN', 'The daily summary is for a team: this account has none');
  if (scope.kind === 'team') {
    if (requested !== undefined && requested !== scope.teamId) {
      throw new AppError('FORBIDDEN', "A team lead reads only their own team's summary");
    }
    return scope.teamId;
  }
  if (requested === undefined) {
    throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
      issues: [{ path: 'querystring.teamId', message: 'required: say which team' }],
    });
  }
  return requested;
}

const ZERO_RESULTS: ResultFigures = {
  calls: 0,
  reached: 0,
  accepted: 0,
  saves: 0,
  complaints: 0,
  spendFen: 0,
  ticketsOpened: 0,
  slaBreaches: 0,
};

/**
 * One team's daily summary for `date`: the results of the day before (by agent), the work planned
 * for `date` (by agent and the team pool), and where the team's and agents' targets stand with
 * today's goals.
 */
export async function dailySummaryOf(
  handle: DbHandle,
  teamId: number,
  date: string,
  timeZone: string,
): Promise<DailySummary> {
  const [team] = await findTeams(handle.engine, teamId);
  if (!team) throw notFound('Team');
  const resultsDate = addDays(date, -1);
  const dayEnd = localDayStart(addDays(date, 1), timeZone);
  const [resultRows, planRows, progress] = await Promise.all([
    findDayResults(
      handle.engine,
      { from: localDayStart(resultsDate, timeZone), to: localDayStart(date, timeZone) },
      teamId,
    ),
    findDayPlan(handle.engine, date, dayEnd, teamId),
    targetProgressIn(handle, { kind: 'team', teamId }, date, timeZone),
  ]);

  const resultItems = resultRows.map((r) => ({
    agentUserId: r.agent_user_id,
    displayName: r.display_name,
    calls: Number(r.calls),
    reached: Number(r.reached),
    accepted: Number(r.accepted),
    saves: Number(r.saves),
    complaints: Number(r.complaints),
    spendFen: Number(r.spend_fen),
    ticketsOpened: Number(r.tickets_opened),
    slaBreaches: Number(r.sla_breaches),
  }));
  const resultTotals = { ...ZERO_RESULTS };
  for (const item of resultItems) {
    for (const key of Object.keys(resultTotals) as (keyof ResultFigures)[]) resultTotals[key] += item[key];
  }

  const planItems = planRows.map((r) => ({
    agentUserId: r.agent_user_id,
    displayName: r.display_name,
    plannedCalls: Number(r.planned_calls),
    callbacksDue: Number(r.callbacks_due),
    careTasks: Number(r.care_tasks),
  }));
  const planTotals: PlanFigures = { plannedCalls: 0, callbacksDue: 0, careTasks: 0 };
  for (const item of planItems) {
    planTotals.plannedCalls += item.plannedCalls;
    planTotals.callbacksDue += item.callbacksDue;
    planTotals.careTasks += item.careTasks;
  }

  return {
    teamId: team.id,
    teamName: team.name,
    date,
    resultsDate,
    results: { items: resultItems, totals: resultTotals },
    plan: { items: planItems, totals: planTotals },
    targets: progress.items,
  };
}

export async function dailySummaryFor(
  handle: DbHandle,
  actor: Actor,
  query: { date?: string | undefined; teamId?: number | undefined },
  clock: { timeZone: string; now: Date },
): Promise<DailySummary> {
  const teamId = summaryTeamOf(actor, query.teamId);
  return dailySummaryOf(handle, teamId, query.date ?? todayIn(clock.timeZone, clock.now), clock.timeZone);
}
