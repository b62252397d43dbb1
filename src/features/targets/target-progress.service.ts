import type { DbHandle } from '#src/db/client';
import { AppError } from '#src/lib/app-error';
import { addDays, addMonths } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import type { Actor } from '../auth/actor';
import { localDayStart } from './local-day';
import { quarterOf, quarterRange, type TargetMetric, targetProgressOn } from './target-breakdown';
import {
  type AchievementRow,
  findAchievements,
  findLeaders,
  type MetricValues,
} from './target-progress.repository';
import { type TeamScope, teamFilterOf, teamScopeOf } from './target-scope';
import { findTargets, type TargetWithNames } from './targets.repository';
import {
  LEADERBOARD_METRICS,
  type Leaderboard,
  type ProgressItem,
  type TargetProgressList,
} from './targets.schemas';
import { quarterStepsOf } from './targets.service';

export type Clock = { timeZone: string; now: Date };

/** The day a progress question is about: the given date, else today, else the year's edge. */
export function progressDate(
  query: { year?: number | undefined; date?: string | undefined },
  clock: Clock,
): string {
  const today = todayIn(clock.timeZone, clock.now);
  if (query.date) {
    if (query.year !== undefined && Number(query.date.slice(0, 4)) !== query.year) {
      throw new AppError('VALIDATION_FAILED', 'The request is invalid', {
        issues: [{ path: 'querystring.date', message: `must be in ${query.year}, the year asked for` }],
      });
    }
    return query.date;
  }
  if (query.year === undefined) return today;
  const thisYear = Number(today.slice(0, 4));
  if (query.year === thisYear) return today;
  return query.year < thisYear ? `${query.year}-12-31` : `${query.year}-01-01`;
}

const ZERO: MetricValues = { saves: 0, accepted_offers: 0, reached: 0, spend_fen: 0 };

function groupKey(t: TargetWithNames): string {
  return t.scope === 'agent' ? `agent:${t.agentUserId}:${t.metric}` : `team:${t.teamId}:${t.metric}`;
}

/**
 * Each visible target's progress on a day: achieved year and quarter to date from recorded calls,
 * the pro-rata expectation, today's goal and status — realistic and stretch side by side.
 */
export async function targetProgress(
  handle: DbHandle,
  actor: Actor,
  query: { year?: number | undefined; date?: string | undefined },
  clock: Clock,
): Promise<TargetProgressList> {
  return targetProgressIn(handle, teamScopeOf(actor), progressDate(query, clock), clock.timeZone);
}

/** Progress of the targets a team scope holds, on a day (also the daily summary's targets part). */
export async function targetProgressIn(
  handle: DbHandle,
  scope: TeamScope,
  date: string,
  timeZone: string,
): Promise<TargetProgressList> {
  const year = Number(date.slice(0, 4));
  const targets = await findTargets(handle.db, year, scope);
  if (targets.length === 0) return { year, date, items: [] };
  const achievements = await findAchievements(
    handle.engine,
    {
      yearStart: localDayStart(`${year}-01-01`, timeZone),
      dayStart: localDayStart(date, timeZone),
      dayEnd: localDayStart(addDays(date, 1), timeZone),
      quarterStart: localDayStart(quarterRange(year, quarterOf(date)).first, timeZone),
    },
    scope.kind === 'team' ? scope.teamId : null,
  );
  const byAgent = new Map<number, AchievementRow>();
  const byTeam = new Map<number, AchievementRow>();
  for (const row of achievements) {
    if (row.agentUserId !== null) byAgent.set(row.agentUserId, row);
    else if (row.teamId !== null) byTeam.set(row.teamId, row);
  }

  const items = new Map<string, ProgressItem>();
  for (const target of targets) {
    const metric = target.metric as TargetMetric;
    const achieved =
      target.scope === 'agent' ? byAgent.get(target.agentUserId ?? -1) : byTeam.get(target.teamId ?? -1);
    const ytd = (achieved?.yearToDate ?? ZERO)[metric];
    const progress = targetProgressOn(
      { year, metric, annualValue: target.annualValue, quarterSteps: quarterStepsOf(target.quarterSteps) },
      { date, achievedToDate: ytd, achievedBeforeDate: (achieved?.beforeDate ?? ZERO)[metric] },
    );
    const key = groupKey(target);
    const item: ProgressItem = items.get(key) ?? {
      scope: target.scope === 'agent' ? 'agent' : 'team',
      teamId: target.teamId,
      teamName: target.teamName,
      agentUserId: target.agentUserId,
      agentName: target.agentName,
      metric,
      achievedYearToDate: ytd,
      achievedQuarterToDate: (achieved?.quarterToDate ?? ZERO)[metric],
      quarter: progress.quarter,
      workingDaysRemaining: progress.workingDaysRemaining,
      realistic: null,
      stretch: null,
    };
    item[target.level === 'stretch' ? 'stretch' : 'realistic'] = {
      targetId: target.id,
      annualValue: target.annualValue,
      quarterTarget: progress.quarterTarget,
      expectedToDate: progress.expectedToDate,
      dailyGoal: progress.dailyGoal,
      status: progress.status,
    };
    items.set(key, item);
  }
  return { year, date, items: [...items.values()] };
}

/** 本月之星: the month's top agents per metric, ties sharing a place; a lead's own team only. */
export async function leaderboard(
  handle: DbHandle,
  actor: Actor,
  query: { month?: string | undefined; teamId?: number | undefined; top: number },
  clock: Clock,
): Promise<Leaderboard> {
  const month = query.month ?? todayIn(clock.timeZone, clock.now).slice(0, 7);
  const team = teamFilterOf(teamScopeOf(actor), query.teamId);
  const empty = LEADERBOARD_METRICS.map((metric) => ({ metric, leaders: [] }));
  if (team === 'none') return { month, teamId: null, metrics: empty };
  const rows = await findLeaders(
    handle.engine,
    {
      from: localDayStart(`${month}-01`, clock.timeZone),
      to: localDayStart(`${addMonths(month, 1)}-01`, clock.timeZone),
    },
    team,
    query.top,
  );
  return {
    month,
    teamId: team,
    metrics: LEADERBOARD_METRICS.map((metric) => ({
      metric,
      leaders: rows
        .filter((r) => r.metric === metric)
        .map((r) => ({
          rank: Number(r.rank),
          agentUserId: r.agent_user_id,
          displayName: r.display_name,
          teamName: r.team_name,
          value: Number(r.value),
        })),
    })),
  };
}
