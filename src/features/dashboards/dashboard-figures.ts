import { type RateWithInterval, rateOf } from '#src/features/campaigns/campaign-results';
import { churnUplift, type Interval } from '#src/features/campaigns/rate-difference';
import { SIGNAL_CODES } from '#src/features/scoring/rules/churn-signals';
import { LIFECYCLE_STAGES } from '#src/features/scoring/rules/lifecycle';
import { OPERATING_TIERS } from '#src/features/scoring/rules/operating-tier';
import { addMonths, monthEnd, monthOf } from '#src/lib/months';
import type { FunnelCounts } from './campaign-funnels.repository';

/** Pure figures the dashboards derive from grouped counts: shares, orders, windows, ranks. */

export function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Known codes first in their canonical order (the charts' colour order), unknown ones after. */
export function canonicalOrder<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  order: readonly string[],
): T[] {
  const rank = (key: string) => {
    const index = order.indexOf(key);
    return index === -1 ? order.length : index;
  };
  return [...items].sort((a, b) => rank(keyOf(a)) - rank(keyOf(b)) || keyOf(a).localeCompare(keyOf(b)));
}

export const TIER_ORDER: readonly string[] = OPERATING_TIERS;
export const STAGE_ORDER: readonly string[] = LIFECYCLE_STAGES;
export const SIGNAL_ORDER: readonly string[] = SIGNAL_CODES;

/**
 * The last day a run's churn is counted on: the end of the month `horizonMonths` after the as-of
 * month (as-of is a month end; the model speaks about the next `horizonMonths` months).
 */
export function horizonEnd(asOf: string, horizonMonths: number): string {
  return monthEnd(addMonths(monthOf(asOf), horizonMonths));
}

export type ChurnWindowFigures = { windowEnd: string; observedUntil: string; complete: boolean };

/** While the horizon is still open only part of the churn can have been seen: say so. */
export function churnWindow(asOf: string, horizonMonths: number, today: string): ChurnWindowFigures {
  const windowEnd = horizonEnd(asOf, horizonMonths);
  const complete = today >= windowEnd;
  return { windowEnd, observedUntil: complete ? windowEnd : today, complete };
}

export type ArmFunnel = FunnelCounts & {
  contactRate: number | null;
  reachRate: number | null;
  acceptanceRate: number | null;
  churn: RateWithInterval;
};

export type CampaignComparison = {
  treatment: ArmFunnel;
  holdout: ArmFunnel;
  /** Holdout churn − treated churn (intention to treat) with Newcombe's 95% interval; null below the minimum. */
  uplift: { difference: number; interval: Interval } | null;
};

function armFunnel(c: FunnelCounts): ArmFunnel {
  return {
    ...c,
    contactRate: share(c.contacted, c.members),
    reachRate: share(c.reached, c.members),
    acceptanceRate: share(c.accepted, c.reached),
    churn: rateOf({ events: c.churned, trials: c.members }),
  };
}

/** One campaign's funnel per arm and the treated-versus-holdout churn difference. */
export function compareArms(
  arms: { treatment: FunnelCounts; holdout: FunnelCounts },
  minimumPerArm: number,
): CampaignComparison {
  const uplift = churnUplift(
    { events: arms.treatment.churned, trials: arms.treatment.members },
    { events: arms.holdout.churned, trials: arms.holdout.members },
    minimumPerArm,
  );
  return {
    treatment: armFunnel(arms.treatment),
    holdout: armFunnel(arms.holdout),
    uplift: uplift.enoughData ? { difference: uplift.difference, interval: uplift.interval } : null,
  };
}

export type Rankable = {
  agentUserId: number;
  saves: number;
  accepted: number;
  reachRate: number | null;
  calls: number;
};

/**
 * The leaderboard: most saves first, then accepted offers, reach rate, calls. Equal figures share
 * a rank (1, 1, 3), so an agent is never placed below a colleague who did no better.
 */
export function rankAgents<T extends Rankable>(items: readonly T[]): (T & { rank: number })[] {
  const key = (a: T) => [a.saves, a.accepted, a.reachRate ?? -1, a.calls] as const;
  const compare = (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      const d = (kb[i] ?? 0) - (ka[i] ?? 0);
      if (d !== 0) return d;
    }
    return 0;
  };
  const sorted = [...items].sort((a, b) => compare(a, b) || a.agentUserId - b.agentUserId);
  const ranked: (T & { rank: number })[] = [];
  for (const [index, item] of sorted.entries()) {
    const before = ranked[index - 1];
    const rank = before && compare(before, item) === 0 ? before.rank : index + 1;
    ranked.push({ ...item, rank });
  }
  return ranked;
}
