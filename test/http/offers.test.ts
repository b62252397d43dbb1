import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { offers, scripts } from '#src/db/schema/offers';
import { PLANS } from '#src/features/demo/plans';
import { OFFER_CATALOGUE, seedOffers } from '#src/features/offers/offer-catalogue-seed';
import { OFFER_RULES } from '#src/features/offers/offer-vocabulary';
import { listActiveOffers } from '#src/features/offers/offers.service';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

type Offer = {
  code: string;
  rule: string;
  kind: string;
  name: string;
  nameEn: string;
  nameZh: string;
  channel: string;
  costFen: number;
  isActive: boolean;
  availableToday: boolean;
  validTo: string | null;
};
type Issue = { path: string; message: string };

const SHARED_SCRIPTS = [
  'retention_service_marketing',
  'retention_competitor_winback',
  'care_revisit',
  'care_key_moment',
  'upsell_new_business',
  'questionnaire_satisfaction',
];

/** A valid new offer; override what the test is about. */
const newOffer = (overrides: Record<string, unknown> = {}) => ({
  code: 'TEST_BILL_CREDIT_30',
  rule: 'cost',
  kind: 'bill_discount',
  nameZh: '话费直降30元',
  nameEn: 'Bill credit 30 CNY',
  eligibility: { tiers: ['churn_warning'] },
  costFen: 3_000,
  channel: 'call',
  scriptCode: 'retention_service_marketing',
  validFrom: '2026-01-01',
  validTo: '2027-06-30',
  ...overrides,
});

