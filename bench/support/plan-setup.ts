// The plan benchmark's campaigns and contact history on top of the console benchmark's operator
// (scored subscribers, staff, books): the reference catalogue, three campaigns launched by the real
// launch (members drawn from the current run, 10% stratified holdout), and a few weeks of contact
// attempts so retries, callbacks, finished members and the caps all have work to do.
import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { launchCampaignRows } from '#src/features/campaigns/campaign-launch.repository';
import type { Segment } from '#src/features/campaigns/segment-rules';
import { seedReferenceData } from '#src/features/reference-data/seed-reference-data';
import { findCurrentRun } from '#src/features/scoring/runs/runs.repository';
import { addDays } from '#src/lib/months';

export type BenchCampaign = {
  name: string;
  kind: 'retention' | 'care' | 'upsell';
  dailyQuota: number;
  segment: Segment;
  scriptCode: string;
};

/** Retention over medium risk and up, care at a key moment, upsell to potential-tier subscribers. */
export const BENCH_CAMPAIGNS: readonly BenchCampaign[] = [
  {
    name: '中高风险客户挽留',
    kind: 'retention',
    dailyQuota: 15_000,
    segment: { rules: [{ field: 'riskBand', op: 'in', value: ['medium', 'high', 'very_high'] }] },
    scriptCode: 'retention_service_marketing',
  },
  {
    name: '关键时刻关怀',
    kind: 'care',
    dailyQuota: 5_000,
    segment: { rules: [{ field: 'hasKeyMoment', op: 'eq', value: true }] },
    scriptCode: 'care_key_moment',
  },
  {
    name: '潜力客户升档',
    kind: 'upsell',
    dailyQuota: 5_000,
    segment: { rules: [{ field: 'tier', op: 'eq', value: 'potential' }] },
    scriptCode: 'upsell_new_business',
  },
];

export type LaunchedCampaign = BenchCampaign & { id: number; treatment: number; holdout: number };

export async function launchBenchCampaigns(handle: DbHandle, today: string): Promise<LaunchedCampaign[]> {
  await seedReferenceData(handle.db);
  const run = await findCurrentRun(handle.db);
  if (!run) throw new Error('no scoring run to draw campaign members from');
  const launched: LaunchedCampaign[] = [];
  for (const campaign of BENCH_CAMPAIGNS) {
    const [row] = await queryRows<{ id: number }>(
      handle.engine,
      `insert into campaigns (name, kind, status, segment, script_code, starts_on, daily_quota, holdout_share)
       values ($1, $2, 'draft', $3, $4, $5, $6, 0.1) returning id`,
      [
        campaign.name,
        campaign.kind,
        JSON.stringify(campaign.segment),
        campaign.scriptCode,
        addDays(today, -7),
        campaign.dailyQuota,
      ],
    );
    const id = Number(row?.id);
    const outcome = await launchCampaignRows(handle.engine, {
      campaignId: id,
      runId: run.id,
      teamId: null,
      segment: campaign.segment,
      holdoutShare: 0.1,
      today,
    });
    if (outcome.kind !== 'launched')
      throw new Error(`campaign ${campaign.name} did not launch: ${outcome.kind}`);
    launched.push({ ...campaign, id, ...outcome.arms });
  }
  return launched;
}

/**
 * Contact history for the retention campaign's treatment members, picked by a hash of the id:
 * 1% not reached yesterday (retries), 0.3% asked for a callback on the plan day, 0.5% refused
 * (finished), 0.5% a care call and 0.3% a marketing call in the last weeks (caps). Agents are the
 * book owners. One set-based INSERT.
 */
export async function insertContactHistory(
  handle: DbHandle,
  retentionId: number,
  planDay: string,
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    handle.engine,
    `with picked as (
       select m.subscriber_id, b.agent_user_id, ((m.subscriber_id * 2654435761) % 1000)::int as h
         from campaign_members m join subscriber_books b on b.subscriber_id = m.subscriber_id
        where m.campaign_id = $1 and m.arm = 'treatment'
     ), attempts as (
       select subscriber_id, agent_user_id, $1::int as campaign_id, 'marketing' as purpose, false as reached,
              'not_reached' as disposition, null::timestamptz as callback_at,
              (($2::date - 1) + make_time(10 + (h % 3) * 4, 0, 0)) at time zone 'Asia/Shanghai' as started_at
         from picked where h < 10
       union all
       select subscriber_id, agent_user_id, $1, 'marketing', true, 'call_back',
              ($2::date + make_time(10 + h % 9, 30, 0)) at time zone 'Asia/Shanghai',
              (($2::date - 2) + time '15:00') at time zone 'Asia/Shanghai'
         from picked where h between 10 and 12
       union all
       select subscriber_id, agent_user_id, $1, 'marketing', true, 'refused', null,
              (($2::date - 5) + time '11:00') at time zone 'Asia/Shanghai'
         from picked where h between 13 and 17
       union all
       select subscriber_id, agent_user_id, null, 'care', true, 'accepted', null,
              (($2::date - 12) + time '16:00') at time zone 'Asia/Shanghai'
         from picked where h between 18 and 22
       union all
       select subscriber_id, agent_user_id, null, 'marketing', true, 'accepted', null,
              (($2::date - 20) + time '10:00') at time zone 'Asia/Shanghai'
         from picked where h between 23 and 25
     ), inserted as (
       insert into contact_attempts
         (subscriber_id, campaign_id, agent_user_id, channel, purpose, started_at, reached, disposition,
          refused_marketing, callback_at, details)
       select subscriber_id, campaign_id, agent_user_id, 'call', purpose, started_at, reached, disposition,
              disposition = 'refused', callback_at, '{"action":"retention_call"}'::jsonb
         from attempts
       returning 1
     )
     select count(*)::int as n from inserted`,
    [retentionId, planDay],
  );
  return row?.n ?? 0;
}
