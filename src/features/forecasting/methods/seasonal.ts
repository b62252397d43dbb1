import { createRequire } from 'node:module';
import { checkFinite, checkHorizon, ForecastInputError, round2 } from './forecast-input';

type ArimaOptions = {
  method: number;
  optimizer: number;
  p: number;
  d: number;
  q: number;
  P: number;
  D: number;
  Q: number;
  s: number;
  verbose: boolean;
};
type ArimaModel = {
  train(values: number[]): ArimaModel;
  predict(steps: number): [number[], number[]];
  destroy(): void;
};
type ArimaConstructor = new (options: ArimaOptions) => ArimaModel;

// `arima` is CommonJS with a synchronously compiled WASM module; load it once, on first use, so
// commands that never forecast seasonally do not pay for it.
let arimaClass: ArimaConstructor | undefined;
function loadArima(): ArimaConstructor {
  if (!arimaClass) arimaClass = createRequire(import.meta.url)('arima') as ArimaConstructor;
  return arimaClass;
}

/**
 * SARIMA(1,0,0)(0,1,1)s: seasonal differencing removes the yearly pattern (and turns a linear trend
 * into a constant), an AR(1) term follows short runs and a seasonal MA(1) smooths the season from
 * year to year — the classic "airline"-style model, small enough to fit a few years of months.
 * AutoARIMA was tried and is not used: on a clean trend + season series it chose a worse model
 * (back-test MAPE 13 % against 0.3 % for this fixed order).
 */
export const SEASONAL_ORDER = { p: 1, d: 0, q: 0, P: 0, D: 1, Q: 1 } as const;

/**
 * Estimators tried in turn. The library's default (exact maximum likelihood with L-BFGS) returns
 * NaN on a series whose seasonal differences are nearly constant (a clean pattern is exactly what
 * makes the likelihood flat); Nelder–Mead on the same likelihood, then conditional sum of squares,
 * fit those. The first that gives finite forecasts wins and is reported.
 */
const ESTIMATORS = [
  { name: 'exact-ml/l-bfgs', method: 0, optimizer: 6 },
  { name: 'exact-ml/nelder-mead', method: 0, optimizer: 0 },
  { name: 'css/l-bfgs', method: 1, optimizer: 6 },
] as const;

export type SeasonalFit = {
  period: number;
  order: typeof SEASONAL_ORDER;
  estimator: (typeof ESTIMATORS)[number]['name'];
  forecasts: number[];
  /** Standard errors of the forecasts as the model estimates them. */
  standardErrors: number[];
};

/** The least the library fits for this order: d + s·D + max(p + q, 2s, 10), i.e. three seasons. */
export function seasonalMinValues(period: number): number {
  const o = SEASONAL_ORDER;
  return o.d + period * o.D + Math.max(o.p + o.q, 2 * period, 10);
}

export function checkPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 2 || period > 52) {
    throw new ForecastInputError('period', 'period must be a whole number from 2 to 52');
  }
}

export function seasonal(values: readonly number[], period: number, horizon: number): SeasonalFit {
  checkFinite(values);
  checkHorizon(horizon);
  checkPeriod(period);
  const min = seasonalMinValues(period);
  if (values.length < min) {
    throw new ForecastInputError(
      'values',
      `seasonal needs at least ${min} values for period ${period} (three seasons), got ${values.length}`,
    );
  }
  const Arima = loadArima();
  for (const estimator of ESTIMATORS) {
    const model = new Arima({
      ...SEASONAL_ORDER,
      s: period,
      method: estimator.method,
      optimizer: estimator.optimizer,
      verbose: false,
    }).train([...values]);
    try {
      const [predictions, errors] = model.predict(horizon);
      if (predictions.length !== horizon || predictions.some((p) => !Number.isFinite(p))) continue;
      return {
        period,
        order: SEASONAL_ORDER,
        estimator: estimator.name,
        forecasts: predictions.map(round2),
        // The library returns the forecast mean squared errors; their roots are standard errors.
        standardErrors: errors.map((e) => (Number.isFinite(e) ? round2(Math.sqrt(Math.max(e, 0))) : 0)),
      };
    } finally {
      model.destroy();
    }
  }
  throw new ForecastInputError('values', 'the seasonal model could not be fitted to these values');
}
