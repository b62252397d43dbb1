import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const SEED = '3500,4550,5640,6770,7990,9190,10380';

function lastJson(stdout: string) {
  const lines = stdout.trim().split('\n');
  return JSON.parse(lines[lines.length - 1] ?? '');
}

// The command is pure arithmetic: no database or usage store is opened.
describe('vipdesk forecast', () => {
  it("prints seed 001's growth extrapolation 11968.14 by default rounding, then the JSON line", async () => {
    const result = await runCli(
      ['forecast', '--values', SEED, '--method', 'avg-growth', '--horizon', '1'],
      {},
    );
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('11968.14');
    const json = lastJson(result.stdout);
    expect(json).toMatchObject({
      method: 'avg-growth',
      horizon: 1,
      forecasts: [11968.14],
      growthRates: [30, 24, 20, 18, 15, 13],
      meanGrowth: 15.3,
    });
    expect(Object.keys(json.backtest).sort()).toEqual(['avg-growth', 'combined', 'linear']);
    expect(json.backtest.linear).toMatchObject({ holdout: 1 });
    expect(typeof json.backtest.linear.mape).toBe('number');
    expect(json.best).toBe('linear');
  });

  it('defaults to the combined method with the linear parameters a, b and R²', async () => {
    const result = await runCli(['forecast', '--values', SEED], {});
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain('N = 2250 + 1152.5·T, R² = 0.999');
    const json = lastJson(result.stdout);
    expect(json.method).toBe('combined');
    expect(json.forecasts).toEqual([11719.07]);
    expect(json.params.a).toBe(2250);
    expect(json.params.b).toBe(1152.5);
    expect(Number(json.params.r2.toFixed(3))).toBe(0.999);
    const linear = lastJson((await runCli(['forecast', '--values', SEED, '--method', 'linear'], {})).stdout);
    expect(linear.forecasts).toEqual([11470]);
  });

  it('forecasts a seasonal monthly series with the seasonal method and ranks it first', async () => {
    const values = Array.from({ length: 48 }, (_, t) =>
      Math.round(1000 + 10 * t + 200 * Math.sin((2 * Math.PI * t) / 12)),
    );
    const result = await runCli(
      [
        'forecast',
        '--values',
        values.join(','),
        '--method',
        'seasonal',
        '--period',
        '12',
        '--horizon',
        '3',
        '--holdout',
        '12',
      ],
      {},
    );
    expect(result.code, result.stderr).toBe(0);
    const json = lastJson(result.stdout);
    expect(json.forecasts).toHaveLength(3);
    expect(json.best).toBe('seasonal');
    expect(json.backtest.seasonal.mape).toBeLessThan(json.backtest.linear.mape);
  });

  it('exits 1 naming the argument for non-numbers, too few values and an unknown method', async () => {
    const notNumber = await runCli(['forecast', '--values', '1,x,3'], {});
    expect(notNumber.code).toBe(1);
    expect(notNumber.stderr).toContain("--values: item 2 ('x') is not a number");
    const tooFew = await runCli(['forecast', '--values', '1,2', '--method', 'linear'], {});
    expect(tooFew.code).toBe(1);
    expect(tooFew.stderr).toContain('--values: linear needs at least 3 values');
    const unknown = await runCli(['forecast', '--values', SEED, '--method', 'magic'], {});
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('--method must be one of avg-growth, linear, combined, seasonal');
    const horizon = await runCli(['forecast', '--values', SEED, '--horizon', '0'], {});
    expect(horizon.code).toBe(1);
    expect(horizon.stderr).toContain('--horizon');
  });
});
