import { copyTextField } from '#src/db/copy';
import type { Session } from '#src/db/transaction';
import { CAMPAIGN_KINDS, type CampaignKind } from '#src/features/decisions/decision-types';
import type { CampaignArm, PlanCampaign, PlannedTask } from './plan-types';

/**
 * The plan's reads and writes inside its one transaction: set-based statements over the whole
 * operator (a million scored subscribers), never a query per subscriber.
 */

// Two-key advisory lock: namespace 8402 (planning), key 1 (the daily plan).
const PLAN_LOCK = [8402, 1] as const;

/** Waits for any other plan run to commit, then holds the lock until this transaction ends. */
export async function lockPlanning(session: Session): Promise<void> {
  await session.query('select pg_advisory_xact_lock($1, $2)', [...PLAN_LOCK]);
}

export async function insertBuildingPlan(
  session: Session,
  plan: { day: string; inputs: unknown; createdBy: number | null },
): Promise<number> {
  const [row] = await session.query<{ id: number }>(
    `insert into call_plans (plan_day, status, inputs, created_by)
     values ($1, 'building', $2, $3) returning id`,
    [plan.day, JSON.stringify(plan.inputs), plan.createdBy],
  );
  if (!row) throw new Error('call plan insert returned nothing');
  return Number(row.id);
}

export async function finishPlan(session: Session, id: number, summary: unknown): Promise<void> {
  await session.query(`update call_plans set status = 'ready', summary = $2 where id = $1`, [
    id,
    JSON.stringify(summary),
  ]);
}

/**
 * Earlier plans' tasks for the same day that nobody has started are withdrawn (a replan replaces
 * them); claimed and finished ones stay. A team's replan touches only that team's tasks.
 */
export async function cancelUnstartedPlanTasks(
  session: Session,
  day: string,
  teamId: number | null,
): Promise<number> {
  const [row] = await session.query<{ n: number }>(
    `with cancelled as (
       update call_tasks t
          set status = 'cancelled', closed_reason = 'replanned'
        where t.status = 'open' and t.claimed_by_user_id is null
          and t.plan_id in (select id from call_plans where plan_day = $1)
          and ($2::int is null or t.team_id = $2)
       returning 1
     )
     select count(*)::int as n from cancelled`,
    [day, teamId],
  );
  return row?.n ?? 0;
}

export async function findCurrentRunId(session: Session): Promise<number | null> {
  const [row] = await session.query<{ id: number }>(
    `select id from scoring_runs where status = 'succeeded' order by id desc limit 1`,
  );
  return row ? Number(row.id) : null;
}

function isCampaignKind(kind: string): kind is CampaignKind {
  return CAMPAIGN_KINDS.some((k) => k === kind);
}

/** Campaigns running on `day`: active, started, not yet ended. */
export async function findActiveCampaigns(session: Session, day: string): Promise<PlanCampaign[]> {
  const rows = await session.query<{ id: number; name: string; kind: string; daily_quota: number }>(
    `select id, name, kind, daily_quota from campaigns
      where status = 'active' and starts_on <= $1::date and coalesce(ends_on, $1::date) >= $1::date
      order by id`,
    [day],
  );
  return rows.flatMap((r) =>
    isCampaignKind(r.kind)
      ? [{ id: Number(r.id), name: r.name, kind: r.kind, dailyQuota: Number(r.daily_quota) }]
      : [],
  );
}

/**
 * Work already waiting that the day's capacity must also cover: open or claimed tasks due by the
 * end of the day, per owner (owned) or per team (the shared pool).
 */
export async function countQueuedWork(
  session: Session,
  dayEnd: Date,
): Promise<{ byOwner: Map<number, number>; byTeam: Map<number, number> }> {
  const rows = await session.query<{ owner_user_id: number | null; team_id: number | null; n: number }>(
    `select owner_user_id, team_id, count(*)::int as n from call_tasks
      where status in ('open', 'claimed') and due_at < $1
      group by 1, 2`,
    [dayEnd],
  );
  const byOwner = new Map<number, number>();
  const byTeam = new Map<number, number>();
  for (const row of rows) {
    if (row.owner_user_id !== null) {
      const owner = Number(row.owner_user_id);
      byOwner.set(owner, (byOwner.get(owner) ?? 0) + row.n);
    } else if (row.team_id !== null) {
      const team = Number(row.team_id);
      byTeam.set(team, (byTeam.get(team) ?? 0) + row.n);
    }
  }
  return { byOwner, byTeam };
}

