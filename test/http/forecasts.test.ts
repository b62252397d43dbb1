import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadConfig } from '#src/config/config';
import type { DbHandle } from '#src/db/client';
import type { UserRole } from '#src/db/schema/enums';
import { subscriberStatusHistory } from '#src/db/schema/subscribers';
import { monthRange } from '#src/features/forecasting/series-granularity';
import { importBills } from '#src/features/ingest/usage/bills.import';
import { BILLS_HEADER, billLine, csv } from '#src/features/ingest/usage/test-files';
import { findOrCreateTeam, findUserIdByUsername } from '#src/features/users/users.repository';
import { createUser } from '#src/features/users/users.service';
import { buildApp } from '#src/server/build-app';
import { UsageStore } from '#src/usage/usage-store';
import { TEST_PASSWORD } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';

const SEED = [3500, 4550, 5640, 6770, 7990, 9190, 10380];
/** Four years of bills, 2022-07 … 2026-06: three seasons to fit on and one to hold out. */
const MONTHS = monthRange('2022-07', '2026-06');

/** Subscriber A's bill in yuan: a yearly swing around a slow rise (the seasonal method's case). */
function seasonalYuan(i: number): number {
  return Math.round(200 + i + 60 * Math.sin((2 * Math.PI * i) / 12) + ((i * 7) % 5));
}

type Harness = {
  app: FastifyInstance;
  usage: UsageStore;
  dataDir: string;
  as(
    role: UserRole,
    options: InjectOptions,
  ): Promise<ReturnType<FastifyInstance['inject']> extends Promise<infer R> ? R : never>;
};

/** The real app over the test database, with a usage store of its own. */
async function buildHarness(handle: DbHandle): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-forecasts-'));
  const config = loadConfig({
    VIPDESK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    VIPDESK_DUCKDB_MEMORY_LIMIT: '1GB',
  });
  const usage = await UsageStore.open({ usageDir: config.usageDir, memoryLimit: config.duckdbMemoryLimit });
  const app = await buildApp(config, { stores: { handle, usage }, logger: false });
  const cookies = new Map<UserRole, string>();
  const cookieOf = async (role: UserRole) => {
    const known = cookies.get(role);
    if (known) return known;
    const username = `forecast-${role}`;
    if ((await findUserIdByUsername(handle.db, username)) === undefined) {
      const teamId =
        role === 'lead' || role === 'agent' ? await findOrCreateTeam(handle.db, 'forecast-team') : null;
      await createUser(
        handle.db,
        { username, displayName: username, role, teamId, password: TEST_PASSWORD },
        null,
      );
    }
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username, password: TEST_PASSWORD },
    });
    const session = response.cookies.find((c) => c.name === 'vipdesk_session');
    if (!session) throw new Error(`sign-in failed: ${response.body}`);
    const cookie = `vipdesk_session=${session.value}`;
    cookies.set(role, cookie);
    return cookie;
  };
  return {
    app,
    usage,
    dataDir,
    as: async (role, options) =>
      app.inject({ ...options, headers: { ...options.headers, cookie: await cookieOf(role) } }),
  };
}

