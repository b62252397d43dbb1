import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { Actor } from '#src/features/auth/actor';
import { actorForUser } from '#src/features/auth/actor-for-user';
import type { OutcomeBody } from '#src/features/calls/call-panel.schemas';
import { recordOutcome } from '#src/features/calls/outcome.service';
import { launchCampaign } from '#src/features/campaigns/campaign-launch.service';
import type { CampaignResults } from '#src/features/campaigns/campaign-results';
import { getCampaignResults } from '#src/features/campaigns/campaign-results.service';
import { createCampaign } from '#src/features/campaigns/campaigns.service';
import { localInstant } from '#src/features/planning/plan-clock';
import { DEFAULT_SHIFT } from '#src/features/planning/plan-inputs';
import { runPlan } from '#src/features/planning/plan-run.service';
import { claimTaskById } from '#src/features/queue/task-claims';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { AppError } from '#src/lib/app-error';
import { addDays } from '#src/lib/months';
import { DEFAULT_PLANTED_EFFECT, drawAttempt, type PlantedCallEffect } from './planted-call-effect';

export type SimulationOptions = {
  /** Days the campaign calls for (a month). */
  days: number;
  /** Days after launch in which churn is counted (the demo plants churn up to 3 months ahead). */
  outcomeWindowDays: number;
  holdoutShare: number;
  seed: number;
  effect: PlantedCallEffect;
  timeZone: string;
  /** Progress lines (one per simulated day). */
  onDay?: (line: string) => void;
};

export const DEFAULT_SIMULATION: Omit<SimulationOptions, 'timeZone'> = {
  days: 30,
  outcomeWindowDays: 90,
  holdoutShare: 0.2,
  seed: 2026,
  effect: DEFAULT_PLANTED_EFFECT,
};

/** The offers the simulated retention campaign may present (seeded catalogue). */
const CAMPAIGN_OFFERS = [
  'BILL_DISCOUNT_20',
  'MONTHLY_REBATE_12X10',
  'VIP_SURPRISE_SERVICE',
  'CUSTOM_HANDSET_GT188',
  'RECHARGE_REBATE_100_30',
  'NIGHT_DATA_PACK',
];

export type SimulationReport = {
  campaignId: number;
  launchDay: string;
  members: { treatment: number; holdout: number };
  calls: { attempts: number; reached: number; accepted: number; saved: number };
  /** What the plant did, known only to the simulator: churn the treatment arm would have had. */
  truth: { treatmentChurnWithoutCalls: number; treatmentChurn: number; holdoutChurn: number; effect: number };
  results: CampaignResults;
};

type TaskRow = {
  id: string;
  subscriber_id: string;
  owner_user_id: number | null;
  team_id: number | null;
  offer_code: string | null;
  due_at: Date | string;
};

/**
 * A month of the retention loop on a demo operator, with outcomes drawn from the planted truth:
 * a lead's retention campaign over the riskiest consenting subscribers with a stratified holdout,
 * the real daily plan each morning, every planned call worked through the real outcome service by
 * the task's agent at its due time (the outcome drawn by planted-call-effect.ts), then the demo's
 * planted churn applied to everyone the calls did not save, and the real results report read at the
 * end of the outcome window. Needs a scored demo (demo_churn_truth) and the demo staff.
 */