describeEachEngine('offer catalogue and plan optimiser over HTTP', (getDb) => {
  let t: TestApp;
  let analyst: TestUser;
  let agent1: TestUser;
  let agent2: TestUser;
  const ids = { heavy: 0, oldRun: 0, unscored: 0 };

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    analyst = await t.user('offers-analyst', 'analyst');
    agent1 = await t.user('offers-agent1', 'agent', 'A');
    agent2 = await t.user('offers-agent2', 'agent', 'B');

    // The demo operator's real catalogue, so seeded offers and advice refer to real plans.
    const planIds = new Map<string, number>();
    for (const { voiceShare: _v, nightPack: _n, studentOnly: _s, ...row } of PLANS) {
      planIds.set(row.code, (await insertPlan(db, row)).id);
    }
    const planId = (code: string) => planIds.get(code) ?? 0;
    await db.insert(scripts).values(
      SHARED_SCRIPTS.map((code) => ({
        code,
        scenario: 'care',
        titleZh: code,
        titleEn: code,
        content: {},
      })),
    );
    await seedOffers(db);

    const heavy = await insertSubscriber(db, planId('EO19'), { joinDate: '2020-05-01' });
    const oldRun = await insertSubscriber(db, planId('GT128'));
    const unscored = await insertSubscriber(db, planId('GT128'));
    ids.heavy = heavy.id;
    ids.oldRun = oldRun.id;
    ids.unscored = unscored.id;
    for (const id of Object.values(ids)) await assignToBook(db, id, agent1.id);

    // 15 GB and 150 minutes a month on a 3 GB / 100-minute plan; February has no bill.
    const heavySeries = {
      spendFen: [39_714, 39_714, 39_714, 39_714, null, 39_714],
      minutes: [150, 150, 150, 150, null, 150],
      dataMb: [15_360, 15_360, 15_360, 15_360, null, 15_360],
      mix: null,
      nightDataShare: 0.4,
    };
    await insertScoringRun(getDb(), [
      buildScore(ids.heavy, {
        tier: 'churn_warning',
        riskBand: 'high',
        signals: [{ code: 'DATA_OVERAGE', params: {} }],
        series: heavySeries,
      }),
      buildScore(ids.oldRun),
    ]);
    // A run written before the night share was stored: the series has no such key.
    await queryRows(getDb().engine, `UPDATE subscriber_scores SET series = $1 WHERE subscriber_id = $2`, [
      JSON.stringify({
        spendFen: [12_800, 12_800, 12_800, 12_800, 12_800, 12_800],
        minutes: [300, 300, 300, 300, 300, 300],
        dataMb: [8_000, 8_000, 8_000, 8_000, 8_000, 8_000],
        mix: null,
      }),
      ids.oldRun,
    ]);
  });
  afterAll(async () => t?.close());

  const get = (user: TestUser, url: string) => t.injectAs(user, { method: 'GET', url });
  const post = (user: TestUser, payload: unknown) =>
    t.injectAs(user, { method: 'POST', url: '/api/offers', payload: payload as object });
  const put = (user: TestUser, code: string, payload: unknown) =>
    t.injectAs(user, { method: 'PUT', url: `/api/offers/${code}`, payload: payload as object });
  const issuesOf = (response: LightMyRequestResponse): Issue[] => response.json().error.issues ?? [];
  const list = async (user: TestUser, query = '') => {
    const response = await get(user, `/api/offers${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as Offer[];
  };

  describe('catalogue', () => {
    it('serves the seeded catalogue across the five retention rules to anyone who works calls', async () => {
      const items = await list(agent1);
      expect(items.length).toBeGreaterThanOrEqual(16);
      expect(new Set(items.map((o) => o.rule))).toEqual(new Set(OFFER_RULES));
      const bill = items.find((o) => o.code === 'BILL_DISCOUNT_20');
      expect(bill?.name).toBe(bill?.nameZh);
      const en = await list(agent1, '?lang=en');
      expect(en.find((o) => o.code === 'BILL_DISCOUNT_20')?.name).toBe(
        'Bill credit 20 CNY a month for 6 months',
      );
    });

    it('filters by rule and by the channel an offer may be presented on', async () => {
      const relationship = await list(agent1, '?rule=relationship');
      expect(relationship.map((o) => o.code)).toEqual(
        expect.arrayContaining(['CLUB_BADMINTON', 'CLUB_TENNIS', 'CLUB_YOGA', 'VIP_SURPRISE_SERVICE']),
      );
      expect(relationship.every((o) => o.rule === 'relationship')).toBe(true);
      const sms = await list(agent1, '?channel=sms');
      expect(sms.every((o) => o.channel === 'sms' || o.channel === 'any')).toBe(true);
      expect(sms.map((o) => o.code)).toEqual(
        expect.arrayContaining(['AIJIA_FAMILY_REMINDER', 'NIGHT_DATA_PACK']),
      );
      expect(sms.map((o) => o.code)).not.toContain('BILL_DISCOUNT_20');
    });

    it('answers one offer by code, 404 for an unknown code and 400 for a malformed one', async () => {
      const one = await get(agent1, '/api/offers/NIGHT_DATA_PACK?lang=en');
      expect(one.statusCode, one.body).toBe(200);
      expect(one.json()).toMatchObject({ code: 'NIGHT_DATA_PACK', rule: 'product', kind: 'night_pack' });
      expect((await get(agent1, '/api/offers/NO_SUCH_OFFER')).statusCode).toBe(404);
      const bad = await get(agent1, '/api/offers/not-a-code');
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad)[0]?.path).toBe('params.code');
    });

    it('lets an analyst add an offer, audited, and refuses an agent', async () => {
      const created = await post(analyst, newOffer());
      expect(created.statusCode, created.body).toBe(201);
      expect(created.json()).toMatchObject({ code: 'TEST_BILL_CREDIT_30', costFen: 3_000, isActive: true });
      expect((await get(agent1, '/api/offers/TEST_BILL_CREDIT_30')).statusCode).toBe(200);

      const refused = await post(agent1, newOffer({ code: 'AGENT_OFFER' }));
      expect(refused.statusCode).toBe(403);
      expect((await get(agent1, '/api/offers/AGENT_OFFER')).statusCode).toBe(404);

      const audit = await t.inject({ method: 'GET', url: '/api/audit?action=offer.create' });
      expect(audit.json().items).toEqual([
        expect.objectContaining({ actorLabel: 'offers-analyst', target: 'TEST_BILL_CREDIT_30' }),
      ]);
      expect((await post(analyst, newOffer())).statusCode).toBe(409);
    });

    it('refuses bad offers with 400 naming the field', async () => {
      const cases: [Record<string, unknown>, string][] = [
        [{ validFrom: '2026-07-01', validTo: '2026-06-30' }, 'body.validTo'],
        [{ validFrom: '2026-02-30' }, 'body.validFrom'],
        [{ kind: 'plan_change', targetPlanCode: null }, 'body.targetPlanCode'],
        [{ kind: 'plan_change', targetPlanCode: 'NOPE99' }, 'body.targetPlanCode'],
        // Withdrawn from sale: nobody can be moved onto it.
        [{ kind: 'plan_change', targetPlanCode: 'GT138L' }, 'body.targetPlanCode'],
        [{ eligibility: { tiers: ['vip'] } }, 'body.eligibility.tiers.0'],
        [{ eligibility: { planCodes: ['GT128', 'NOPE99'] } }, 'body.eligibility.planCodes.1'],
        [{ eligibility: { favouriteColour: 'red' } }, 'body.eligibility'],
        [{ scriptCode: 'no_such_script' }, 'body.scriptCode'],
        [{ rule: 'charm' }, 'body.rule'],
        [{ costFen: -1 }, 'body.costFen'],
        [{ code: 'lower_case' }, 'body.code'],
      ];
      for (const [overrides, path] of cases) {
        const response = await post(analyst, newOffer({ code: 'TEST_INVALID', ...overrides }));
        expect(response.statusCode, JSON.stringify(overrides)).toBe(400);
        expect(
          issuesOf(response).map((i) => i.path),
          JSON.stringify(overrides),
        ).toContain(path);
      }
      expect((await get(analyst, '/api/offers/TEST_INVALID')).statusCode).toBe(404);
    });

    it("replaces an offer's fields, audits what changed, and keeps the code", async () => {
      const { code: _code, ...fields } = newOffer({ costFen: 4_500, channel: 'any' });
      const updated = await put(analyst, 'TEST_BILL_CREDIT_30', fields);
      expect(updated.statusCode, updated.body).toBe(200);
      expect(updated.json()).toMatchObject({ code: 'TEST_BILL_CREDIT_30', costFen: 4_500, channel: 'any' });
      const audit = await t.inject({ method: 'GET', url: '/api/audit?action=offer.update' });
      const [entry] = audit.json().items;
      expect(entry).toMatchObject({ actorLabel: 'offers-analyst', target: 'TEST_BILL_CREDIT_30' });
      expect(entry.details.changes).toEqual({
        costFen: { from: 3_000, to: 4_500 },
        channel: { from: 'call', to: 'any' },
      });

      expect((await put(agent1, 'TEST_BILL_CREDIT_30', fields)).statusCode).toBe(403);
      expect((await put(analyst, 'NO_SUCH_OFFER', fields)).statusCode).toBe(404);
      const invalid = await put(analyst, 'TEST_BILL_CREDIT_30', { ...fields, validTo: '2025-01-01' });
      expect(invalid.statusCode).toBe(400);
      expect(issuesOf(invalid).map((i) => i.path)).toContain('body.validTo');
    });

    it('tells offers available today from expired and withdrawn ones', async () => {
      expect(
        (
          await post(
            analyst,
            newOffer({ code: 'TEST_EXPIRED', validFrom: '2020-01-01', validTo: '2020-12-31' }),
          )
        ).statusCode,
      ).toBe(201);
      expect(
        (await post(analyst, newOffer({ code: 'TEST_WITHDRAWN', isActive: false, validTo: null })))
          .statusCode,
      ).toBe(201);
      const available = await list(agent1, '?active=true');
      const unavailable = await list(agent1, '?active=false');
      expect(available.every((o) => o.availableToday)).toBe(true);
      expect(unavailable.every((o) => !o.availableToday)).toBe(true);
      expect(unavailable.map((o) => o.code)).toEqual(
        expect.arrayContaining(['TEST_EXPIRED', 'TEST_WITHDRAWN']),
      );
      expect(available.map((o) => o.code)).toContain('BILL_DISCOUNT_20');
    });

    it('gives the decision engine the offers valid on a day, in its shape', async () => {
      const { db } = getDb();
      const june = await listActiveOffers(db, '2026-06-01');
      const codes = june.map((o) => o.code);
      expect(codes).toEqual(expect.arrayContaining(['BILL_DISCOUNT_20', 'NIGHT_DATA_PACK']));
      expect(codes).not.toContain('HOLIDAY_DATA_DOUBLE');
      expect(codes).not.toContain('TEST_EXPIRED');
      expect(codes).not.toContain('TEST_WITHDRAWN');
      expect(june.find((o) => o.code === 'BILL_DISCOUNT_20')).toEqual({
        code: 'BILL_DISCOUNT_20',
        rule: 'cost',
        kind: 'bill_discount',
        costFen: 12_000,
        channel: 'call',
        eligibility: { tiers: ['churn_warning'], riskBands: ['high', 'very_high'] },
      });
      const festival = (await listActiveOffers(db, '2027-02-01')).map((o) => o.code);
      expect(festival).toContain('HOLIDAY_DATA_DOUBLE');
    });

    it('seeds idempotently and leaves analysts’ edits to seeded offers alone', async () => {
      const { db } = getDb();
      const seeded = OFFER_CATALOGUE.find((o) => o.code === 'CLUB_YOGA');
      const { code: _code, ...fields } = { ...seeded, costFen: 7_777 };
      expect((await put(analyst, 'CLUB_YOGA', fields)).statusCode).toBe(200);
      const before = await db.select().from(offers);
      await seedOffers(db);
      const after = await db.select().from(offers);
      expect(after.length).toBe(before.length);
      expect(after.find((o) => o.code === 'CLUB_YOGA')?.costFen).toBe(7_777);
    });
  });

  it('declares the routes with their schemas in the OpenAPI document', async () => {
    const doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/offers', '/api/offers/{code}', '/api/subscribers/{id}/plan-advice']),
    );
    expect(Object.keys(doc.paths['/api/offers'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Offer', 'PlanAdvice']));
  });

  describe('plan advice', () => {
    const advice = (user: TestUser, id: number) => get(user, `/api/subscribers/${id}/plan-advice`);

    it('prices every plan on the last billed months and proposes the moves that save money', async () => {
      const response = await advice(agent1, ids.heavy);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      // February (no bill) is skipped: January and March are priced.
      expect(body).toMatchObject({
        currentPlanCode: 'EO19',
        asOf: '2026-03-31',
        months: ['2026-01', '2026-03'],
        nightDataShare: 0.4,
        // 1,900 fee + 50 min × 19 + 12,288 MB × 3 = 39,714 a month.
        current: { code: 'EO19', averageFen: 39_714, overageMonths: 2, averageOverageFen: 37_814 },
      });
      expect(body.plans).toHaveLength(PLANS.length);
      expect(body.plans.find((p: { code: string }) => p.code === 'MZ58')).toMatchObject({
        averageFen: 5_800,
        savingFen: 33_914,
        coversUse: true,
        proposable: true,
      });
      expect(body.recommendations).toEqual([
        {
          kind: 'cheaper_plan',
          targetPlanCode: 'MZ58',
          targetPlanName: '动感地带5G潮玩卡58元',
          offerCode: 'PLAN_MOVE_BIG_DATA_58',
          monthlyDifferenceFen: -33_914,
          reasons: [
            expect.objectContaining({ code: 'PLAN_SAVES_MONEY' }),
            expect.objectContaining({ code: 'HABITUAL_OVERAGE' }),
          ],
        },
        {
          // 40% at night (6,144 MB) moves to the pack: 1,900 + 950 + 9,216 − 3,072 MB × 3 + 1,000.
          kind: 'night_pack',
          targetPlanCode: null,
          targetPlanName: null,
          offerCode: 'NIGHT_DATA_PACK',
          monthlyDifferenceFen: 22_282 - 39_714,
          reasons: [
            {
              code: 'NIGHT_DATA_PEAK',
              params: { nightSharePct: 40, averageNightDataMb: 6_144, packFeeFen: 1_000 },
            },
          ],
        },
      ]);
    });

    it('reads runs stored before the night share was kept, and shows the share on the score', async () => {
      const response = await advice(agent1, ids.oldRun);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({ currentPlanCode: 'GT128', nightDataShare: null });
      expect(response.json().months).toHaveLength(3);
      const oldScore = await t.inject({ method: 'GET', url: `/api/subscribers/${ids.oldRun}/score` });
      expect(oldScore.statusCode, oldScore.body).toBe(200);
      expect(oldScore.json().series.nightDataShare).toBeNull();
      const score = await t.inject({ method: 'GET', url: `/api/subscribers/${ids.heavy}/score` });
      expect(score.json().series.nightDataShare).toBe(0.4);
    });

    it('answers a subscriber without a score with empty advice', async () => {
      const response = await advice(agent1, ids.unscored);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toEqual({
        subscriberId: ids.unscored,
        runId: null,
        asOf: null,
        currentPlanCode: 'GT128',
        months: [],
        nightDataShare: null,
        current: null,
        plans: [],
        recommendations: [],
      });
    });

    it("answers another agent's subscriber exactly like one that does not exist", async () => {
      const outside = await advice(agent2, ids.heavy);
      const missing = await advice(agent2, 2_000_000_000);
      expect(outside.statusCode).toBe(404);
      expect(missing.statusCode).toBe(404);
      const { requestId: _a, ...outsideError } = outside.json().error;
      const { requestId: _b, ...missingError } = missing.json().error;
      expect(outsideError).toEqual(missingError);
      const denied = await t.inject({
        method: 'GET',
        url: `/api/audit?action=access.denied&subscriberId=${ids.heavy}`,
      });
      expect(denied.json().items).toEqual([expect.objectContaining({ target: 'plan-advice' })]);
    });

    it('refuses roles that may not view subscribers, and a malformed id', async () => {
      expect((await advice(analyst, ids.heavy)).statusCode).toBe(403);
      const bad = await get(agent1, '/api/subscribers/abc/plan-advice');
      expect(bad.statusCode).toBe(400);
      expect(issuesOf(bad)[0]?.path).toBe('params.id');
    });
  });
});