describeEachEngine('forecasts over HTTP', (getDb) => {
  let h: Harness;

  beforeAll(async () => {
    h = await buildHarness(getDb());
    const { db } = getDb();
    const plan = await insertPlan(db, { code: 'FC128' });
    const a = await insertSubscriber(db, plan.id, {
      msisdn: '13900000201',
      vipLevel: 'gold',
      joinDate: '2020-01-01',
      statusSince: '2020-01-01',
    });
    const b = await insertSubscriber(db, plan.id, {
      msisdn: '13900000202',
      vipLevel: 'none',
      joinDate: '2020-01-01',
      statusSince: '2020-01-01',
    });
    const c = await insertSubscriber(db, plan.id, {
      msisdn: '13900000203',
      vipLevel: 'gold',
      joinDate: '2020-01-01',
      status: 'churned',
      statusSince: '2026-03-10',
    });
    await db.insert(subscriberStatusHistory).values([
      { subscriberId: a.id, validFrom: '2020-01-01', status: 'active' },
      { subscriberId: b.id, validFrom: '2020-01-01', status: 'active' },
      { subscriberId: c.id, validFrom: '2020-01-01', validTo: '2026-03-10', status: 'active' },
      { subscriberId: c.id, validFrom: '2026-03-10', status: 'churned' },
    ]);
    const lines: string[] = [];
    for (const [i, month] of MONTHS.entries()) {
      lines.push(
        billLine('13900000201', month, {
          total_yuan: String(seasonalYuan(i)),
          overage_yuan: '0',
          minutes: '100',
        }),
      );
      lines.push(billLine('13900000202', month, { total_yuan: '50', overage_yuan: '0', minutes: '10' }));
      if (month <= '2026-02')
        lines.push(billLine('13900000203', month, { total_yuan: '10', overage_yuan: '0', minutes: '1' }));
    }
    const file = join(h.dataDir, 'bills.csv');
    writeFileSync(file, csv(BILLS_HEADER, ...lines));
    const report = await importBills(
      { handle: getDb(), usage: h.usage, timeZone: 'Asia/Shanghai', today: '2026-11-20' },
      file,
    );
    expect(report.status, JSON.stringify(report.errors)).toBe('committed');
  }, 120_000);

  afterAll(async () => {
    await h?.app.close();
    await h?.usage.close();
    if (h) rmSync(h.dataDir, { recursive: true, force: true });
  });

  it("answers seed 001's numbers for posted values, with the back-test of every method", async () => {
    const response = await h.as('analyst', {
      method: 'POST',
      url: '/api/forecasts',
      payload: { values: SEED },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ method: 'combined', horizon: 1, forecasts: [11719.07], meanGrowth: 15.3 });
    expect(body.params).toMatchObject({ a: 2250, b: 1152.5 });
    expect(Number(body.params.r2.toFixed(3))).toBe(0.999);
    const growth = await h.as('lead', {
      method: 'POST',
      url: '/api/forecasts',
      payload: { values: SEED, method: 'avg-growth' },
    });
    expect(growth.json().forecasts).toEqual([11968.14]);
    const linear = await h.as('admin', {
      method: 'POST',
      url: '/api/forecasts',
      payload: { values: SEED, method: 'linear' },
    });
    expect(linear.json().forecasts).toEqual([11470]);
    expect(Object.keys(body.backtest).sort()).toEqual(['avg-growth', 'combined', 'linear']);
    expect(body.notApplicable.seasonal).toContain('at least 36 values');
  });

  it('refuses bad input with 400 naming the field, and agents with 403', async () => {
    const tooShort = await h.as('analyst', {
      method: 'POST',
      url: '/api/forecasts',
      payload: { values: [1, 2, 3], method: 'avg-growth' },
    });
    expect(tooShort.statusCode).toBe(400);
    expect(tooShort.json().error.issues[0].path).toBe('body.values');
    expect(tooShort.json().error.message).toContain('at least 4 values');
    const unknown = await h.as('analyst', {
      method: 'POST',
      url: '/api/forecasts',
      payload: { values: SEED, method: 'magic' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].path).toBe('body.method');
    const notNumbers = await h.as('analyst', {
      method: 'POST',
      url: '/api/forecasts',
      payload: { values: [1, 'x'] },
    });
    expect(notNumbers.statusCode).toBe(400);
    expect(notNumbers.json().error.issues[0].path).toBe('body.values.1');
    const agent = await h.as('agent', { method: 'POST', url: '/api/forecasts', payload: { values: SEED } });
    expect(agent.statusCode).toBe(403);
    const badMetric = await h.as('analyst', { method: 'GET', url: '/api/forecasts/series?metric=profit' });
    expect(badMetric.statusCode).toBe(400);
    expect(badMetric.json().error.issues[0].path).toBe('querystring.metric');
  });

  it("sums revenue and minutes per month from the usage store's bills, then per quarter and full year", async () => {
    const monthly = (
      await h.as('analyst', { method: 'GET', url: '/api/forecasts/series?metric=revenue&granularity=month' })
    ).json();
    expect(monthly.unit).toBe('fen');
    expect(monthly.points).toHaveLength(48);
    expect(monthly.points[0]).toEqual({ period: '2022-07', value: (seasonalYuan(0) + 50 + 10) * 100 });
    expect(monthly.points[47]).toEqual({ period: '2026-06', value: (seasonalYuan(47) + 50) * 100 });
    const minutes = (
      await h.as('analyst', {
        method: 'GET',
        url: '/api/forecasts/series?metric=minutes&granularity=quarter',
      })
    ).json();
    expect(minutes.points).toHaveLength(16);
    expect(minutes.points[0]).toEqual({ period: '2022-Q3', value: 3 * 111 });
    const yearly = (
      await h.as('analyst', { method: 'GET', url: '/api/forecasts/series?metric=minutes&granularity=year' })
    ).json();
    expect(yearly.points.map((p: { period: string }) => p.period)).toEqual(['2023', '2024', '2025']);
    expect(yearly.points[0].value).toBe(12 * 111);
    expect(yearly.partial).toEqual(['2022', '2026']);
  });

  it('counts VIPs in service each month and churners in the month they left, from the status history', async () => {
    const vip = (
      await h.as('analyst', { method: 'GET', url: '/api/forecasts/series?metric=vip_count' })
    ).json();
    const vipBy = new Map(vip.points.map((p: { period: string; value: number }) => [p.period, p.value]));
    expect(vipBy.get('2026-02')).toBe(2);
    expect(vipBy.get('2026-03')).toBe(2); // in service until the 10th
    expect(vipBy.get('2026-04')).toBe(1);
    const churn = (
      await h.as('analyst', { method: 'GET', url: '/api/forecasts/series?metric=churners' })
    ).json();
    const churned = churn.points.filter((p: { value: number }) => p.value > 0);
    expect(churned).toEqual([{ period: '2026-03', value: 1 }]);
    const quarterly = (
      await h.as('analyst', {
        method: 'GET',
        url: '/api/forecasts/series?metric=vip_count&granularity=quarter',
      })
    ).json();
    expect(quarterly.points.at(-1)).toEqual({ period: '2026-Q2', value: 1 });
  });

  it('forecasts a metric with every method, back-tests them and names the one to trust', async () => {
    const response = await h.as('analyst', {
      method: 'GET',
      url: '/api/forecasts/metric?metric=revenue&granularity=month&horizon=3',
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.period).toBe(12);
    expect(Object.keys(body.forecasts).sort()).toEqual(['avg-growth', 'combined', 'linear', 'seasonal']);
    expect(body.forecasts.seasonal.map((p: { period: string }) => p.period)).toEqual([
      '2026-07',
      '2026-08',
      '2026-09',
    ]);
    expect(Object.keys(body.backtest).sort()).toEqual(['avg-growth', 'combined', 'linear', 'seasonal']);
    expect(body.backtest.seasonal.holdout).toBe(12);
    expect(body.best).toBe('seasonal');
    expect(body.backtest.seasonal.mape).toBeLessThan(body.backtest.linear.mape);
    expect(body.params).toMatchObject({ a: expect.any(Number), b: expect.any(Number) });

    const yearly = (
      await h.as('analyst', {
        method: 'GET',
        url: '/api/forecasts/metric?metric=revenue&granularity=year&horizon=1',
      })
    ).json();
    expect(yearly.period).toBeNull();
    expect(yearly.forecasts.linear).toHaveLength(1);
    expect(yearly.forecasts.seasonal).toBeUndefined();
    expect(yearly.notApplicable['avg-growth']).toContain('at least 4 values');
    // Three full years: a back-test would fit the line on two points, which proves nothing.
    expect(yearly.backtest).toEqual({});
    expect(yearly.notApplicable.linear).toContain('back-test fits on the first 2 values');
    expect(yearly.best).toBeNull();
  });
});
