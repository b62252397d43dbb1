import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

// The search's score filters (tier, risk band, signal) read the current run only, stay inside the
// searcher's scope, count past a page, and order by risk; the export applies them the same way.
describeEachEngine('subscriber search by score', (getDb) => {
  let t: TestApp;
  let agent: TestUser;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    const handle = getDb();
    t = await buildTestApp(handle);
    agent = await t.user('score-agent', 'agent', '评分组');
    const other = await t.user('score-agent-2', 'agent', '评分组');
    const plan = await insertPlan(handle.db, { code: 'GT88', name: '全球通88元' });
    const names = ['highA', 'highB', 'highC', 'lowNowHighBefore', 'highOtherBook', 'warning'];
    for (const [i, name] of names.entries()) {
      const row = await insertSubscriber(handle.db, plan.id, {
        msisdn: `1390000${String(i).padStart(4, '0')}`,
      });
      ids[name] = row.id;
      await assignToBook(handle.db, row.id, name === 'highOtherBook' ? other.id : agent.id);
    }
    const id = (name: string) => ids[name] ?? 0;
    const high = (name: string, probability: number) =>
      buildScore(id(name), {
        probability,
        riskBand: 'high',
        signals: [{ code: 'USAGE_DROP', params: { dropPct: 40 } }],
      });
    // An older run in which a now-low subscriber was high: only the current run may match.
    await insertScoringRun(handle, [high('lowNowHighBefore', 0.7)], '2026-02-28');
    await insertScoringRun(handle, [
      high('highA', 0.62),
      high('highB', 0.81),
      high('highC', 0.55),
      buildScore(id('lowNowHighBefore'), { probability: 0.04 }),
      high('highOtherBook', 0.9),
      buildScore(id('warning'), { tier: 'churn_warning', probability: 0.3, riskBand: 'medium' }),
    ]);
  });
  afterAll(async () => t?.close());

  const search = async (who: TestUser, query: string) => {
    const response = await t.injectAs(who, { method: 'GET', url: `/api/subscribers?${query}` });
    expect(response.statusCode).toBe(200);
    return response.json() as { items: { id: number }[]; total: number; totalCapped: boolean };
  };

  it("finds the agent's high-risk subscribers in the current run, riskiest first", async () => {
    const page = await search(agent, 'riskBand=high&sort=risk');
    expect(page.items.map((s) => s.id)).toEqual([ids.highB, ids.highA, ids.highC]);
    expect(page.total).toBe(3);
  });

  it('counts every match past the first page', async () => {
    const page = await search(agent, 'riskBand=high&sort=risk&pageSize=1');
    expect(page.items.map((s) => s.id)).toEqual([ids.highB]);
    expect(page).toMatchObject({ total: 3, totalCapped: false });
    const second = await search(agent, 'riskBand=high&sort=risk&pageSize=1&page=2');
    expect(second.items.map((s) => s.id)).toEqual([ids.highA]);
  });

  it('filters by tier and by signal, and an admin sees every book', async () => {
    expect((await search(agent, 'tier=churn_warning')).items.map((s) => s.id)).toEqual([ids.warning]);
    const bySignal = await search(agent, 'signal=USAGE_DROP');
    expect(bySignal.items.map((s) => s.id)).toEqual([ids.highA, ids.highB, ids.highC]);
    const everyone = await search(t.admin, 'riskBand=high');
    expect(everyone.items.map((s) => s.id)).toEqual([ids.highA, ids.highB, ids.highC, ids.highOtherBook]);
  });

  it('exports only the subscribers the score filter matches', async () => {
    const response = await t.inject({
      method: 'GET',
      url: `/api/subscribers/export?riskBand=high&reason=${encodeURIComponent('high risk review')}`,
    });
    expect(response.statusCode).toBe(200);
    const exported = response.body
      .split('\n')
      .slice(1)
      .filter((line) => line.length > 0)
      .map((line) => Number(line.split(',')[0]));
    expect(exported).toEqual([ids.highA, ids.highB, ids.highC, ids.highOtherBook]);
  });
});