export type HistoryRow = {
  subscriber_id: string | number;
  id: string | number;
  started_at: Date;
  channel: string;
  purpose: string;
  reached: boolean;
  refused_marketing: boolean;
};

/**
 * The contact history the policy needs: every attempt inside the caps' window, plus refusals of
 * marketing of any age (a refusal stands until consent is given again).
 */
export async function findContactHistory(session: Session, since: Date): Promise<HistoryRow[]> {
  return session.query<HistoryRow>(
    `select subscriber_id, id, started_at, channel, purpose, reached, refused_marketing
       from contact_attempts
      where started_at >= $1 or refused_marketing`,
    [since],
  );
}

export type CallbackRow = {
  subscriber_id: string | number;
  attempt_id: string | number;
  campaign_id: number | null;
  agent_user_id: number;
  team_id: number | null;
  callback_at: Date;
  purpose: string;
  action: string | null;
  marketing_consent: boolean;
  do_not_call: boolean;
  profiling_opt_out: boolean;
};

/**
 * Callbacks promised for the plan day: the latest "call back at T" per subscriber with T on the day,
 * not followed by another call, for a subscriber without an open task. The agent who took it keeps
 * it (the book owner when the attempt names nobody).
 */
export async function findCallbacks(
  session: Session,
  bounds: { start: Date; end: Date },
  teamId: number | null,
): Promise<CallbackRow[]> {
  return session.query<CallbackRow>(
    `select distinct on (a.subscriber_id)
            a.subscriber_id, a.id as attempt_id, a.campaign_id,
            u.id as agent_user_id, u.team_id, a.callback_at, a.purpose, a.details->>'action' as action,
            s.marketing_consent, s.do_not_call, s.profiling_opt_out
       from contact_attempts a
       join subscribers s on s.id = a.subscriber_id
       left join subscriber_books b on b.subscriber_id = a.subscriber_id
       join users u on u.id = coalesce(a.agent_user_id, b.agent_user_id)
      where a.disposition = 'call_back' and a.callback_at >= $1 and a.callback_at < $2
        and s.status <> 'churned'
        and ($3::int is null or u.team_id = $3)
        and not exists (
          select 1 from contact_attempts later
           where later.subscriber_id = a.subscriber_id and later.channel = 'call'
             and later.started_at > a.started_at)
        and not exists (
          select 1 from call_tasks t
           where t.subscriber_id = a.subscriber_id and t.status in ('open', 'claimed'))
      order by a.subscriber_id, a.started_at desc`,
    [bounds.start, bounds.end, teamId],
  );
}

export type CandidateRow = {
  subscriber_id: string | number;
  campaign_id: number;
  arm: CampaignArm;
  probability: number;
  risk_band: string;
  tier: string;
  lifecycle_stage: string;
  vip_kind: string;
  segments: string[];
  signal_codes: string[];
  key_moments: unknown;
  arpu3_fen: string | number | null;
  revenue_at_risk_fen: string | number;
  plan_code: string;
  join_date: string;
  scene_tags: string[];
  marketing_consent: boolean;
  do_not_call: boolean;
  profiling_opt_out: boolean;
  owner_user_id: number;
  team_id: number | null;
  calls: number | null;
  last_at: Date | null;
  last_disposition: string | null;
  last_callback_at: Date | null;
  /** A service ticket of theirs is being worked: care only, no sales (issue 6 §7). */
  open_ticket: boolean;
};

const CANDIDATE_CURSOR = 'plan_candidates';

/**
 * Opens a cursor over today's candidates, in one statement: treatment members of active campaigns
 * joined to the current run's score, the subscriber's permissions, plan, tags and book owner, what
 * this campaign already tried, and whether a ticket of theirs is being worked (no sales then).
 * Left out in SQL: holdout members, the churned, members whose
 * campaign is over for them (accepted, refused, do not call, wrong number), anyone with an open or
 * claimed task, subscribers without a phone manager, and books outside the campaign's (or the
 * planning lead's) team. The attempt limit and retry timing are applied by the planner itself.
 */
