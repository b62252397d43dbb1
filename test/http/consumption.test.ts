import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type {
  SegmentConsumption,
  SubscriberConsumption,
} from '#src/features/consumption/consumption.schemas';
import type { ScoreRecord, ScoreSeries } from '#src/features/scoring/runs/score-record';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

const MIX = { voice: 0.4, data: 0.5, valueAdded: 0.1 };

function flat(value: number): number[] {
  return [value, value, value, value, value, value];
}

/** A series whose last month differs from the five before it. */
function withLast(before: number, last: number): number[] {
  return [before, before, before, before, before, last];
}

type Peer = { arpu3Fen: number; series: ScoreSeries };

/**
 * The tier × city under test (high_value, 南京): the subject and four peers, chosen so the
 * quartiles interpolate (percentile_cont) and the segment's monthly totals move.
 *   last-month spend  15000 | 5000 10000 20000 25000 → p25 10000, median 15000, p75 20000
 *   last-month data     500 | 100 200 400 800        → p25 200, median 400, p75 500
 *   last-month minutes  300 | 100 200 400 800        → p25 200, median 300, p75 400
 *   night share        0.25 | 0.1 0.2 — 0.4          → median 0.225
 *   ARPU (3-month)    12000 | 6000 9000 21000 30000  → mean 15600, median 12000
 */
const SUBJECT: Peer = {
  arpu3Fen: 12_000,
  series: {
    spendFen: [10_000, 10_000, 8_000, 10_000, 12_000, 15_000],
    minutes: [300, 300, 300, 200, 400, 300],
    dataMb: [900, 900, 1_000, 1_000, 1_000, 500],
    mix: MIX,
    nightDataShare: 0.25,
  },
};
const PEERS: Peer[] = [
  {
    arpu3Fen: 6_000,
    series: { spendFen: flat(5_000), minutes: flat(100), dataMb: flat(100), mix: MIX, nightDataShare: 0.1 },
  },
  {
    arpu3Fen: 9_000,
    series: { spendFen: flat(10_000), minutes: flat(200), dataMb: flat(200), mix: MIX, nightDataShare: 0.2 },
  },
  {
    arpu3Fen: 21_000,
    // A run stored before the night share was kept: no such key.
    series: { spendFen: flat(20_000), minutes: flat(400), dataMb: flat(400), mix: MIX },
  },
  {
    arpu3Fen: 30_000,
    // No spend mix: counts for ARPU, not for the revenue split.
    series: {
      spendFen: flat(25_000),
      minutes: withLast(500, 800),
      dataMb: withLast(500, 800),
      mix: null,
      nightDataShare: 0.4,
    },
  },
];

