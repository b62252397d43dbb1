import type { DbHandle } from '#src/db/client';
import { runInTransaction } from '#src/db/transaction';
import type { ContactPermissions } from '#src/features/contact-policy/contact-policy';
import {
  type ContactPolicySettings,
  DEFAULT_CONTACT_POLICY,
} from '#src/features/contact-policy/contact-policy-settings';
import { candidateFromScore } from '#src/features/decisions/candidate-from-score';
import { ACTIONS, type Action } from '#src/features/decisions/decision-types';
import { type DecisionContext, loadDecisionContext } from '#src/features/decisions/decisions.service';
import { bestAction } from '#src/features/decisions/next-best-action';
import { DEFAULT_RETRY_SETTINGS, type RetrySettings } from '#src/features/queue/retry-rules';
import { assignCalls } from './assign-calls';
import { proposeContextOf } from './plan-calls';
import { dayBounds } from './plan-clock';
import { type AgentDuty, agentDuty } from './plan-duty';
import type {
  Decide,
  HistoryContact,
  PlanCallback,
  PlanCandidate,
  PlanOutcome,
  PlanProblem,
} from './plan-types';
import {
  type CallbackRow,
  type CandidateRow,
  cancelUnstartedPlanTasks,
  closeCandidateCursor,
  copyTasks,
  countQueuedWork,
  fetchCandidates,
  findActiveCampaigns,
  findCallbacks,
  findContactHistory,
  findCurrentRunId,
  finishPlan,
  type HistoryRow,
  insertBuildingPlan,
  lockPlanning,
  openCandidateCursor,
} from './planning.repository';
import type { PlanInputsView, PlanSummary } from './planning.schemas';
import { newProposalPool, proposeCalls } from './propose-calls';

const DAY_MS = 86_400_000;
/** Candidates are read and decided this many at a time: memory stays flat at a million members. */
const CANDIDATE_BATCH = 20_000;

export type PlanRunRequest = {
  inputs: PlanInputsView;
  createdBy: number | null;
  now: Date;
  policy?: ContactPolicySettings;
  retry?: RetrySettings;
};

export type PlanRunResult = { planId: number; summary: PlanSummary; tasks: number };

/** Seconds per stage, measured as the run goes. */
class StageClock {
  readonly seconds: Record<string, number> = {};
  private last = performance.now();
  private readonly began = this.last;

  lap(stage: string): void {
    const now = performance.now();
    this.seconds[stage] = round3((this.seconds[stage] ?? 0) + (now - this.last) / 1000);
    this.last = now;
  }

  add(stage: string, seconds: number): void {
    this.seconds[stage] = round3((this.seconds[stage] ?? 0) + seconds);
  }

  total(): number {
    return round3((performance.now() - this.began) / 1000);
  }
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Builds the day's call plan in one transaction under an advisory lock (a second planner waits,
 * then replans on top of the first): withdraw unstarted tasks of earlier plans for the day (in
 * scope), read capacity, history, callbacks and campaigns, stream the candidates through the
 * next-best-action, choose within capacity, quota and policy, COPY the tasks and record the plan.
 * Shifts were validated and resolved by the caller (planning.service.ts).
 */
