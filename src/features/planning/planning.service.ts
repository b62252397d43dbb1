import type { Database, DbHandle } from '#src/db/client';
import type { ContactPolicySettings } from '#src/features/contact-policy/contact-policy-settings';
import { AppError, notFound } from '#src/lib/app-error';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import type { Actor } from '../auth/actor';
import { DEFAULT_SHIFT, type PlanInputs } from './plan-inputs';
import { runPlan } from './plan-run.service';
import {
  type AgentRow,
  findActiveAgents,
  findAgentProgress,
  findPlan,
  findPlans,
  findPoolProgress,
  findUsersByIds,
  insertFailedPlan,
  type StoredPlan,
} from './plan-views.repository';
import {
  type PlanInputsView,
  type PlanList,
  type PlanProgress,
  type PlanView,
  planInputsViewSchema,
  planSummarySchema,
} from './planning.schemas';

/** How far ahead a plan may be built. */
export const PLAN_HORIZON_DAYS = 30;

type Issue = { path: string; message: string };

function invalid(issues: Issue[]): AppError {
  return new AppError('VALIDATION_FAILED', 'The request is invalid', { issues });
}

/**
 * Whose plans an actor works with: a lead their own team's (their agents' shifts, their books),
 * an admin or analyst every team's (null).
 */
export function planTeamOf(actor: Actor): number | null {
  switch (actor.role) {
    case 'admin':
    case 'analyst':
      return null;
    case 'lead':
      if (actor.teamId === null) throw new AppError('FORBIDDEN', 'A team lead without a team has no plan');
      return actor.teamId;
    case 'agent':
    case 'auditor':
      throw new AppError('FORBIDDEN', 'Plans are for team leads and admins');
  }
}

export type PlanContext = { timeZone: string; now?: Date; policy?: ContactPolicySettings };

/** POST /plans: validate the day and shifts against the actor's team, then build the plan. */
export async function createPlan(
  handle: DbHandle,
  actor: Actor,
  body: PlanInputs,
  context: PlanContext,
): Promise<PlanView> {
  const teamId = planTeamOf(actor);
  const now = context.now ?? new Date();
  const today = todayIn(context.timeZone, now);
  const day = body.day ?? today;
  if (day < today) throw invalid([{ path: 'body.day', message: `must not be before today (${today})` }]);
  if (day > addDays(today, PLAN_HORIZON_DAYS)) {
    throw invalid([{ path: 'body.day', message: `must be within ${PLAN_HORIZON_DAYS} days of today` }]);
  }
  const shifts = await resolveShifts(handle.db, body, teamId);
  const inputs: PlanInputsView = {
    day,
    teamId,
    timeZone: context.timeZone,
    handleMinutes: body.handleMinutes,
    occupancy: body.occupancy,
    shifts,
  };
  try {
    const { planId } = await runPlan(handle, {
      inputs,
      createdBy: actor.userId,
      now,
      ...(context.policy ? { policy: context.policy } : {}),
    });
    return getPlan(handle.db, actor, planId);
  } catch (error) {
    // The plan's own transaction rolled back; leave a trace that it was tried.
    await insertFailedPlan(handle.db, {
      day,
      inputs,
      createdBy: actor.userId,
      error: 'The plan could not be built; the server log has the cause',
    }).catch(() => undefined);
    throw error;
  }
}

/**
 * The shifts as given (each agent must be an active agent, of the lead's own team for a lead), or
 * every active agent in scope on the default shift.
 */
async function resolveShifts(db: Database, body: PlanInputs, teamId: number | null) {
  if (!body.shifts) {
    const agents = await findActiveAgents(db, teamId);
    return agents.map((a) => ({ agentUserId: a.id, teamId: a.teamId, ...DEFAULT_SHIFT }));
  }
  const users = new Map<number, AgentRow>(
    (
      await findUsersByIds(
        db,
        body.shifts.map((s) => s.agentUserId),
      )
    ).map((u) => [u.id, u]),
  );
  const problems: Issue[] = [];
  const foreign: Issue[] = [];
  body.shifts.forEach((shift, i) => {
    const user = users.get(shift.agentUserId);
    const path = `body.shifts.${i}.agentUserId`;
    if (user?.role !== 'agent' || user.isDisabled) {
      problems.push({ path, message: 'is not an active agent' });
    } else if (teamId !== null && user.teamId !== teamId) {
      foreign.push({ path, message: 'is not an agent of your team' });
    }
  });
  if (problems.length > 0) throw invalid(problems);
  if (foreign.length > 0) {
    throw new AppError('FORBIDDEN', "A team lead plans only their own team's agents", { issues: foreign });
  }
  return body.shifts.map((shift) => ({
    agentUserId: shift.agentUserId,
    teamId: users.get(shift.agentUserId)?.teamId ?? null,
    from: shift.from,
    until: shift.until,
    breakMinutes: shift.breakMinutes,
  }));
}

export function planViewOf(row: StoredPlan): PlanView {
  const inputs = planInputsViewSchema.safeParse(row.inputs);
  const summary = planSummarySchema.safeParse(row.summary);
  const stored: unknown = row.summary;
  const error =
    row.status === 'failed' && typeof stored === 'object' && stored !== null && 'error' in stored
      ? String(stored.error)
      : null;
  return {
    id: row.id,
    day: row.planDay,
    status: row.status === 'ready' || row.status === 'failed' ? row.status : 'building',
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    inputs: inputs.success ? inputs.data : null,
    summary: summary.success ? summary.data : null,
    error,
  };
}

export async function getPlan(db: Database, actor: Actor, id: number): Promise<PlanView> {
  const row = await findPlan(db, id, planTeamOf(actor));
  if (!row) throw notFound('Plan');
  return planViewOf(row);
}

export async function listPlans(
  db: Database,
  actor: Actor,
  query: { day?: string; limit: number },
): Promise<PlanList> {
  const rows = await findPlans(db, { day: query.day, teamId: planTeamOf(actor), limit: query.limit });
  return {
    items: rows.map((row) => {
      const view = planViewOf(row);
      return {
        id: view.id,
        day: view.day,
        status: view.status,
        teamId: view.inputs?.teamId ?? null,
        createdBy: view.createdBy,
        createdAt: view.createdAt,
        agents: view.summary?.capacity.agents ?? null,
        capacity: view.summary?.capacity.calls ?? null,
        chosen: view.summary?.chosen.total ?? null,
      };
    }),
  };
}

/** Today's plan as it goes, per agent (a lead sees their own team's agents only) and per team pool. */
export async function getPlanProgress(handle: DbHandle, actor: Actor, id: number): Promise<PlanProgress> {
  const teamId = planTeamOf(actor);
  const plan = await getPlan(handle.db, actor, id);
  const onShift = plan.inputs?.shifts.map((s) => s.agentUserId) ?? [];
  const agents = await findAgentProgress(handle.engine, id, onShift, teamId);
  const pools = await findPoolProgress(handle.engine, id, teamId);
  return {
    planId: plan.id,
    day: plan.day,
    agents: agents.map((a) => ({
      agentUserId: Number(a.agent_user_id),
      displayName: a.display_name,
      teamId: a.team_id === null ? null : Number(a.team_id),
      assigned: a.assigned,
      done: a.done,
      reached: a.reached,
      accepted: a.accepted,
      open: a.open,
      claimed: a.claimed,
    })),
    pools: pools.map((p) => ({
      teamId: Number(p.team_id),
      total: p.total,
      open: p.open,
      claimed: p.claimed,
      done: p.done,
    })),
  };
}
