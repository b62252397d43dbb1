import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { TargetMetric } from './target-breakdown';

export type MetricValues = Record<TargetMetric, number>;

export type AchievementRow = {
  teamId: number | null;
  /** Null on the team's summed row. */
  agentUserId: number | null;
  yearToDate: MetricValues;
  beforeDate: MetricValues;
  quarterToDate: MetricValues;
};

/**
 * Recorded work per agent and summed per (current) team, in one grouped statement over the year's
 * contact attempts. Saves are distinct subscribers who accepted an offer (one kept subscriber,
 * however many offers), accepted offers every acceptance, reached every call that reached the
 * subscriber, spend the offer cost of accepted offers.
 * $1 year start, $2 start of the day looked at, $3 its end, $4 quarter start, $5 team or null.
 */
const ACHIEVEMENTS = `
  with a as (
    select ca.agent_user_id, u.team_id, ca.subscriber_id, ca.started_at, ca.channel, ca.reached,
           ca.disposition, ca.offer_cost_fen
      from contact_attempts ca
      join users u on u.id = ca.agent_user_id
     where ca.started_at >= $1::timestamptz and ca.started_at < $3::timestamptz
       and ($5::int is null or u.team_id = $5::int)
  )
  select team_id, agent_user_id, grouping(agent_user_id) = 1 as is_team_row,
         ${windows()}
    from a
   group by grouping sets ((team_id, agent_user_id), (team_id))`;

function windows(): string {
  const cuts = { ytd: 'true', before: 'started_at < $2::timestamptz', qtd: 'started_at >= $4::timestamptz' };
  return Object.entries(cuts)
    .map(
      ([name, cut]) => `
         count(distinct subscriber_id) filter (where disposition = 'accepted' and ${cut})::int as saves_${name},
         count(*) filter (where disposition = 'accepted' and ${cut})::int as accepted_offers_${name},
         count(*) filter (where channel = 'call' and reached and ${cut})::int as reached_${name},
         coalesce(sum(offer_cost_fen) filter (where disposition = 'accepted' and ${cut}), 0)::float8 as spend_fen_${name}`,
    )
    .join(',');
}

type Raw = Record<string, number | boolean | null> & {
  team_id: number | null;
  agent_user_id: number | null;
  is_team_row: boolean;
};

function valuesOf(row: Raw, window: string): MetricValues {
  const n = (name: string) => Number(row[`${name}_${window}`] ?? 0);
  return {
    saves: n('saves'),
    accepted_offers: n('accepted_offers'),
    reached: n('reached'),
    spend_fen: n('spend_fen'),
  };
}

export async function findAchievements(
  engine: Engine,
  range: { yearStart: Date; dayStart: Date; dayEnd: Date; quarterStart: Date },
  teamId: number | null,
): Promise<AchievementRow[]> {
  const rows = await queryRows<Raw>(engine, ACHIEVEMENTS, [
    range.yearStart.toISOString(),
    range.dayStart.toISOString(),
    range.dayEnd.toISOString(),
    range.quarterStart.toISOString(),
    teamId,
  ]);
  return rows.map((row) => ({
    teamId: row.team_id,
    agentUserId: row.is_team_row ? null : row.agent_user_id,
    yearToDate: valuesOf(row, 'ytd'),
    beforeDate: valuesOf(row, 'before'),
    quarterToDate: valuesOf(row, 'qtd'),
  }));
}

export type LeaderRow = {
  metric: 'saves' | 'accepted_offers' | 'reached';
  rank: number;
  agent_user_id: number;
  display_name: string;
  team_name: string | null;
  value: number;
};

/**
 * The month's top agents per metric: rank() so tied agents share a place and the next place is
 * skipped, as on a podium. Agents with nothing recorded are not ranked.
 * $1 month start, $2 next month start, $3 team or null, $4 places.
 */
const LEADERS = `
  with per_agent as (
    select u.id as agent_user_id, u.display_name, t.name as team_name,
           count(distinct ca.subscriber_id) filter (where ca.disposition = 'accepted')::int as saves,
           count(*) filter (where ca.disposition = 'accepted')::int as accepted_offers,
           count(*) filter (where ca.channel = 'call' and ca.reached)::int as reached
      from contact_attempts ca
      join users u on u.id = ca.agent_user_id
      left join teams t on t.id = u.team_id
     where ca.started_at >= $1::timestamptz and ca.started_at < $2::timestamptz
       and u.role = 'agent' and ($3::int is null or u.team_id = $3::int)
     group by u.id, u.display_name, t.name
  ),
  ranked as (
    select p.agent_user_id, p.display_name, p.team_name, m.metric, m.value,
           rank() over (partition by m.metric order by m.value desc) as rank
      from per_agent p
     cross join lateral (values ('saves', p.saves), ('accepted_offers', p.accepted_offers),
                                ('reached', p.reached)) as m(metric, value)
     where m.value > 0
  )
  select metric, rank::int as rank, agent_user_id, display_name, team_name, value
    from ranked
   where rank <= $4::int
   order by metric, rank, display_name, agent_user_id`;

export async function findLeaders(
  engine: Engine,
  range: { from: Date; to: Date },
  teamId: number | null,
  places: number,
): Promise<LeaderRow[]> {
  return queryRows<LeaderRow>(engine, LEADERS, [
    range.from.toISOString(),
    range.to.toISOString(),
    teamId,
    places,
  ]);
}
