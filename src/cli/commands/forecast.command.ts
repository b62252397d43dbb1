import type { Command } from 'commander';
import {
  FORECAST_METHODS,
  ForecastInputError,
  type ForecastMethod,
  isForecastMethod,
} from '#src/features/forecasting/methods/forecast-input';
import {
  DEFAULT_METHOD,
  DEFAULT_PERIOD,
  type ForecastResult,
  runForecast,
} from '#src/features/forecasting/run-forecast';

function valuesOption(text: string): number[] {
  const parts = text.split(',').map((p) => p.trim());
  const values: number[] = [];
  for (const [index, part] of parts.entries()) {
    const n = part === '' ? Number.NaN : Number(part);
    if (!Number.isFinite(n)) throw new Error(`--values: item ${index + 1} ('${part}') is not a number`);
    values.push(n);
  }
  return values;
}

function methodOption(text: string): ForecastMethod {
  if (!isForecastMethod(text))
    throw new Error(`--method must be one of ${FORECAST_METHODS.join(', ')}, got '${text}'`);
  return text;
}

function wholeNumber(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1)
      throw new Error(`${name} must be a whole number of at least 1, got '${text}'`);
    return n;
  };
}

const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined ? '—' : value.toFixed(digits);

/** Readable lines; the caller prints the JSON line after them. */
export function formatForecast(result: ForecastResult): string[] {
  const lines = [
    `Forecast by ${result.method}, ${result.horizon} period(s) ahead: ${result.forecasts.map((f) => fixed(f, 2)).join(', ')}`,
  ];
  if (result.growthRates && result.meanGrowth !== undefined) {
    lines.push(
      `  growth rates (%): ${result.growthRates.map((r) => fixed(r, result.rounding === 'seed' ? 0 : 2)).join(', ')}; ` +
        `mean of the last 3: ${fixed(result.meanGrowth, result.rounding === 'seed' ? 1 : 2)}%` +
        (result.rounding === 'seed' ? ' (rounded as in seed 001)' : ''),
    );
  }
  if (result.params) {
    lines.push(
      `  linear trend: N = ${result.params.a} + ${result.params.b}·T, R² = ${fixed(result.params.r2, 3)}`,
    );
  }
  lines.push('Back-test (fit without the last points, forecast them):');
  for (const method of FORECAST_METHODS) {
    const score = result.backtest[method];
    const mark = method === result.best ? '  ← trust this one' : '';
    if (score) {
      lines.push(
        `  ${method.padEnd(10)} MAPE ${score.mape === null ? '—' : `${fixed(score.mape, 2)}%`}  MAE ${fixed(score.mae, 2)}  (last ${score.holdout})${mark}`,
      );
    } else {
      lines.push(`  ${method.padEnd(10)} not applicable: ${result.notApplicable[method] ?? ''}`);
    }
  }
  return lines;
}

export function registerForecastCommand(program: Command): void {
  program
    .command('forecast')
    .description(
      'forecast a series with the methods of seed 001 (average growth, linear trend, their mean) or a seasonal SARIMA, back-testing each (last line: JSON)',
    )
    .requiredOption('--values <v1,v2,...>', 'the history, oldest first, comma-separated', valuesOption)
    .option('--method <method>', FORECAST_METHODS.join(' | '), methodOption, DEFAULT_METHOD)
    .option(
      '--period <n>',
      'season length for the seasonal method (12 = months, 4 = quarters)',
      wholeNumber('--period'),
      DEFAULT_PERIOD,
    )
    .option('--horizon <n>', 'how many periods ahead', wholeNumber('--horizon'), 1)
    .option(
      '--holdout <n>',
      'points held out for the back-test (default: a quarter of the series, at most one season)',
      wholeNumber('--holdout'),
    )
    .action(
      (opts: {
        values: number[];
        method: ForecastMethod;
        period: number;
        horizon: number;
        holdout?: number;
      }) => {
        let result: ForecastResult;
        try {
          result = runForecast(opts);
        } catch (error) {
          if (error instanceof ForecastInputError) throw new Error(`--${error.field}: ${error.message}`);
          throw error;
        }
        for (const line of formatForecast(result)) console.log(line);
        console.log(JSON.stringify(result));
      },
    );
}
