import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contactAttempts } from '#src/db/schema/contacts';
import { decisionSettingsVersions, offers } from '#src/db/schema/offers';
import { callTasks } from '#src/db/schema/work';
import { loadDecisionContext } from '#src/features/decisions/decisions.service';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

type Reason = { code: string; params: Record<string, string | number>; text: string };
type RankedAction = {
  action: string;
  title: string;
  offer: { code: string; name: string; costFen: number } | null;
  expectedValueFen: number;
  pSave: number;
  costFen: number;
  reasons: Reason[];
};
type NextBestAction = {
  subscriberId: number;
  budgetFen: number;
  settingsVersion: number;
  actions: RankedAction[];
};
type PSaveRow = {
  action: string;
  tier: string;
  prior: number;
  trials: number;
  saves: number;
  estimate: number;
};

const TODAY = todayIn('Asia/Shanghai');

describeEachEngine('next-best-action over HTTP', (getDb) => {
  let t: TestApp;
  let agent1: TestUser;
  let agent2: TestUser;
  let analyst: TestUser;
  let lead: TestUser;
  const ids = { leaving: 0, family: 0, otherBook: 0, unscored: 0 };

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    agent1 = await t.user('agent1', 'agent', 'A');
    agent2 = await t.user('agent2', 'agent', 'A');
    analyst = await t.user('analyst1', 'analyst');
    lead = await t.user('lead1', 'lead', 'A');

    const gt88 = await insertPlan(db, { code: 'GT88', name: '全球通88元', monthlyFeeFen: 8_800 });
    await insertPlan(db, { code: 'GT128', name: '全球通128元', monthlyFeeFen: 12_800 });
    const add = async (owner: TestUser | null, extra: Parameters<typeof insertSubscriber>[2] = {}) => {
      const row = await insertSubscriber(db, gt88.id, extra);
      if (owner) await assignToBook(db, row.id, owner.id);
      return row.id;
    };
    ids.leaving = await add(agent1, { joinDate: '2018-05-10' });
    ids.family = await add(agent1, { sceneTags: ['family'], joinDate: '2022-01-01' });
    ids.otherBook = await add(agent2);
    ids.unscored = await add(agent1);

    const offer = {
      rule: 'cost',
      kind: 'bill_discount',
      channel: 'call',
      validFrom: '2020-01-01',
      nameZh: '话费直降20元',
      nameEn: 'Bill discount of 20 CNY',
    };
    await db.insert(offers).values([
      { ...offer, code: 'BILL_DISCOUNT_20', costFen: 2_000, scriptCode: 'retention_service_marketing' },
      {
        ...offer,
        code: 'HANDSET_SUBSIDY_500',
        kind: 'handset_subsidy',
        costFen: 50_000,
        nameZh: '购机补贴500元',
      },
      { ...offer, code: 'WITHDRAWN_DISCOUNT', costFen: 100, isActive: false },
      { ...offer, code: 'EXPIRED_DISCOUNT', costFen: 100, validTo: '2021-12-31' },
      {
        ...offer,
        code: 'FAMILY_PLAN_128',
        rule: 'product',
        kind: 'family_plan',
        costFen: 500,
        targetPlanCode: 'GT128',
        eligibility: { sceneTags: ['family'] },
        nameZh: '98元升128元全家桶',
        nameEn: 'Family plan 128',
      },
    ]);

    await insertScoringRun(handle, [
      buildScore(ids.leaving, {
        probability: 0.6,
        riskBand: 'very_high',
        tier: 'churn_warning',
        tierReason: 'competitor_contact',
        lifecycleStage: 'decline',
        arpu3Fen: 15_800,
        signals: [{ code: 'COMPETITOR_HOTLINE', params: { calls30: 2 } }],
      }),
      buildScore(ids.family, {
        probability: 0.02,
        tier: 'potential',
        arpu3Fen: 9_000,
        keyMoments: [{ code: 'BIRTHDAY_CARE', dueDate: addDays(TODAY, 3), params: { daysUntil: 3 } }],
      }),
      buildScore(ids.otherBook, { probability: 0.5, tier: 'churn_warning' }),
    ]);
  }, 120_000);
  afterAll(async () => t?.close());

  const nba = async (user: TestUser, id: number, lang = 'zh-CN') => {
    const response = await t.injectAs(user, {
      method: 'GET',
      url: `/api/subscribers/${id}/next-best-action?lang=${lang}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as NextBestAction;
  };
  const pSaveRows = async () => {
    const response = await t.injectAs(analyst, { method: 'GET', url: '/api/decisions/p-save' });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().rows as PSaveRow[];
  };

  describe('a subscriber’s next best action', () => {
    it('recommends a retention call with the best offer within budget for a leaving subscriber', async () => {
      const view = await nba(agent1, ids.leaving);
      // Budget: 10% of a year of 158 CNY.
      expect(view.budgetFen).toBe(18_960);
      const [best] = view.actions;
      expect(best?.action).toBe('retention_call');
      expect(best?.offer).toEqual(
        expect.objectContaining({ code: 'BILL_DISCOUNT_20', name: '话费直降20元', costFen: 2_000 }),
      );
      // 0.6 × (158 CNY × 6 months) × P(save) 0.2 − (6 CNY call + 20 CNY offer).
      expect(best?.expectedValueFen).toBe(Math.round(0.6 * 15_800 * 6 * 0.2 - 2_600));
      const codes = best?.reasons.map((r) => r.code);
      expect(codes).toEqual([
        'risk',
        'value_at_risk',
        'p_save',
        'offer_within_budget',
        'budget_exceeded',
        'cost',
      ]);
      expect(best?.reasons[0]?.text).toBe('离网概率60%');
      expect(view.actions.map((a) => a.action)).toContain('no_action');
      for (const care of view.actions.filter((a) => a.action.startsWith('care')))
        expect(care.offer).toBeNull();
    });

    it('renders titles, offer names and reasons in English when asked', async () => {
      const [best] = (await nba(agent1, ids.leaving, 'en')).actions;
      expect(best?.title).toBe('Retention call');
      expect(best?.offer?.name).toBe('Bill discount of 20 CNY');
      expect(best?.reasons[0]?.text).toBe('Churn probability 60%');
      expect(best?.reasons.find((r) => r.code === 'budget_exceeded')?.text).toContain('1 offer(s) left out');
    });

    it('sells the family plan to a family subscriber at little risk, and raises care on a key moment', async () => {
      const view = await nba(agent1, ids.family);
      const upsell = view.actions.find((a) => a.action === 'upsell_call');
      expect(upsell?.offer?.code).toBe('FAMILY_PLAN_128');
      // Gain: 128 − 90 CNY a month for 6 months × P(accept) 0.15 − (6 CNY call + 5 CNY offer).
      expect(upsell?.expectedValueFen).toBe(Math.round(3_800 * 6 * 0.15 - 1_100));
      expect(view.actions[0]?.action).toBe('upsell_call');
      const careCall = view.actions.find((a) => a.action === 'care_call');
      expect(careCall?.reasons.map((r) => r.code)).toContain('care_moment');
    });

    it('answers 404 for a subscriber outside the agent’s book, unknown, or without a current score', async () => {
      for (const id of [ids.otherBook, 99_999_999, ids.unscored]) {
        const response = await t.injectAs(agent1, {
          method: 'GET',
          url: `/api/subscribers/${id}/next-best-action`,
        });
        expect(response.statusCode, `${id}: ${response.body}`).toBe(404);
      }
      expect((await nba(lead, ids.otherBook)).subscriberId).toBe(ids.otherBook);
    });

    it('refuses a malformed id or language with the field named, and a role without subscribers.view', async () => {
      const badId = await t.injectAs(agent1, { method: 'GET', url: '/api/subscribers/abc/next-best-action' });
      expect(badId.statusCode).toBe(400);
      expect(badId.json().error.issues[0].path).toBe('params.id');
      const badLang = await t.injectAs(agent1, {
        method: 'GET',
        url: `/api/subscribers/${ids.leaving}/next-best-action?lang=fr`,
      });
      expect(badLang.statusCode).toBe(400);
      expect(badLang.json().error.issues[0].path).toBe('querystring.lang');
      const analystView = await t.injectAs(analyst, {
        method: 'GET',
        url: `/api/subscribers/${ids.leaving}/next-best-action`,
      });
      expect(analystView.statusCode).toBe(403);
    });
  });

  describe('the decision context for the planner', () => {
    it('holds the offers on sale today with their target plan fees, the settings and P(save)', async () => {
      const context = await loadDecisionContext(getDb().db, TODAY);
      const codes = context.offers.map((o) => o.code).sort();
      expect(codes).toEqual(['BILL_DISCOUNT_20', 'FAMILY_PLAN_128', 'HANDSET_SUBSIDY_500']);
      expect(context.offers.find((o) => o.code === 'FAMILY_PLAN_128')?.targetPlanFeeFen).toBe(12_800);
      expect(context.offers.find((o) => o.code === 'BILL_DISCOUNT_20')?.targetPlanFeeFen).toBeNull();
      expect(context.pSave.get('retention_call', 'churn_warning')).toBe(0.2);
    });
  });

  describe('P(save) re-estimated from outcomes', () => {
    it('shows the priors with no outcomes, to decision managers only', async () => {
      const rows = await pSaveRows();
      const cell = rows.find((r) => r.action === 'retention_call' && r.tier === 'churn_warning');
      expect(cell).toEqual({
        action: 'retention_call',
        tier: 'churn_warning',
        prior: 0.2,
        trials: 0,
        saves: 0,
        estimate: 0.2,
      });
      for (const who of [agent1, lead]) {
        const response = await t.injectAs(who, { method: 'GET', url: '/api/decisions/p-save' });
        expect(response.statusCode).toBe(403);
      }
    });

    it('counts reached calls by action (from the attempt or its task) and the tier of the current run', async () => {
      const { db } = getDb();
      const at = new Date(Date.now() - 2 * 86_400_000);
      const [task] = await db
        .insert(callTasks)
        .values({ subscriberId: ids.otherBook, kind: 'retention_call', action: 'retention_call' })
        .returning();
      const attempt = {
        channel: 'call',
        purpose: 'marketing',
        startedAt: at,
        reached: true,
        disposition: 'refused',
      } as const;
      await db.insert(contactAttempts).values([
        // Four reached retention calls to churn-warning subscribers, two accepted.
        {
          ...attempt,
          subscriberId: ids.leaving,
          disposition: 'accepted',
          details: { action: 'retention_call' },
        },
        { ...attempt, subscriberId: ids.leaving, details: { action: 'retention_call' } },
        { ...attempt, subscriberId: ids.otherBook, disposition: 'accepted', taskId: task?.id ?? null },
        { ...attempt, subscriberId: ids.otherBook, taskId: task?.id ?? null },
        // Not counted: not reached, an SMS, older than the look-back, no action known.
        {
          ...attempt,
          subscriberId: ids.leaving,
          reached: false,
          disposition: 'not_reached',
          details: { action: 'retention_call' },
        },
        {
          ...attempt,
          subscriberId: ids.leaving,
          channel: 'sms',
          disposition: 'sms_sent',
          details: { action: 'retention_call' },
        },
        {
          ...attempt,
          subscriberId: ids.leaving,
          disposition: 'accepted',
          startedAt: new Date(Date.now() - 400 * 86_400_000),
          details: { action: 'retention_call' },
        },
        { ...attempt, subscriberId: ids.leaving, disposition: 'accepted' },
        // An upsell accepted by a potential-tier subscriber.
        { ...attempt, subscriberId: ids.family, disposition: 'accepted', details: { action: 'upsell_call' } },
      ]);

      const rows = await pSaveRows();
      const retention = rows.find((r) => r.action === 'retention_call' && r.tier === 'churn_warning');
      expect(retention).toEqual(expect.objectContaining({ trials: 4, saves: 2 }));
      expect(retention?.estimate).toBeCloseTo((0.2 * 20 + 2) / (20 + 4), 10);
      const upsell = rows.find((r) => r.action === 'upsell_call' && r.tier === 'potential');
      expect(upsell).toEqual(expect.objectContaining({ trials: 1, saves: 1 }));
      expect(upsell?.estimate).toBeCloseTo((0.15 * 20 + 1) / 21, 10);

      const [best] = (await nba(agent1, ids.leaving)).actions;
      expect(best?.reasons.find((r) => r.code === 'p_save')?.params.pSave).toBe(0.25);
    });
  });

  describe('versioned settings', () => {
    it('serves the built-in defaults as version 0 to decision managers only', async () => {
      const response = await t.injectAs(analyst, { method: 'GET', url: '/api/decisions/settings' });
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.version).toBe(0);
      expect(body.settings.budget).toEqual({ maxShareOfAnnualValue: 0.1, capFen: 30_000 });
      const agentTry = await t.injectAs(agent1, { method: 'GET', url: '/api/decisions/settings' });
      expect(agentTry.statusCode).toBe(403);
      const agentPut = await t.injectAs(agent1, {
        method: 'PUT',
        url: '/api/decisions/settings',
        payload: { settings: {} },
      });
      expect(agentPut.statusCode).toBe(403);
    });

    it('refuses an out-of-bounds or unknown lever with its path and saves nothing', async () => {
      const cases: [unknown, string][] = [
        [{ budget: { maxShareOfAnnualValue: 1.5 } }, 'body.settings.budget.maxShareOfAnnualValue'],
        [{ costs: { callCostFen: -1 } }, 'body.settings.costs.callCostFen'],
        [{ value: { horizonMonths: 2.5 } }, 'body.settings.value.horizonMonths'],
        [
          { pSave: { priors: { care_sms: { byTier: { ordinary: 2 } } } } },
          'body.settings.pSave.priors.care_sms.byTier.ordinary',
        ],
      ];
      for (const [settings, path] of cases) {
        const response = await t.injectAs(analyst, {
          method: 'PUT',
          url: '/api/decisions/settings',
          payload: { settings },
        });
        expect(response.statusCode, response.body).toBe(400);
        expect(response.json().error.issues.map((i: { path: string }) => i.path)).toContain(path);
      }
      const unknown = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/decisions/settings',
        payload: { settings: { budgett: {} } },
      });
      expect(unknown.statusCode).toBe(400);
      expect(JSON.stringify(unknown.json().error)).toContain('budgett');
      expect(await getDb().db.select().from(decisionSettingsVersions)).toEqual([]);
    });

    it('saves a partial document as the next version, fills defaults, and next-best-action uses it', async () => {
      const response = await t.injectAs(analyst, {
        method: 'PUT',
        url: '/api/decisions/settings',
        payload: {
          note: 'tighter budget, no retention calls',
          settings: { budget: { capFen: 1_000 }, actions: { retention_call: { enabled: false } } },
        },
      });
      expect(response.statusCode, response.body).toBe(200);
      const saved = response.json();
      expect(saved.version).toBe(1);
      expect(saved.settings.budget).toEqual({ maxShareOfAnnualValue: 0.1, capFen: 1_000 });
      expect(saved.settings.value.horizonMonths).toBe(6);
      const [stored] = await getDb()
        .db.select()
        .from(decisionSettingsVersions)
        .where(eq(decisionSettingsVersions.version, 1));
      expect(stored?.createdBy).toBe(analyst.id);
      expect(
        (await t.injectAs(analyst, { method: 'GET', url: '/api/decisions/settings' })).json().version,
      ).toBe(1);

      const view = await nba(agent1, ids.leaving);
      expect(view.settingsVersion).toBe(1);
      expect(view.budgetFen).toBe(1_000);
      expect(view.actions.map((a) => a.action)).not.toContain('retention_call');
      const family = await nba(agent1, ids.family);
      // The family plan's 5 CNY cost is within 10 CNY; nothing offered costs more than the budget.
      for (const action of [...view.actions, ...family.actions]) {
        if (action.offer) expect(action.offer.costFen).toBeLessThanOrEqual(1_000);
      }
    });
  });
});