export async function runPlan(handle: DbHandle, request: PlanRunRequest): Promise<PlanRunResult> {
  const { inputs } = request;
  const policy = request.policy ?? { ...DEFAULT_CONTACT_POLICY, timeZone: inputs.timeZone };
  const retry = request.retry ?? DEFAULT_RETRY_SETTINGS;
  const clock = new StageClock();
  // Settings, P(save) and offers are read before the lock: they do not change with the plan.
  const decision = await loadDecisionContext(handle.db, inputs.day, request.now);
  clock.lap('decisionContext');

  return runInTransaction(handle.engine, async (session) => {
    await lockPlanning(session);
    clock.lap('lock');
    const planId = await insertBuildingPlan(session, {
      day: inputs.day,
      inputs,
      createdBy: request.createdBy,
    });
    const replaced = await cancelUnstartedPlanTasks(session, inputs.day, inputs.teamId);
    clock.lap('replace');

    const bounds = dayBounds(inputs.day, inputs.timeZone);
    const queued = await countQueuedWork(session, bounds.end);
    const duties = inputs.shifts.map((shift) =>
      agentDuty(shift, shift.teamId, queued.byOwner.get(shift.agentUserId) ?? 0, {
        day: inputs.day,
        timeZone: inputs.timeZone,
        callWindow: policy.callWindow,
        now: request.now,
        handleMinutes: inputs.handleMinutes,
        occupancy: inputs.occupancy,
      }),
    );
    // One connection: these run one after another, not in parallel.
    const campaigns = await findActiveCampaigns(session, inputs.day);
    const runId = await findCurrentRunId(session);
    const historySince = new Date(bounds.start.getTime() - policy.caps.windowDays * DAY_MS);
    const historyRows = await findContactHistory(session, historySince);
    const callbackRows = await findCallbacks(session, bounds, inputs.teamId);
    const teamQueued = new Map<number, number>();
    for (const duty of duties) {
      if (duty.teamId !== null) teamQueued.set(duty.teamId, queued.byTeam.get(duty.teamId) ?? 0);
    }
    const problem: PlanProblem = {
      bounds,
      timeZone: inputs.timeZone,
      agents: duties,
      teamQueued,
      campaigns: new Map(campaigns.map((c) => [c.id, c])),
      callbacks: callbackRows.map(callbackOf),
      history: historyBySubscriber(historyRows),
      policy,
      retry,
      minExpectedValueFen: decision.settings.minExpectedValueFen,
    };
    clock.lap('read');

    const pool = newProposalPool();
    if (runId !== null && campaigns.length > 0) {
      const decide = deciderOf(decision);
      const context = proposeContextOf(problem);
      const keyMomentWindowDays = decision.settings.care.keyMomentWindowDays;
      await openCandidateCursor(session, { day: inputs.day, runId, teamId: inputs.teamId });
      for (;;) {
        const rows = await fetchCandidates(session, CANDIDATE_BATCH);
        clock.lap('candidates');
        if (rows.length === 0) break;
        const candidates = rows.map((row) => candidateOf(row, inputs.day, keyMomentWindowDays));
        proposeCalls(pool, candidates, decide, context);
        clock.lap('decide');
      }
      await closeCandidateCursor(session);
    }
    const outcome = assignCalls(problem, pool);
    clock.lap('choose');

    await copyTasks(session, outcome.tasks, planId);
    clock.lap('write');
    const summary = summarise({
      outcome,
      duties,
      pool: { candidates: pool.candidates, proposals: pool.proposals.length },
      queuedTotal:
        sum(
          queued.byOwner,
          duties.map((d) => d.agentUserId),
        ) + sum(queued.byTeam, [...teamQueued.keys()]),
      campaigns: problem.campaigns,
      runId,
      decision,
      replaced,
      seconds: { ...clock.seconds, total: clock.total() },
    });
    await finishPlan(session, planId, summary);
    return { commit: true, result: { planId, summary, tasks: outcome.tasks.length } };
  });
}

function sum(map: ReadonlyMap<number, number>, keys: readonly number[]): number {
  let total = 0;
  for (const key of keys) total += map.get(key) ?? 0;
  return total;
}

function deciderOf(decision: DecisionContext): Decide {
  return (candidate, allowed) =>
    bestAction(candidate, allowed, decision.offers, decision.settings, decision.pSave);
}

function permissionsOf(row: {
  marketing_consent: boolean;
  do_not_call: boolean;
  profiling_opt_out: boolean;
}): ContactPermissions {
  // No consent date is recorded, so any marketing refusal on record stands.
  return {
    marketingConsent: row.marketing_consent,
    consentGivenAt: null,
    doNotCall: row.do_not_call,
    profilingOptOut: row.profiling_opt_out,
  };
}

export function candidateOf(row: CandidateRow, day: string, keyMomentWindowDays: number): PlanCandidate {
  const subscriberId = Number(row.subscriber_id);
  return {
    decision: candidateFromScore(
      {
        subscriberId,
        probability: Number(row.probability),
        riskBand: row.risk_band,
        tier: row.tier,
        lifecycleStage: row.lifecycle_stage,
        vipKind: row.vip_kind,
        segments: row.segments,
        signalCodes: row.signal_codes,
        keyMoments: row.key_moments,
        arpu3Fen: row.arpu3_fen === null ? null : Number(row.arpu3_fen),
        revenueAtRiskFen: Number(row.revenue_at_risk_fen),
      },
      { joinDate: row.join_date, planCode: row.plan_code, sceneTags: row.scene_tags },
      { onDay: day, keyMomentWindowDays, openTicket: row.open_ticket === true },
    ),
    campaignId: Number(row.campaign_id),
    arm: row.arm,
    permissions: permissionsOf(row),
    ownerUserId: Number(row.owner_user_id),
    teamId: row.team_id === null ? null : Number(row.team_id),
    attempts:
      row.calls === null || row.last_at === null
        ? null
        : {
            calls: Number(row.calls),
            lastAt: row.last_at,
            lastDisposition: row.last_disposition ?? '',
            lastCallbackAt: row.last_callback_at,
          },
  };
}

