import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { runInTransaction } from '#src/db/transaction';
import { type Arm, type DrawInput, drawMembersStatement } from './holdout-draw';
import { segmentPopulationSql } from './segment-population';
import type { Segment } from './segment-rules';
import { SqlParameters } from './segment-sql';

export type LaunchOutcome =
  | { kind: 'launched'; seed: string; launchedAt: Date; arms: Record<Arm, number> }
  | { kind: 'not_draft' }
  | { kind: 'nobody_matches' };

/**
 * The launch, all or nothing: the draft becomes active (its row lock makes a second, concurrent
 * launch wait and then find it no longer a draft), and its members are drawn and assigned to arms
 * in one statement. The seed is the launch instant to the microsecond, stored in the row, so
 * it is recorded the moment it exists and nobody knew it beforehand. A segment that matches nobody
 * leaves the campaign a draft.
 */
export async function launchCampaignRows(
  engine: Engine,
  input: Omit<DrawInput, 'seed'> & { seed?: string | undefined },
): Promise<LaunchOutcome> {
  return runInTransaction<LaunchOutcome>(engine, async (session) => {
    const [started] = await session.query<{ seed: string; launched_at: Date | string }>(
      `update campaigns
          set status = 'active', launched_at = now(), scoring_run_id = $2, updated_at = now(),
              random_seed = coalesce($3::text, (extract(epoch from now()) * 1000000)::bigint::text)
        where id = $1 and status = 'draft'
        returning random_seed as seed, launched_at`,
      [input.campaignId, input.runId, input.seed ?? null],
    );
    if (!started) return { commit: false, result: { kind: 'not_draft' } };
    const draw = drawMembersStatement({ ...input, seed: started.seed });
    const rows = await session.query<{ arm: Arm; members: number }>(draw.text, draw.params);
    const arms: Record<Arm, number> = { treatment: 0, holdout: 0 };
    for (const row of rows) arms[row.arm] = Number(row.members);
    if (arms.treatment + arms.holdout === 0) return { commit: false, result: { kind: 'nobody_matches' } };
    return {
      commit: true,
      result: { kind: 'launched', seed: started.seed, launchedAt: new Date(started.launched_at), arms },
    };
  });
}

export type SegmentCountRow = { tier: string; riskBand: string; count: number };

/** Who the segment matches in the run now, by tier × risk band: one grouped COUNT. */
export async function countSegmentByStratum(
  engine: Engine,
  segment: Segment,
  scope: { runId: number; teamId: number | null; today: string },
): Promise<SegmentCountRow[]> {
  const params = new SqlParameters();
  const population = segmentPopulationSql(segment, scope, params);
  const rows = await queryRows<{ tier: string; risk_band: string; n: number }>(
    engine,
    `select sc.tier, sc.risk_band, count(*)::int as n
     ${population}
     group by sc.tier, sc.risk_band`,
    params.values,
  );
  return rows.map((r) => ({ tier: r.tier, riskBand: r.risk_band, count: Number(r.n) }));
}

/**
 * The arms a stored seed draws from the members themselves, without writing anything: an auditor's
 * check that the recorded assignment is the one the seed gives (same order, same cut per stratum).
 */
export async function redrawArms(
  engine: Engine,
  campaignId: number,
  seed: string,
  holdoutBasisPoints: number,
): Promise<Map<number, Arm>> {
  const rows = await queryRows<{ subscriber_id: string | number; arm: Arm }>(
    engine,
    `select subscriber_id,
            case when row_number() over w <= (count(*) over (partition by stratum) * $3::int + 5000) / 10000
                 then 'holdout' else 'treatment' end as arm
       from campaign_members
      where campaign_id = $1::int
     window w as (partition by stratum order by md5($2::text || subscriber_id::text), subscriber_id)`,
    [campaignId, `${campaignId}:${seed}:`, holdoutBasisPoints],
  );
  return new Map(rows.map((r) => [Number(r.subscriber_id), r.arm]));
}