export async function simulateMonth(handle: DbHandle, options: SimulationOptions): Promise<SimulationReport> {
  const { db, engine } = handle;
  const run = await findCurrentRun(db);
  if (!run) throw new Error('simulate month needs a scored demo operator: no scoring run yet');
  const launchDay = addDays(run.asOf, 1);
  const admin = await actorForUser(handle, { username: 'admin' });
  const log = { warn: (_details: object, _message: string) => undefined };

  const created = await createCampaign(db, admin, {
    name: `留存外呼（模拟月 ${launchDay}）`,
    kind: 'retention',
    segment: {
      rules: [
        { field: 'riskBand', op: 'in', value: ['medium', 'high', 'very_high'] },
        { field: 'marketingConsent', op: 'eq', value: true },
        { field: 'status', op: 'eq', value: 'active' },
      ],
    } as never,
    scriptCode: 'retention_service_marketing',
    offerCodes: CAMPAIGN_OFFERS,
    startsOn: launchDay,
    endsOn: addDays(launchDay, options.days - 1),
    dailyQuota: 100_000,
    holdoutShare: options.holdoutShare,
    outcomeWindowDays: options.outcomeWindowDays,
    teamId: null,
  });
  // A fixed draw seed: the same operator gives the same arms, so the month is repeatable.
  const { drawn } = await launchCampaign(handle, admin, created.id, options.timeZone, {
    seed: `simulation-${options.seed}`,
  });
  // The simulator's clock: the campaign launched on the morning after the scoring run's as-of day.
  await queryRows(engine, 'update campaigns set launched_at = $2 where id = $1', [
    created.id,
    localInstant(launchDay, '07:00', options.timeZone),
  ]);

  const leaving = await leaversWithin(handle, created.id, launchDay, options.outcomeWindowDays);
  const agents = await agentsByTeam(handle);
  const actors = new Map<number, Actor>();
  const attemptsOf = new Map<number, number>();
  const saved = new Set<number>();
  const calls = { attempts: 0, reached: 0, accepted: 0, saved: 0 };

  /** One call by the task's agent (or a teammate for a pooled task), its outcome drawn from the plant. */
  const workTask = async (task: TaskRow, startMs: number, day: string) => {
    const subscriberId = Number(task.subscriber_id);
    const agentId = task.owner_user_id ?? agents.byTeam.get(task.team_id ?? -1)?.[0]?.id;
    if (agentId === undefined) return;
    let agent = actors.get(agentId);
    if (!agent) {
      agent = await actorForUser(handle, { id: agentId });
      actors.set(agentId, agent);
    }
    const claimed = await claimTaskById(
      engine,
      { userId: agentId, teamId: agent.teamId },
      Number(task.id),
      20,
    );
    if (!claimed) return;
    const attempt = (attemptsOf.get(subscriberId) ?? 0) + 1;
    attemptsOf.set(subscriberId, attempt);
    const drawnOutcome = drawAttempt(
      options.effect,
      options.seed,
      subscriberId,
      attempt,
      leaving.has(subscriberId),
    );
    const context = { timeZone: options.timeZone, now: new Date(startMs + 6 * 60_000), log };
    calls.attempts++;
    if (drawnOutcome.disposition !== 'not_reached') calls.reached++;
    if (drawnOutcome.disposition !== 'accepted') {
      await recordOutcome(
        db,
        agent,
        Number(task.id),
        bodyFor(drawnOutcome.disposition, day, options.timeZone),
        context,
      );
      return;
    }
    const offers = [...new Set([task.offer_code, ...CAMPAIGN_OFFERS].filter((c): c is string => !!c))];
    if (await acceptFirstEligible(handle, agent, Number(task.id), offers, context)) {
      calls.accepted++;
      if (drawnOutcome.saved) {
        saved.add(subscriberId);
        calls.saved++;
      }
      return;
    }
    // No offer of the campaign fits this subscriber: the agent cannot close, the call ends in a no.
    await recordOutcome(
      db,
      agent,
      Number(task.id),
      { disposition: 'refused', reason: 'no_need', handleSeconds: 240 },
      context,
    );
  };

  for (let d = 0; d < options.days; d++) {
    const day = addDays(launchDay, d);
    const plan = await runPlan(handle, {
      inputs: {
        day,
        teamId: null,
        timeZone: options.timeZone,
        handleMinutes: 6,
        occupancy: 0.85,
        shifts: agents.all.map((a) => ({ agentUserId: a.id, teamId: a.teamId, ...DEFAULT_SHIFT })),
      },
      createdBy: admin.userId,
      now: localInstant(day, '07:30', options.timeZone),
    });
    // Work the day: every open task of the campaign due before the day ends (overdue ones first),
    // again and again, as not-reached calls come back later the same day in another daypart.
    const dayStart = localInstant(day, '09:00', options.timeZone);
    const dayEnd = localInstant(addDays(day, 1), '00:00', options.timeZone);
    let worked = 0;
    for (;;) {
      const tasks = await queryRows<TaskRow>(
        engine,
        `select id, subscriber_id, owner_user_id, team_id, offer_code, due_at from call_tasks
          where status = 'open' and campaign_id = $1 and due_at < $2
          order by due_at, id`,
        [created.id, dayEnd],
      );
      if (tasks.length === 0) break;
      for (const task of tasks) {
        worked++;
        await workTask(task, Math.max(new Date(task.due_at).getTime(), dayStart.getTime()), day);
      }
    }
    options.onDay?.(
      `day ${d + 1}/${options.days} (${day}): planned ${plan.tasks}, worked ${worked}; ` +
        `so far ${calls.attempts} attempts, ${calls.reached} reached, ${calls.accepted} accepted`,
    );
  }

  const churned = await applyPlantedChurn(handle, created.id, launchDay, options.outcomeWindowDays, saved);
  const end = localInstant(addDays(launchDay, options.outcomeWindowDays + 1), '12:00', options.timeZone);
  const results = await getCampaignResults(
    handle,
    admin,
    created.id,
    { minimumPerArm: 100, timeZone: options.timeZone },
    end,
  );
  const treatmentLeavers = churned.treatmentLeavers;
  return {
    campaignId: created.id,
    launchDay,
    members: { treatment: drawn.treatment, holdout: drawn.holdout },
    calls,
    truth: {
      treatmentChurnWithoutCalls: treatmentLeavers / drawn.treatment,
      treatmentChurn: (treatmentLeavers - churned.savedLeavers) / drawn.treatment,
      holdoutChurn: churned.holdoutLeavers / drawn.holdout,
      effect: churned.savedLeavers / drawn.treatment,
    },
    results,
  };
}