function actionOf(value: string | null, purpose: string): Action {
  const named = ACTIONS.find((a) => a === value);
  if (named && named !== 'no_action') return named;
  return purpose === 'marketing' ? 'retention_call' : 'care_call';
}

function callbackOf(row: CallbackRow): PlanCallback {
  return {
    subscriberId: Number(row.subscriber_id),
    attemptId: Number(row.attempt_id),
    campaignId: row.campaign_id === null ? null : Number(row.campaign_id),
    agentUserId: Number(row.agent_user_id),
    teamId: row.team_id === null ? null : Number(row.team_id),
    at: row.callback_at,
    action: actionOf(row.action, row.purpose),
    permissions: permissionsOf(row),
  };
}

function historyBySubscriber(rows: readonly HistoryRow[]): Map<number, HistoryContact[]> {
  const bySubscriber = new Map<number, HistoryContact[]>();
  for (const row of rows) {
    const subscriberId = Number(row.subscriber_id);
    let list = bySubscriber.get(subscriberId);
    if (!list) {
      list = [];
      bySubscriber.set(subscriberId, list);
    }
    list.push({
      attemptId: Number(row.id),
      at: row.started_at,
      channel: row.channel === 'sms' ? 'sms' : 'call',
      purpose: row.purpose === 'marketing' ? 'marketing' : 'care',
      reached: row.reached,
      refusedMarketing: row.refused_marketing,
    });
  }
  return bySubscriber;
}

function summarise(parts: {
  outcome: PlanOutcome;
  duties: readonly AgentDuty[];
  pool: { candidates: number; proposals: number };
  queuedTotal: number;
  campaigns: PlanProblem['campaigns'];
  runId: number | null;
  decision: DecisionContext;
  replaced: number;
  seconds: Record<string, number>;
}): PlanSummary {
  const { outcome, duties } = parts;
  const byAgent = new Map(outcome.agents.map((a) => [a.agentUserId, a]));
  const tasks = outcome.tasks;
  const unassigned = Object.values(outcome.unassignedByTeam).reduce((a, b) => a + b, 0);
  const overflow = Object.values(outcome.overflowByTeam).reduce((a, b) => a + b, 0);
  return {
    scoringRunId: parts.runId,
    decisionSettingsVersion: parts.decision.settingsVersion,
    minExpectedValueFen: parts.decision.settings.minExpectedValueFen,
    replaced: parts.replaced,
    capacity: {
      agents: duties.length,
      shiftCalls: duties.reduce((n, d) => n + d.shiftCapacity, 0),
      calls: duties.reduce((n, d) => n + d.capacity, 0),
      alreadyQueued: parts.queuedTotal,
    },
    candidates: parts.pool.candidates,
    proposals: parts.pool.proposals,
    chosen: {
      total: tasks.length,
      callbacks: tasks.filter((t) => t.source === 'callback').length,
      retries: tasks.filter((t) => t.source === 'retry').length,
      overflow,
      byCampaign: [...parts.campaigns.values()].map((c) => ({
        campaignId: c.id,
        name: c.name,
        kind: c.kind,
        dailyQuota: c.dailyQuota,
        chosen: outcome.chosenByCampaign[c.id] ?? 0,
      })),
      byAction: outcome.chosenByAction,
    },
    perAgent: duties.map((d) => {
      const agent = byAgent.get(d.agentUserId);
      return {
        agentUserId: d.agentUserId,
        teamId: d.teamId,
        shiftCapacity: d.shiftCapacity,
        queued: d.queued,
        capacity: d.capacity,
        assigned: agent?.assigned ?? 0,
        callbacks: agent?.callbacks ?? 0,
        retries: agent?.retries ?? 0,
      };
    }),
    overflowByTeam: outcome.overflowByTeam,
    unassigned: { total: unassigned, byTeam: outcome.unassignedByTeam },
    skipped: outcome.skipped,
    policyRefusals: Object.fromEntries(Object.entries(outcome.refusals).map(([k, v]) => [k, v ?? 0])),
    seconds: parts.seconds,
  };
}
