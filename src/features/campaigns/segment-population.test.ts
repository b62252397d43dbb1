import { beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { buildTestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';
import { countSegmentByStratum } from './campaign-launch.repository';
import { segmentPopulationSql } from './segment-population';
import { segmentSchema } from './segment-rules';
import { SqlParameters } from './segment-sql';

const TODAY = '2026-04-15';

describeEachEngine('segment rules as SQL', (getDb) => {
  let runId = 0;
  let teamId = 0;
  const id = { s1: 0, s2: 0, churned: 0, s4: 0, unscored: 0 };

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    const t = await buildTestApp(handle);
    const agent = await t.user('seg-agent', 'agent', 'Segment team');
    const [team] = await queryRows<{ team_id: number }>(
      handle.engine,
      'select team_id from users where id = $1',
      [agent.id],
    );
    teamId = Number(team?.team_id);
    await t.close();

    const gt = await insertPlan(db, { code: 'GT128' });
    const mz = await insertPlan(db, { code: 'MZ58', brand: 'mzone' });
    const add = (planId: number, extra: Parameters<typeof insertSubscriber>[2]) =>
      insertSubscriber(db, planId, extra).then((s) => s.id);
    id.s1 = await add(gt.id, {
      joinDate: '2024-04-15',
      contractEnd: '2026-05-01',
      vipLevel: 'gold',
      brand: 'gotone',
      marketingConsent: true,
      sceneTags: ['family'],
    });
    id.s2 = await add(mz.id, { joinDate: '2024-04-16', vipLevel: 'none', brand: 'mzone' });
    id.churned = await add(gt.id, { status: 'churned', statusSince: '2026-03-01' });
    id.s4 = await add(gt.id, {
      joinDate: '2020-01-01',
      contractEnd: TODAY,
      status: 'arrears_suspended',
      vipLevel: 'silver',
    });
    id.unscored = await add(gt.id, {});
    await assignToBook(db, id.s1, agent.id);

    runId = await insertScoringRun(handle, [
      buildScore(id.s1, {
        probability: 0.6,
        riskBand: 'high',
        tier: 'churn_warning',
        signals: [{ code: 'CONTRACT_EXPIRING', params: {} }],
        segments: ['price'],
        keyMoments: [{ code: 'CONTRACT_RETENTION', dueDate: '2026-04-20', params: {} }],
        arpu3Fen: 15_000,
        city: '南京',
      }),
      buildScore(id.s2, {
        probability: 0.1,
        tier: 'ordinary',
        segments: ['service'],
        arpu3Fen: null,
        city: '苏州',
        inTargetPool: false,
      }),
      buildScore(id.churned, { probability: 0.9, riskBand: 'very_high' }),
      buildScore(id.s4, { probability: 0.4, riskBand: 'medium', arpu3Fen: 8_000 }),
    ]);
  });

  async function matching(rules: unknown[], team: number | null = null): Promise<number[]> {
    const params = new SqlParameters();
    const segment = segmentSchema.parse({ rules });
    const population = segmentPopulationSql(segment, { runId, teamId: team, today: TODAY }, params);
    const rows = await queryRows<{ subscriber_id: string }>(
      getDb().engine,
      `select sc.subscriber_id ${population} order by 1`,
      params.values,
    );
    return rows.map((r) => Number(r.subscriber_id));
  }

  it('matches every scored subscriber who has not churned when there are no rules', async () => {
    expect(await matching([])).toEqual([id.s1, id.s2, id.s4]);
    expect(await matching([{ field: 'status', op: 'eq', value: 'churned' }])).toEqual([]);
  });

  it('filters on the score: numbers, choices, lists, key moments, city', async () => {
    expect(await matching([{ field: 'probability', op: 'gte', value: 0.4 }])).toEqual([id.s1, id.s4]);
    expect(await matching([{ field: 'probability', op: 'lte', value: 0.1 }])).toEqual([id.s2]);
    expect(await matching([{ field: 'tier', op: 'in', value: ['churn_warning', 'ordinary'] }])).toEqual([
      id.s1,
      id.s2,
    ]);
    expect(
      await matching([{ field: 'signals', op: 'contains_any', value: ['USAGE_DROP', 'CONTRACT_EXPIRING'] }]),
    ).toEqual([id.s1]);
    expect(await matching([{ field: 'segments', op: 'contains_any', value: ['service'] }])).toEqual([id.s2]);
    expect(await matching([{ field: 'hasKeyMoment', op: 'eq', value: true }])).toEqual([id.s1]);
    expect(await matching([{ field: 'hasKeyMoment', op: 'eq', value: false }])).toEqual([id.s2, id.s4]);
    expect(await matching([{ field: 'arpu3Fen', op: 'gte', value: 10_000 }])).toEqual([id.s1]);
    expect(await matching([{ field: 'city', op: 'eq', value: '苏州' }])).toEqual([id.s2]);
    expect(await matching([{ field: 'inTargetPool', op: 'eq', value: false }])).toEqual([id.s2]);
  });

  it('filters on the profile: tenure, contract end, plan, status, consent, brand, VIP level, scene', async () => {
    expect(await matching([{ field: 'tenureMonths', op: 'eq', value: 24 }])).toEqual([id.s1]);
    expect(await matching([{ field: 'tenureMonths', op: 'gte', value: 24 }])).toEqual([id.s1, id.s4]);
    expect(await matching([{ field: 'tenureMonths', op: 'lte', value: 23 }])).toEqual([id.s2]);
    expect(await matching([{ field: 'contractEndsWithinDays', op: 'lte', value: 16 }])).toEqual([
      id.s1,
      id.s4,
    ]);
    expect(await matching([{ field: 'contractEndsWithinDays', op: 'lte', value: 15 }])).toEqual([id.s4]);
    expect(await matching([{ field: 'planCode', op: 'in', value: ['GT128'] }])).toEqual([id.s1, id.s4]);
    expect(await matching([{ field: 'planCode', op: 'eq', value: 'MZ58' }])).toEqual([id.s2]);
    expect(await matching([{ field: 'status', op: 'eq', value: 'arrears_suspended' }])).toEqual([id.s4]);
    expect(await matching([{ field: 'marketingConsent', op: 'eq', value: true }])).toEqual([id.s1]);
    expect(await matching([{ field: 'brand', op: 'eq', value: 'mzone' }])).toEqual([id.s2]);
    expect(await matching([{ field: 'vipLevel', op: 'in', value: ['gold', 'silver'] }])).toEqual([
      id.s1,
      id.s4,
    ]);
    expect(await matching([{ field: 'sceneTags', op: 'contains_any', value: ['family'] }])).toEqual([id.s1]);
  });

  it('combines rules with AND and limits a team campaign to its books', async () => {
    const rules = [
      { field: 'probability', op: 'gte', value: 0.3 },
      { field: 'planCode', op: 'eq', value: 'GT128' },
    ];
    expect(await matching(rules)).toEqual([id.s1, id.s4]);
    expect(await matching(rules, teamId)).toEqual([id.s1]);
    expect(await matching([], teamId + 1_000)).toEqual([]);
  });

  it('counts the same population by tier × risk band', async () => {
    const rows = await countSegmentByStratum(getDb().engine, segmentSchema.parse({ rules: [] }), {
      runId,
      teamId: null,
      today: TODAY,
    });
    expect(rows.sort((a, b) => a.tier.localeCompare(b.tier))).toEqual([
      { tier: 'churn_warning', riskBand: 'high', count: 1 },
      { tier: 'high_value', riskBand: 'medium', count: 1 },
      { tier: 'ordinary', riskBand: 'low', count: 1 },
    ]);
  });
});
