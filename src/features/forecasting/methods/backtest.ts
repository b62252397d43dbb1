import {
  checkFiniteResult,
  FORECAST_METHODS,
  ForecastInputError,
  type ForecastMethod,
  roundTo,
} from './forecast-input';
import { forecastWith, type MethodOptions } from './forecast-with';

export type BacktestScore = {
  /** Mean absolute percentage error over the held-out points, in percent; null if all were 0. */
  mape: number | null;
  /** Mean absolute error over the held-out points, in the series' unit. */
  mae: number;
  holdout: number;
};

/**
 * Fits on all but the last `holdout` points, forecasts them and measures the miss. The forecast
 * is made once for the whole hold-out (not re-fitted step by step), which is how a plan made today
 * is judged a few periods later.
 */
export function backtest(
  values: readonly number[],
  method: ForecastMethod,
  options: MethodOptions & { holdout: number },
): BacktestScore {
  const { holdout } = options;
  if (!Number.isInteger(holdout) || holdout < 1 || holdout >= values.length) {
    throw new ForecastInputError('holdout', `holdout must be a whole number from 1 to ${values.length - 1}`);
  }
  const train = values.slice(0, values.length - holdout);
  const actual = values.slice(values.length - holdout);
  const predicted = forecastWith(method, train, holdout, options);
  let absSum = 0;
  let pctSum = 0;
  let pctCount = 0;
  for (let i = 0; i < holdout; i += 1) {
    const a = actual[i] ?? 0;
    const error = Math.abs((predicted[i] ?? 0) - a);
    absSum += error;
    // A percentage of zero is undefined: such points count in the MAE only.
    if (a !== 0) {
      pctSum += error / Math.abs(a);
      pctCount += 1;
    }
  }
  const score = {
    mape: pctCount === 0 ? null : roundTo((pctSum / pctCount) * 100, 2),
    mae: roundTo(absSum / holdout, 2),
    holdout,
  };
  checkFiniteResult([score.mape, score.mae]);
  return score;
}

/** The default hold-out: about a quarter of the series, at most one season (or 3 points). */
export function defaultHoldout(length: number, period?: number): number {
  return Math.max(1, Math.min(period ?? 3, Math.floor(length / 4)));
}

export type BacktestTable = {
  scores: Partial<Record<ForecastMethod, BacktestScore>>;
  /** Why a method could not be back-tested on this series (too short for it, zeros, …). */
  notApplicable: Partial<Record<ForecastMethod, string>>;
  /** The method with the lowest MAPE (then MAE): the one to trust for this series. */
  best: ForecastMethod | null;
};

export function backtestAll(
  values: readonly number[],
  options: MethodOptions & { holdout: number; methods?: readonly ForecastMethod[] },
): BacktestTable {
  const scores: BacktestTable['scores'] = {};
  const notApplicable: BacktestTable['notApplicable'] = {};
  for (const method of options.methods ?? FORECAST_METHODS) {
    try {
      scores[method] = backtest(values, method, options);
    } catch (error) {
      if (!(error instanceof ForecastInputError)) throw error;
      // The fit sees only the values before the hold-out, hence "got n − holdout" in the reason.
      notApplicable[method] =
        `back-test fits on the first ${values.length - options.holdout} values: ${error.message}`;
    }
  }
  return { scores, notApplicable, best: bestOf(scores) };
}

function bestOf(scores: BacktestTable['scores']): ForecastMethod | null {
  let best: ForecastMethod | null = null;
  let bestScore: BacktestScore | undefined;
  for (const method of FORECAST_METHODS) {
    const score = scores[method];
    if (!score) continue;
    if (!bestScore || isBetter(score, bestScore)) {
      best = method;
      bestScore = score;
    }
  }
  return best;
}

function isBetter(a: BacktestScore, b: BacktestScore): boolean {
  if (a.mape !== null && b.mape !== null && a.mape !== b.mape) return a.mape < b.mape;
  if (a.mape !== null && b.mape === null) return true;
  if (a.mape === null && b.mape !== null) return false;
  return a.mae < b.mae;
}
