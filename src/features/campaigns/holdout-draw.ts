import { segmentPopulationSql } from './segment-population';
import type { Segment } from './segment-rules';
import { SqlParameters } from './segment-sql';

export const ARMS = ['treatment', 'holdout'] as const;
export type Arm = (typeof ARMS)[number];

/**
 * The holdout share in basis points (0.1 → 1000). The draw counts in whole numbers so that
 * round(n × share) is computed identically here and in SQL, with no float ever landing on x.4999….
 */
export function holdoutBasisPoints(share: number): number {
  return Math.round(share * 10_000);
}

/** round(n × share), halves up: how many of a stratum of n go to the holdout. */
export function holdoutSizeOf(stratumSize: number, basisPoints: number): number {
  return Math.floor((stratumSize * basisPoints + 5_000) / 10_000);
}

export type DrawInput = {
  campaignId: number;
  /** Stored with the campaign (its launch instant): the same seed re-draws the same arms. */
  seed: string;
  runId: number;
  teamId: number | null;
  segment: Segment;
  holdoutShare: number;
  today: string;
};

/**
 * One set-based statement that draws a campaign's members and their arms. Within each stratum
 * (tier|risk band) members are ordered by md5(campaign id, seed, subscriber id) — a fixed random
 * order nobody can steer, reproducible from the stored seed — and the first round(n × share) form
 * the holdout: exact per stratum, so the arms are balanced on tier and risk by construction. The
 * baseline (probability, ARPU, revenue at risk) is frozen with the assignment, before any contact.
 */
export function drawMembersStatement(input: DrawInput): { text: string; params: unknown[] } {
  const params = new SqlParameters();
  const population = segmentPopulationSql(
    input.segment,
    { runId: input.runId, teamId: input.teamId, today: input.today },
    params,
  );
  const hashKey = params.add(`${input.campaignId}:${input.seed}:`, 'text');
  const basisPoints = params.add(holdoutBasisPoints(input.holdoutShare), 'int');
  const campaign = params.add(input.campaignId, 'int');
  const text = `
    with drawn as (
      select sc.subscriber_id, sc.tier || '|' || sc.risk_band as stratum,
             sc.probability, sc.arpu3_fen, sc.revenue_at_risk_fen,
             row_number() over (
               partition by sc.tier, sc.risk_band
               order by md5(${hashKey} || sc.subscriber_id::text), sc.subscriber_id
             ) as position,
             count(*) over (partition by sc.tier, sc.risk_band) as stratum_size
      ${population}
    ),
    inserted as (
      insert into campaign_members
        (subscriber_id, campaign_id, arm, stratum, baseline_probability, baseline_arpu_fen,
         revenue_at_risk_fen, assigned_at)
      select subscriber_id, ${campaign},
             case when position <= (stratum_size * ${basisPoints} + 5000) / 10000
                  then 'holdout' else 'treatment' end,
             stratum, probability, arpu3_fen, revenue_at_risk_fen, now()
      from drawn
      returning arm
    )
    select arm, count(*)::int as members from inserted group by arm`;
  return { text, params: params.values };
}