export async function openCandidateCursor(
  session: Session,
  query: { day: string; runId: number; teamId: number | null },
): Promise<void> {
  await session.query(
    `declare ${CANDIDATE_CURSOR} no scroll cursor for
     with active as (
       select id, team_id from campaigns
        where status = 'active' and starts_on <= $1::date and coalesce(ends_on, $1::date) >= $1::date
     ), tried as (
       select a.subscriber_id, a.campaign_id,
              count(*) filter (where a.channel = 'call')::int as calls,
              bool_or(a.disposition in ('accepted', 'refused', 'do_not_call', 'wrong_number')) as finished,
              max(a.started_at) filter (where a.channel = 'call') as last_at,
              (array_agg(a.disposition order by a.started_at desc) filter (where a.channel = 'call'))[1]
                as last_disposition,
              (array_agg(a.callback_at order by a.started_at desc) filter (where a.channel = 'call'))[1]
                as last_callback_at
         from contact_attempts a
        where a.campaign_id in (select id from active)
        group by 1, 2
     ), open_tickets as (
       -- Set-based, like the rest: the few subscribers with a ticket being worked, hash-joined.
       select distinct subscriber_id from tickets where status in ('open', 'waiting_customer')
     )
     select m.subscriber_id, m.campaign_id, m.arm,
            sc.probability, sc.risk_band, sc.tier, sc.lifecycle_stage, sc.vip_kind, sc.segments,
            sc.signal_codes, sc.key_moments, sc.arpu3_fen, sc.revenue_at_risk_fen,
            p.code as plan_code, s.join_date::text as join_date, s.scene_tags,
            s.marketing_consent, s.do_not_call, s.profiling_opt_out,
            b.agent_user_id as owner_user_id, b.team_id,
            tr.calls, tr.last_at, tr.last_disposition, tr.last_callback_at,
            ot.subscriber_id is not null as open_ticket
       from campaign_members m
       join active c on c.id = m.campaign_id
       join subscriber_scores sc on sc.run_id = $2 and sc.subscriber_id = m.subscriber_id
       join subscribers s on s.id = m.subscriber_id
       join plans p on p.id = s.plan_id
       join subscriber_books b on b.subscriber_id = m.subscriber_id
       left join tried tr on tr.subscriber_id = m.subscriber_id and tr.campaign_id = m.campaign_id
       left join open_tickets ot on ot.subscriber_id = m.subscriber_id
      where m.arm = 'treatment'
        and s.status <> 'churned'
        and (c.team_id is null or c.team_id = b.team_id)
        and ($3::int is null or b.team_id = $3)
        and not coalesce(tr.finished, false)
        and not exists (
          select 1 from call_tasks t
           where t.subscriber_id = m.subscriber_id and t.status in ('open', 'claimed'))`,
    [query.day, query.runId, query.teamId],
  );
}

export async function fetchCandidates(session: Session, batchSize: number): Promise<CandidateRow[]> {
  return session.query<CandidateRow>(`fetch ${Math.floor(batchSize)} from ${CANDIDATE_CURSOR}`);
}

export async function closeCandidateCursor(session: Session): Promise<void> {
  await session.query(`close ${CANDIDATE_CURSOR}`);
}

export const TASK_COLUMNS = [
  'subscriber_id',
  'kind',
  'priority',
  'reasons',
  'owner_user_id',
  'team_id',
  'status',
  'due_at',
  'campaign_id',
  'plan_id',
  'action',
  'offer_code',
  'expected_value_fen',
  'attempts',
  'last_attempt_at',
] as const;

/** One call_tasks COPY line (text format) in TASK_COLUMNS order. */
export function taskCopyLine(task: PlannedTask, planId: number): string {
  return `${[
    task.subscriberId,
    copyTextField(task.kind),
    task.priority,
    copyTextField(JSON.stringify(task.reasons)),
    copyTextField(task.ownerUserId),
    copyTextField(task.teamId),
    'open',
    task.dueAt.toISOString(),
    copyTextField(task.campaignId),
    planId,
    copyTextField(task.action),
    copyTextField(task.offerCode),
    copyTextField(task.expectedValueFen),
    task.attempts,
    copyTextField(task.lastAttemptAt?.toISOString()),
  ].join('\t')}\n`;
}

async function* taskChunks(tasks: readonly PlannedTask[], planId: number): AsyncIterable<string> {
  const CHUNK = 5_000;
  for (let i = 0; i < tasks.length; i += CHUNK) {
    yield tasks
      .slice(i, i + CHUNK)
      .map((t) => taskCopyLine(t, planId))
      .join('');
  }
}

export async function copyTasks(
  session: Session,
  tasks: readonly PlannedTask[],
  planId: number,
): Promise<void> {
  if (tasks.length === 0) return;
  await session.copy('call_tasks', TASK_COLUMNS, taskChunks(tasks, planId), 'text');
}
