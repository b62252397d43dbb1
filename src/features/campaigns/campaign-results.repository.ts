import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { ArmCounts } from './campaign-results';
import type { Arm } from './holdout-draw';

export type ResultsWindow = {
  campaignId: number;
  launchDay: string;
  /** The last day churn is counted on (window end, or today while the window is open). */
  until: string;
  /** The latest scoring run after the launch's, whose ARPU is compared with the baseline. */
  laterRunId: number | null;
};

/**
 * Members with their outcome: contact from this campaign's attempts, and churn — a 'churned'
 * status period starting in the window, or a current 'churned' status dated in it (a load without
 * history). $1 campaign, $2 launch day, $3 last day, $4 later run.
 */
const MEMBER_OUTCOMES = `
  with m as (
    select subscriber_id, arm, stratum, baseline_arpu_fen
      from campaign_members where campaign_id = $1::int
  ),
  attempts as (
    select ca.subscriber_id,
           bool_or(ca.reached) as reached,
           bool_or(ca.disposition = 'accepted') as accepted,
           coalesce(sum(ca.offer_cost_fen) filter (where ca.disposition = 'accepted'), 0) as offer_cost
      from contact_attempts ca
     where ca.campaign_id = $1::int
     group by ca.subscriber_id
  ),
  churn as (
    select subscriber_id, min(day) as churned_on from (
      select h.subscriber_id, h.valid_from as day
        from subscriber_status_history h
       where h.subscriber_id in (select subscriber_id from m)
         and h.status = 'churned' and h.valid_from between $2::date and $3::date
      union all
      select s.id, s.status_since
        from subscribers s
       where s.id in (select subscriber_id from m)
         and s.status = 'churned' and s.status_since between $2::date and $3::date
    ) events
    group by subscriber_id
  ),
  outcomes as (
    select m.arm, m.stratum,
           a.subscriber_id is not null as contacted,
           coalesce(a.reached, false) as reached,
           coalesce(a.accepted, false) as accepted,
           coalesce(a.offer_cost, 0) as offer_cost,
           c.churned_on,
           later.arpu3_fen - m.baseline_arpu_fen as arpu_change
      from m
      left join attempts a on a.subscriber_id = m.subscriber_id
      left join churn c on c.subscriber_id = m.subscriber_id
      left join subscriber_scores later
        on later.run_id = $4::int and later.subscriber_id = m.subscriber_id
  )`;

type CountsRow = {
  arm: Arm;
  stratum: string | null;
  members: number;
  contacted: number;
  reached: number;
  accepted: number;
  churned: number;
  offer_cost_fen: number | string;
  arpu_n: number;
  arpu_mean: number | null;
  arpu_variance: number | null;
};

export type OutcomeCounts = {
  arms: Record<Arm, ArmCounts>;
  strata: { stratum: string; arms: Record<Arm, ArmCounts> }[];
};

const emptyCounts = (): ArmCounts => ({
  members: 0,
  contacted: 0,
  reached: 0,
  accepted: 0,
  churned: 0,
  offerCostFen: 0,
  arpuChange: { n: 0, mean: 0, variance: 0 },
});

/** Every figure per arm and per arm × stratum, in one grouped pass (GROUPING SETS). */
export async function countOutcomes(engine: Engine, window: ResultsWindow): Promise<OutcomeCounts> {
  const rows = await queryRows<CountsRow>(
    engine,
    `${MEMBER_OUTCOMES}
     select arm, case when grouping(stratum) = 1 then null else stratum end as stratum,
            count(*)::int as members,
            count(*) filter (where contacted)::int as contacted,
            count(*) filter (where reached)::int as reached,
            count(*) filter (where accepted)::int as accepted,
            count(churned_on)::int as churned,
            sum(offer_cost)::float8 as offer_cost_fen,
            count(arpu_change)::int as arpu_n,
            avg(arpu_change)::float8 as arpu_mean,
            var_samp(arpu_change)::float8 as arpu_variance
       from outcomes
      group by grouping sets ((arm), (arm, stratum))`,
    [window.campaignId, window.launchDay, window.until, window.laterRunId],
  );
  const arms: Record<Arm, ArmCounts> = { treatment: emptyCounts(), holdout: emptyCounts() };
  const strata = new Map<string, Record<Arm, ArmCounts>>();
  for (const row of rows) {
    const counts: ArmCounts = {
      members: Number(row.members),
      contacted: Number(row.contacted),
      reached: Number(row.reached),
      accepted: Number(row.accepted),
      churned: Number(row.churned),
      offerCostFen: Number(row.offer_cost_fen ?? 0),
      arpuChange: {
        n: Number(row.arpu_n),
        mean: Number(row.arpu_mean ?? 0),
        variance: Number(row.arpu_variance ?? 0),
      },
    };
    if (row.stratum === null) {
      arms[row.arm] = counts;
      continue;
    }
    const entry = strata.get(row.stratum) ?? { treatment: emptyCounts(), holdout: emptyCounts() };
    entry[row.arm] = counts;
    strata.set(row.stratum, entry);
  }
  return { arms, strata: [...strata].map(([stratum, byArm]) => ({ stratum, arms: byArm })) };
}

/** Members churned per arm and day since launch (the chart's series, before accumulation). */
export async function countChurnByDay(
  engine: Engine,
  window: ResultsWindow,
): Promise<{ arm: Arm; day: number; churned: number }[]> {
  const rows = await queryRows<{ arm: Arm; day: number; churned: number }>(
    engine,
    `${MEMBER_OUTCOMES}
     select arm, (churned_on - $2::date)::int as day, count(*)::int as churned
       from outcomes
      where churned_on is not null
      group by arm, churned_on`,
    [window.campaignId, window.launchDay, window.until, window.laterRunId],
  );
  return rows.map((r) => ({ arm: r.arm, day: Number(r.day), churned: Number(r.churned) }));
}
