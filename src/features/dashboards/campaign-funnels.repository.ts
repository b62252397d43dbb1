import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { CampaignScope } from '#src/features/campaigns/campaign-access';
import type { Arm } from '#src/features/campaigns/holdout-draw';
import type { DayRange, ScoreFilter } from './dashboard-filters';
import { andAll, SqlParams } from './score-conditions';

export type FunnelCounts = {
  members: number;
  contacted: number;
  reached: number;
  accepted: number;
  churned: number;
};

export type CampaignFunnelRow = {
  campaignId: number;
  name: string;
  kind: string;
  status: string;
  launchDay: string;
  outcomeWindowDays: number;
  until: string;
  arms: Record<Arm, FunnelCounts>;
};

type Row = {
  id: number;
  name: string;
  kind: string;
  status: string;
  launch_day: string;
  outcome_window_days: number;
  until: string;
  arm: Arm | null;
  members: number;
  contacted: number;
  reached: number;
  accepted: number;
  churned: number;
};

const empty = (): FunnelCounts => ({ members: 0, contacted: 0, reached: 0, accepted: 0, churned: 0 });

/**
 * Every launched campaign's funnel per arm in one grouped statement, with the same definitions as
 * the campaign results (campaign-results.repository.ts): contact from the campaign's own attempts;
 * churn = a 'churned' status period starting between the launch day and the last observed day of
 * the outcome window, or a current 'churned' status dated in it. The tier filter reads the stratum
 * the member was drawn in (tier at launch), the region filter the subscriber's city.
 * $1 business time zone, $2 today.
 */
export async function countCampaignFunnels(
  engine: Engine,
  input: {
    timeZone: string;
    today: string;
    scope: CampaignScope;
    launched: Partial<DayRange>;
    filter: ScoreFilter;
  },
): Promise<CampaignFunnelRow[]> {
  const params = new SqlParams();
  const zone = params.add(input.timeZone);
  const today = params.add(input.today);
  const campaignConditions: string[] = [];
  if (input.scope.kind === 'none') campaignConditions.push('false');
  if (input.scope.kind === 'team')
    campaignConditions.push(`c.team_id = ${params.add(input.scope.teamId)}::int`);
  if (input.launched.from) campaignConditions.push(`launch_day >= ${params.add(input.launched.from)}::date`);
  if (input.launched.to) campaignConditions.push(`launch_day <= ${params.add(input.launched.to)}::date`);
  const memberConditions: string[] = [];
  if (input.filter.tier !== undefined) {
    memberConditions.push(`split_part(m.stratum, '|', 1) = ${params.add(input.filter.tier)}::text`);
  }
  if (input.filter.city !== undefined) {
    memberConditions.push(
      `exists (select 1 from subscribers x where x.id = m.subscriber_id and x.city = ${params.add(input.filter.city)}::text)`,
    );
  }
  const rows = await queryRows<Row>(
    engine,
    `with w as (
       select * from (
         select c.id, c.name, c.kind, c.status, c.outcome_window_days, c.team_id,
                (c.launched_at at time zone ${zone}::text)::date as launch_day
           from campaigns c
          where c.launched_at is not null
       ) c
       where true${andAll(campaignConditions)}
     ), win as (
       select w.*, least(w.launch_day + w.outcome_window_days, ${today}::date) as until from w
     ), m as (
       select m.campaign_id, m.subscriber_id, m.arm
         from campaign_members m
        where m.campaign_id in (select id from win)${andAll(memberConditions)}
     ), a as (
       select ca.campaign_id, ca.subscriber_id,
              bool_or(ca.reached) as reached,
              bool_or(ca.disposition = 'accepted') as accepted
         from contact_attempts ca
        where ca.campaign_id in (select id from win)
        group by ca.campaign_id, ca.subscriber_id
     ), churn_events as (
       select subscriber_id, valid_from as day from subscriber_status_history where status = 'churned'
       union all
       select id, status_since from subscribers where status = 'churned'
     ), ch as (
       select distinct m.campaign_id, m.subscriber_id
         from m
         join win on win.id = m.campaign_id
         join churn_events e on e.subscriber_id = m.subscriber_id
        where e.day between win.launch_day and win.until
     ), counted as (
       select m.campaign_id, m.arm,
              count(*)::int as members,
              count(a.subscriber_id)::int as contacted,
              count(*) filter (where a.reached)::int as reached,
              count(*) filter (where a.accepted)::int as accepted,
              count(ch.subscriber_id)::int as churned
         from m
         left join a on a.campaign_id = m.campaign_id and a.subscriber_id = m.subscriber_id
         left join ch on ch.campaign_id = m.campaign_id and ch.subscriber_id = m.subscriber_id
        group by m.campaign_id, m.arm
     )
     select win.id, win.name, win.kind, win.status, win.outcome_window_days,
            to_char(win.launch_day, 'YYYY-MM-DD') as launch_day, to_char(win.until, 'YYYY-MM-DD') as until,
            counted.arm, coalesce(counted.members, 0) as members, coalesce(counted.contacted, 0) as contacted,
            coalesce(counted.reached, 0) as reached, coalesce(counted.accepted, 0) as accepted,
            coalesce(counted.churned, 0) as churned
       from win left join counted on counted.campaign_id = win.id
      order by win.launch_day desc, win.id desc`,
    params.values,
  );
  const byId = new Map<number, CampaignFunnelRow>();
  for (const row of rows) {
    const id = Number(row.id);
    const campaign = byId.get(id) ?? {
      campaignId: id,
      name: row.name,
      kind: row.kind,
      status: row.status,
      launchDay: row.launch_day,
      outcomeWindowDays: Number(row.outcome_window_days),
      until: row.until,
      arms: { treatment: empty(), holdout: empty() },
    };
    if (row.arm === 'treatment' || row.arm === 'holdout') {
      campaign.arms[row.arm] = {
        members: Number(row.members),
        contacted: Number(row.contacted),
        reached: Number(row.reached),
        accepted: Number(row.accepted),
        churned: Number(row.churned),
      };
    }
    byId.set(id, campaign);
  }
  return [...byId.values()];
}
