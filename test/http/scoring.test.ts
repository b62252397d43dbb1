import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loadDemo } from '#src/features/demo/load-demo';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

type Page = {
  runId: number | null;
  total: number;
  items: {
    subscriberId: number;
    msisdnMasked: string;
    probability: number;
    revenueAtRiskFen: number;
    tier: string;
    signals: { code: string; title: string; evidence: string }[];
    reasons: { feature: string; text: string }[];
  }[];
};

describeEachEngine('scoring over HTTP', (getDb) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(getDb());
    await loadDemo(
      { handle: getDb(), usage: t.usage, timeZone: 'Asia/Shanghai', today: '2026-04-15' },
      { subscribers: 600, months: 6, seed: 3, asOfMonth: '2026-03', workDir: join(t.dataDir, 'demo') },
    );
  }, 180_000);
  afterAll(async () => t?.close());

  /** Scores are published at commit ('succeeded'); the run is over when its stage is 'done'. */
  async function waitForRun(runId: number) {
    for (;;) {
      const response = await t.inject({ method: 'GET', url: `/api/scoring/runs/${runId}` });
      expect(response.statusCode, response.body).toBe(200);
      const run = response.json();
      if (run.stage === 'done' || run.status === 'failed') return run;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it('refuses a malformed or impossible as-of day with its field and starts no run', async () => {
    const malformed = await t.inject({
      method: 'POST',
      url: '/api/scoring/runs',
      payload: { asOf: 'yesterday' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error.issues[0].path).toBe('body.asOf');
    const impossible = await t.inject({
      method: 'POST',
      url: '/api/scoring/runs',
      payload: { asOf: '2026-02-30' },
    });
    expect(impossible.statusCode).toBe(400);
    expect(impossible.json().error.message).toContain("'2026-02-30'");
    const runs = (await t.inject({ method: 'GET', url: '/api/scoring/runs' })).json();
    expect(runs.items).toEqual([]);
  });

  it('shows no scores before the first run, then starts one, follows it and lists its scores', async () => {
    const empty = (await t.inject({ method: 'GET', url: '/api/scores' })).json() as Page;
    expect(empty).toMatchObject({ runId: null, total: 0, items: [] });

    const started = await t.inject({ method: 'POST', url: '/api/scoring/runs', payload: {} });
    expect(started.statusCode).toBe(202);
    const { runId, asOf } = started.json();
    expect(asOf).toBe('2026-03-31');
    const busy = await t.inject({ method: 'POST', url: '/api/scoring/runs', payload: {} });
    expect(busy.statusCode).toBe(409);
    const run = await waitForRun(runId);
    expect(run).toMatchObject({ status: 'succeeded', stage: 'done', error: null });
    expect(run.subscribers).toBeGreaterThan(400);

    const page = (await t.inject({ method: 'GET', url: '/api/scores?pageSize=50' })).json() as Page;
    expect(page.runId).toBe(runId);
    expect(page.total).toBe(run.subscribers);
    const probabilities = page.items.map((i) => i.probability);
    expect(probabilities).toEqual([...probabilities].sort((a, b) => b - a));
    expect(page.items[0]?.msisdnMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
  }, 180_000);

  it('filters by signal and sorts by revenue at risk, with evidence in the requested language', async () => {
    const en = (
      await t.inject({
        method: 'GET',
        url: '/api/scores?signal=USAGE_DROP&sort=revenueAtRisk&lang=en&pageSize=100',
      })
    ).json() as Page;
    expect(en.total).toBeGreaterThan(0);
    const risks = en.items.map((i) => i.revenueAtRiskFen);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    for (const item of en.items) {
      const drop = item.signals.find((s) => s.code === 'USAGE_DROP');
      expect(drop?.evidence).toMatch(/[a-z]/);
      expect(drop?.evidence).not.toMatch(/[\u4e00-\u9fff]/);
    }
    const id = en.items[0]?.subscriberId;
    const zh = (await t.inject({ method: 'GET', url: `/api/subscribers/${id}/score?lang=zh-CN` })).json();
    expect(zh.signals.find((s: { code: string }) => s.code === 'USAGE_DROP').evidence).toMatch(
      /[\u4e00-\u9fff]/,
    );
    expect(zh.series.months).toHaveLength(6);
    expect(zh.reasons.length).toBeGreaterThan(0);
    const history = (await t.inject({ method: 'GET', url: `/api/subscribers/${id}/scores` })).json();
    expect(history.items).toHaveLength(1);
    expect(history.items[0]).toMatchObject({
      asOf: '2026-03-31',
      signalCodes: expect.arrayContaining(['USAGE_DROP']),
    });
  });

  it('answers 404 for a subscriber without a score and 400 for a bad filter', async () => {
    const missing = await t.inject({ method: 'GET', url: '/api/subscribers/999999999/score' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('NOT_FOUND');
    const bad = await t.inject({ method: 'GET', url: '/api/scores?sort=name' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.issues[0].path).toBe('querystring.sort');
  });

  it('versions the settings: refuses a bad document with its field path, saves a good one for the next run', async () => {
    const current = (await t.inject({ method: 'GET', url: '/api/scoring/settings' })).json();
    expect(current.version).toBe(0);
    const settings = current.settings;

    settings.signals.usageDrop.ratio = 2;
    const refused = await t.inject({
      method: 'PUT',
      url: '/api/scoring/settings',
      payload: { settings },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.issues.map((i: { path: string }) => i.path)).toContain(
      'body.settings.signals.usageDrop.ratio',
    );

    settings.signals.usageDrop.ratio = 0.3;
    const saved = await t.inject({
      method: 'PUT',
      url: '/api/scoring/settings',
      payload: { settings, note: 'stricter usage drop' },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json().version).toBe(1);
    const versions = (await t.inject({ method: 'GET', url: '/api/scoring/settings/versions' })).json();
    expect(versions.items).toMatchObject([{ version: 1, note: 'stricter usage drop' }]);

    const before = (await t.inject({ method: 'GET', url: '/api/scores?signal=USAGE_DROP' })).json() as Page;
    const response = await t.inject({ method: 'POST', url: '/api/scoring/runs', payload: {} });
    expect(response.statusCode, response.body).toBe(202);
    const run = await waitForRun(response.json().runId);
    expect(run.settingsVersion).toBe(1);
    const after = (await t.inject({ method: 'GET', url: '/api/scores?signal=USAGE_DROP' })).json() as Page;
    expect(after.total).toBeLessThan(before.total);
  }, 180_000);

  it('lists the models with exactly one active, the one that made the scores', async () => {
    const models = (await t.inject({ method: 'GET', url: '/api/models' })).json();
    const active = models.items.filter((m: { isActive: boolean }) => m.isActive);
    expect(active).toHaveLength(1);
    const runs = (await t.inject({ method: 'GET', url: '/api/scoring/runs' })).json();
    expect(runs.items[0].modelId).toBe(active[0].id);
  });
});