function bodyFor(
  disposition: 'not_reached' | 'refused' | 'call_back',
  day: string,
  timeZone: string,
): OutcomeBody {
  switch (disposition) {
    case 'not_reached':
      return { disposition: 'not_reached', handleSeconds: 40 };
    case 'refused':
      return { disposition: 'refused', reason: 'no_need', handleSeconds: 180 };
    case 'call_back':
      return {
        disposition: 'call_back',
        callbackAt: localInstant(addDays(day, 1), '10:30', timeZone).toISOString(),
        handleSeconds: 90,
      };
  }
}

/** The first of the call's offers the outcome service accepts (eligible, within the budget). */
async function acceptFirstEligible(
  handle: DbHandle,
  agent: Actor,
  taskId: number,
  offers: readonly string[],
  context: Parameters<typeof recordOutcome>[4],
): Promise<boolean> {
  for (const offerCode of offers) {
    try {
      await recordOutcome(
        handle.db,
        agent,
        taskId,
        { disposition: 'accepted', offerCode, handleSeconds: 300 },
        context,
      );
      return true;
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED') continue;
      throw error;
    }
  }
  return false;
}

/** Members the demo's truth says leave within the outcome window (both arms). */
async function leaversWithin(handle: DbHandle, campaignId: number, launchDay: string, windowDays: number) {
  const rows = await queryRows<{ subscriber_id: string }>(
    handle.engine,
    `select m.subscriber_id from campaign_members m
       join demo_churn_truth t on t.subscriber_id = m.subscriber_id
      where m.campaign_id = $1 and (t.churn_month || '-15')::date between $2::date and $3::date`,
    [campaignId, launchDay, addDays(launchDay, windowDays)],
  );
  return new Set(rows.map((r) => Number(r.subscriber_id)));
}

/**
 * The planted churn happens: every member the truth says leaves in the window, except those a call
 * saved, is marked churned on the 15th of the truth's month (status and its history period).
 */
async function applyPlantedChurn(
  handle: DbHandle,
  campaignId: number,
  launchDay: string,
  windowDays: number,
  saved: ReadonlySet<number>,
) {
  const leavers = await queryRows<{ subscriber_id: string; arm: string; churn_day: string }>(
    handle.engine,
    `select m.subscriber_id, m.arm, to_char((t.churn_month || '-15')::date, 'YYYY-MM-DD') as churn_day
       from campaign_members m
       join demo_churn_truth t on t.subscriber_id = m.subscriber_id
      where m.campaign_id = $1 and (t.churn_month || '-15')::date between $2::date and $3::date`,
    [campaignId, launchDay, addDays(launchDay, windowDays)],
  );
  let treatmentLeavers = 0;
  let holdoutLeavers = 0;
  let savedLeavers = 0;
  for (const row of leavers) {
    const id = Number(row.subscriber_id);
    if (row.arm === 'holdout') holdoutLeavers++;
    else treatmentLeavers++;
    if (saved.has(id)) {
      savedLeavers++;
      continue;
    }
    await queryRows(
      handle.engine,
      `update subscriber_status_history set valid_to = $2::date
        where subscriber_id = $1 and valid_to is null and valid_from < $2::date`,
      [id, row.churn_day],
    );
    await queryRows(
      handle.engine,
      `insert into subscriber_status_history (subscriber_id, valid_from, status, reason)
       values ($1, $2::date, 'churned', 'simulated month: planted churn') on conflict do nothing`,
      [id, row.churn_day],
    );
    await queryRows(
      handle.engine,
      `update subscribers set status = 'churned', status_since = $2::date, updated_at = now() where id = $1`,
      [id, row.churn_day],
    );
  }
  return { treatmentLeavers, holdoutLeavers, savedLeavers };
}

type AgentRow = { id: number; teamId: number | null };

async function agentsByTeam(handle: DbHandle) {
  const rows = await queryRows<{ id: number; team_id: number | null }>(
    handle.engine,
    `select id, team_id from users where role = 'agent' and not is_disabled order by id`,
  );
  const all: AgentRow[] = rows.map((r) => ({
    id: Number(r.id),
    teamId: r.team_id === null ? null : Number(r.team_id),
  }));
  const byTeam = new Map<number, AgentRow[]>();
  for (const agent of all) {
    if (agent.teamId === null) continue;
    byTeam.set(agent.teamId, [...(byTeam.get(agent.teamId) ?? []), agent]);
  }
  if (all.length === 0) throw new Error('simulate month needs the demo staff: no active agents');
  return { all, byTeam };
}