describeEachEngine('consumption analysis over HTTP', (getDb) => {
  let t: TestApp;
  let agent: TestUser;
  let otherAgent: TestUser;
  let lead: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  let subjectId = 0;
  const peerIds: number[] = [];

  beforeAll(async () => {
    const handle = getDb();
    const { db } = handle;
    t = await buildTestApp(handle);
    agent = await t.user('cons-agent', 'agent', 'Team C');
    otherAgent = await t.user('cons-agent-2', 'agent', 'Team D');
    lead = await t.user('cons-lead', 'lead', 'Team C');
    analyst = await t.user('cons-analyst', 'analyst');
    auditor = await t.user('cons-auditor', 'auditor');
    const plan = await insertPlan(db);
    const nanjing = async () => (await insertSubscriber(db, plan.id, { city: '南京' })).id;
    subjectId = await nanjing();
    for (const _ of PEERS) peerIds.push(await nanjing());
    const potentialId = await nanjing();
    const suzhouId = (await insertSubscriber(db, plan.id, { city: '苏州' })).id;
    // The lead's team books: the subject and the first peer.
    await assignToBook(db, subjectId, agent.id);
    await assignToBook(db, peerIds[0] ?? 0, agent.id);

    const records: ScoreRecord[] = [
      buildScore(subjectId, { ...SUBJECT, city: '南京' }),
      ...PEERS.map((peer, i) => buildScore(peerIds[i] ?? 0, { ...peer, city: '南京' })),
      // Same city, other tier; same tier, other city: neither is a peer.
      buildScore(potentialId, {
        tier: 'potential',
        lifecycleStage: 'growth',
        arpu3Fen: 3_000,
        city: '南京',
        series: { spendFen: flat(3_000), minutes: flat(9_999), dataMb: flat(9_999), mix: MIX },
      }),
      buildScore(suzhouId, {
        arpu3Fen: 50_000,
        city: '苏州',
        series: { spendFen: flat(50_000), minutes: flat(9_999), dataMb: flat(9_999), mix: MIX },
      }),
    ];
    await insertScoringRun(handle, records, '2026-03-31');
  });

  afterAll(async () => {
    await t.close();
  });

  const get = async (who: TestUser, url: string) => t.injectAs(who, { method: 'GET', url });

  describe('one subscriber', () => {
    it('splits each month’s spend into voice, data and value-added revenue, saying the mix is 3-monthly', async () => {
      const response = await get(agent, `/api/subscribers/${subjectId}/consumption`);
      expect(response.statusCode).toBe(200);
      const body = response.json<SubscriberConsumption>();
      expect(body.months).toEqual(['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03']);
      expect(body.revenue[5]).toEqual({
        month: '2026-03',
        spendFen: 15_000,
        voiceFen: 6_000,
        dataFen: 7_500,
        valueAddedFen: 1_500,
        otherFen: 0,
      });
      expect(body.revenue[2]?.voiceFen).toBe(3_200);
      expect(body.notes).toContain('MIX_IS_3_MONTH_SHARE');
    });

    it('compares the last month with the mean of the 3 before it', async () => {
      const body = (
        await get(agent, `/api/subscribers/${subjectId}/consumption`)
      ).json<SubscriberConsumption>();
      expect(body.vsHistory.spendFen).toEqual({
        last: 15_000,
        baselineMean: 10_000,
        baselineMonths: 3,
        changePct: 50,
        direction: 'up',
      });
      expect(body.vsHistory.minutes).toMatchObject({ baselineMean: 300, changePct: 0, direction: 'flat' });
      expect(body.vsHistory.dataMb).toMatchObject({ baselineMean: 1_000, changePct: -50, direction: 'down' });
    });

    it('places the last month among peers of the same tier and city by their quartiles', async () => {
      const body = (
        await get(agent, `/api/subscribers/${subjectId}/consumption`)
      ).json<SubscriberConsumption>();
      expect(body.vsPeers).toMatchObject({ tier: 'high_value', city: '南京', peers: 5, month: '2026-03' });
      expect(body.vsPeers.spendFen).toEqual({
        value: 15_000,
        p25: 10_000,
        median: 15_000,
        p75: 20_000,
        position: 'p25_to_median',
      });
      // Interpolated quartiles of 100, 200, 400, 500, 800.
      expect(body.vsPeers.dataMb).toEqual({
        value: 500,
        p25: 200,
        median: 400,
        p75: 500,
        position: 'median_to_p75',
      });
      expect(body.vsPeers.minutes).toMatchObject({ p25: 200, median: 300, p75: 400 });
    });

    it('gives the night share of data as the time-of-day profile and says hourly usage is missing', async () => {
      const body = (
        await get(agent, `/api/subscribers/${subjectId}/consumption`)
      ).json<SubscriberConsumption>();
      expect(body.timeOfDay).toMatchObject({
        source: 'series_night_share',
        windowDays: 30,
        nightDataShare: 0.25,
        dayDataShare: 0.75,
      });
      expect(body.timeOfDay.peerMedianNightDataShare).toBeCloseTo(0.225, 10);
      expect(body.notes).toContain('NIGHT_SHARE_ONLY');
    });

    it('says so when the run kept no night share or no revenue mix', async () => {
      const noNight = (
        await get(t.admin, `/api/subscribers/${peerIds[2]}/consumption`)
      ).json<SubscriberConsumption>();
      expect(noNight.timeOfDay.nightDataShare).toBeNull();
      expect(noNight.notes).toContain('NO_NIGHT_SHARE');
      const noMix = (
        await get(t.admin, `/api/subscribers/${peerIds[3]}/consumption`)
      ).json<SubscriberConsumption>();
      expect(noMix.mix).toBeNull();
      expect(noMix.revenue[5]?.voiceFen).toBeNull();
      expect(noMix.notes).toContain('NO_REVENUE_MIX');
    });

    it('answers 404 for a subscriber outside the reader’s book, as for one that does not exist', async () => {
      const outside = await get(otherAgent, `/api/subscribers/${subjectId}/consumption`);
      expect(outside.statusCode).toBe(404);
      const missing = await get(otherAgent, '/api/subscribers/987654321/consumption');
      expect(missing.statusCode).toBe(404);
      expect(outside.json().error.code).toBe(missing.json().error.code);
    });

    it('refuses auditors, and analysts (who never open one subscriber)', async () => {
      expect((await get(auditor, `/api/subscribers/${subjectId}/consumption`)).statusCode).toBe(403);
      expect((await get(analyst, `/api/subscribers/${subjectId}/consumption`)).statusCode).toBe(403);
    });

    it('rejects an id that is not a positive integer', async () => {
      const response = await get(agent, '/api/subscribers/abc/consumption');
      expect(response.statusCode).toBe(400);
    });
  });

  describe('per segment', () => {
    it('gives ARPU, the revenue split, medians and month-over-month spend for a tier × city', async () => {
      const response = await get(
        analyst,
        '/api/consumption/segments?tier=high_value&city=%E5%8D%97%E4%BA%AC',
      );
      expect(response.statusCode).toBe(200);
      const body = response.json<SegmentConsumption>();
      expect(body.filter).toEqual({ tier: 'high_value', city: '南京', lifecycleStage: null });
      expect(body.segments).toHaveLength(1);
      const [segment] = body.segments;
      expect(segment).toMatchObject({
        tier: 'high_value',
        city: '南京',
        subscribers: 5,
        arpuMeanFen: 15_600,
        arpuMedianFen: 12_000,
        minutesMedian: 300,
        dataMbMedian: 400,
        spendFenByMonth: [70_000, 70_000, 68_000, 70_000, 72_000, 75_000],
        spendChangePct: [0, -2.9, 2.9, 2.9, 4.2],
      });
      // The split covers the four subscribers with a mix: 48000 fen of ARPU.
      expect(segment?.revenue).toMatchObject({
        voiceFen: 19_200,
        dataFen: 24_000,
        valueAddedFen: 4_800,
        otherFen: 0,
      });
      expect(segment?.revenue.voiceShare).toBeCloseTo(0.4, 10);
      expect(body.overall?.subscribers).toBe(5);
    });

    it('lists every tier × city without a filter, largest first, with the overall figures', async () => {
      const body = (await get(analyst, '/api/consumption/segments')).json<SegmentConsumption>();
      expect(body.segments.map((s) => `${s.tier}|${s.city}`)).toEqual([
        'high_value|南京',
        'high_value|苏州',
        'potential|南京',
      ]);
      expect(body.overall?.subscribers).toBe(7);
      expect(body.overall?.arpuMeanFen).toBe(Math.round((78_000 + 3_000 + 50_000) / 7));
    });

    it('narrows by lifecycle stage', async () => {
      const body = (
        await get(analyst, '/api/consumption/segments?lifecycleStage=growth')
      ).json<SegmentConsumption>();
      expect(body.segments.map((s) => s.tier)).toEqual(['potential']);
    });

    it('shows a lead only their team’s books', async () => {
      const body = (await get(lead, '/api/consumption/segments')).json<SegmentConsumption>();
      expect(body.segments).toHaveLength(1);
      expect(body.segments[0]).toMatchObject({ subscribers: 2, arpuMeanFen: 9_000, arpuMedianFen: 9_000 });
    });

    it('refuses auditors and agents', async () => {
      expect((await get(auditor, '/api/consumption/segments')).statusCode).toBe(403);
      expect((await get(agent, '/api/consumption/segments')).statusCode).toBe(403);
    });

    it('rejects an unknown tier or lifecycle stage, naming the field', async () => {
      const badTier = await get(analyst, '/api/consumption/segments?tier=gold');
      expect(badTier.statusCode).toBe(400);
      expect(JSON.stringify(badTier.json())).toContain('tier');
      const badStage = await get(analyst, '/api/consumption/segments?lifecycleStage=teen');
      expect(badStage.statusCode).toBe(400);
      expect(JSON.stringify(badStage.json())).toContain('lifecycleStage');
    });
  });
});
