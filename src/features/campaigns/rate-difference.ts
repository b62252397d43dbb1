/**
 * Confidence intervals for campaign results (issue 5: save rate versus holdout). Hand-written:
 * the two formulas below are a dozen lines, and the npm statistics packages that have them
 * (stdlib, jStat) pull in far more than this needs.
 */

const Z_95 = 1.959963984540054;

export type Proportion = { events: number; trials: number };
export type Interval = { low: number; high: number };

/** Wilson's score interval for one proportion (good at small n and near 0 or 1, unlike Wald's). */
export function wilsonInterval({ events, trials }: Proportion, z = Z_95): Interval {
  if (trials <= 0) return { low: 0, high: 1 };
  const p = events / trials;
  const z2 = z * z;
  const denominator = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denominator;
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export type RateDifference = {
  firstRate: number;
  secondRate: number;
  /** first − second */
  difference: number;
  interval: Interval;
};

/**
 * The difference of two independent proportions with Newcombe's hybrid score interval (method 10,
 * Statistics in Medicine 1998), built from the two Wilson intervals.
 */
export function rateDifference(first: Proportion, second: Proportion, z = Z_95): RateDifference {
  const p1 = first.trials > 0 ? first.events / first.trials : 0;
  const p2 = second.trials > 0 ? second.events / second.trials : 0;
  const a = wilsonInterval(first, z);
  const b = wilsonInterval(second, z);
  const difference = p1 - p2;
  return {
    firstRate: p1,
    secondRate: p2,
    difference,
    interval: {
      low: difference - Math.sqrt((p1 - a.low) ** 2 + (b.high - p2) ** 2),
      high: difference + Math.sqrt((a.high - p1) ** 2 + (p2 - b.low) ** 2),
    },
  };
}

export type Uplift =
  | ({ enoughData: true } & RateDifference)
  | { enoughData: false; reason: string; treated: Proportion; holdout: Proportion };

/**
 * Saves attributable to contact: holdout churn minus treated churn, with its interval, or an
 * honest "not enough data yet" while either group is below the minimum sample.
 */
export function churnUplift(treated: Proportion, holdout: Proportion, minimumPerGroup: number): Uplift {
  if (treated.trials < minimumPerGroup || holdout.trials < minimumPerGroup) {
    return {
      enoughData: false,
      reason: `each group needs at least ${minimumPerGroup} subscribers followed to the end of the window`,
      treated,
      holdout,
    };
  }
  return { enoughData: true, ...rateDifference(holdout, treated) };
}
