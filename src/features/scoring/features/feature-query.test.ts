import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '#src/db/client';
import { contracts } from '#src/db/schema/contracts';
import { complaints, serviceContacts } from '#src/db/schema/service';
import { subscriberStatusHistory } from '#src/db/schema/subscribers';
import { satisfactionRevisits, tickets } from '#src/db/schema/tickets';
import { importBills } from '#src/features/ingest/usage/bills.import';
import {
  BILLS_HEADER,
  billLine,
  csv,
  openScratch,
  type Scratch,
  USAGE_HEADER,
  usageLine,
} from '#src/features/ingest/usage/test-files';
import { importUsage } from '#src/features/ingest/usage/usage.import';
import { addDays, daysBetween } from '#src/lib/months';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';
import { computeFeatures } from './feature-query';
import type { PopulationStats, SubscriberFeatures } from './subscriber-features';

const AS_OF = '2026-10-31';

// Hand-made subscribers; the comments give the arithmetic behind each expected value.
const MSISDN = {
  rich: '13900000101', // bills with a gap, zero-call runs, competitors, contracts, complaints
  churnedBefore: '13900000102', // churned 2026-09-15: not scored
  churnedAfter: '13900000103', // churned 2026-11-10: active on asOf, no usage data
  suspended: '13900000104', // arrears-suspended since 2026-10-20, a 0-fen month
  newcomer: '13900000105', // joined 2026-10-22: the window starts at the join date
  notYetJoined: '13900000106', // joined 2026-11-05: not scored
  plain: '13900000107', // three bills, one usage day
} as const;
type Key = keyof typeof MSISDN;

const ZERO_CALLS = { calls_out: '0', calls_in: '0', minutes: '0', distinct_contacts: '0' };
const IDLE = { ...ZERO_CALLS, data_mb: '0', night_data_mb: '0' };

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

function usageRows(): string[] {
  const line = (key: Key, date: string, overrides: Record<string, string> = {}) =>
    usageLine(MSISDN[key], date, { competitor_marketing_contacts: '0', ...overrides });
  return [
    // rich: outside the window (before 10-02, after asOf) with competitor traces that must not count
    line('rich', '2026-09-30', { competitor_hotline_calls: '7' }),
    line('rich', '2026-10-01', { competitor_hotline_calls: '9' }),
    line('rich', '2026-11-01', { competitor_hotline_calls: '5', competitor_marketing_contacts: '5' }),
    // rich in the window: calls 10-02..10-09, 10-17, 10-21..10-30 (19 call days); 10-10..10-14
    // data only; 10-15, 10-16 and 10-31 no row; 10-18..10-20 idle. Zero-call runs: 10-10..10-16
    // (7), 10-18..10-20 (3), 10-31 (1).
    ...days('2026-10-02', '2026-10-09').map((d) =>
      line(
        'rich',
        d,
        d === '2026-10-05'
          ? { competitor_hotline_calls: '1' }
          : d === '2026-10-08'
            ? { competitor_marketing_contacts: '1' }
            : {},
      ),
    ),
    ...days('2026-10-10', '2026-10-14').map((d) => line('rich', d, ZERO_CALLS)),
    line('rich', '2026-10-17'),
    ...days('2026-10-18', '2026-10-20').map((d) => line('rich', d, IDLE)),
    ...days('2026-10-21', '2026-10-30').map((d) =>
      line(
        'rich',
        d,
        d === '2026-10-25'
          ? { competitor_hotline_calls: '2' }
          : d === '2026-10-28'
            ? { competitor_marketing_contacts: '2' }
            : {},
      ),
    ),
    // suspended: two data-only days
    ...['2026-10-20', '2026-10-21'].map((d) =>
      line('suspended', d, { ...ZERO_CALLS, data_mb: '100', night_data_mb: '0' }),
    ),
    // newcomer: calls 10-22..10-25, then nothing
    ...days('2026-10-22', '2026-10-25').map((d) => line('newcomer', d)),
    line('plain', '2026-10-31'),
    // churnedAfter: active before the window only (the last time on 10-01, the day before it), then
    // an idle day after asOf that must not count
    line('churnedAfter', '2026-09-20', { ...ZERO_CALLS, data_mb: '10', night_data_mb: '0' }),
    line('churnedAfter', '2026-10-01'),
    line('churnedAfter', '2026-11-02'),
  ];
}

function billRows(): string[] {
  const bill = (key: Key, month: string, total: string, parts: string[]) => {
    const [voice, data, sms, valueAdded, overage, minutes, dataMb, smsCount] = parts;
    return billLine(MSISDN[key], month, {
      total_yuan: total,
      voice_yuan: voice ?? '0',
      data_yuan: data ?? '0',
      sms_yuan: sms ?? '0',
      value_added_yuan: valueAdded ?? '0',
      overage_yuan: overage ?? '0',
      minutes: minutes ?? '0',
      data_mb: dataMb ?? '0',
      sms_count: smsCount ?? '0',
    });
  };
  return [
    bill('rich', '2026-04', '500', ['100', '100', '5', '5', '0', '1', '1', '1']), // before the series
    bill('rich', '2026-05', '100', ['40', '50', '5', '5', '0', '300', '1000', '10']),
    bill('rich', '2026-06', '120', ['50', '60', '5', '5', '10', '320', '1200', '12']),
    bill('rich', '2026-07', '110', ['40', '60', '5', '5', '0', '310', '1100', '11']),
    // no 2026-08 bill
    bill('rich', '2026-09', '90', ['30', '50', '5', '5', '0', '200', '1000', '9']),
    bill('rich', '2026-10', '60', ['20', '30', '5', '5', '5', '50', '250.5', '8']),
    bill('rich', '2026-11', '999', ['100', '100', '5', '5', '0', '1', '1', '1']), // after asOf
    bill('suspended', '2026-09', '0', []),
    bill('suspended', '2026-10', '80', ['20', '40', '5', '15', '0', '100', '500', '3']),
    bill('plain', '2026-08', '200', ['100', '90', '5', '5', '0', '100', '100', '1']),
    bill('plain', '2026-09', '300', ['100', '190', '5', '5', '0', '100', '100', '1']),
    bill('plain', '2026-10', '400', ['100', '290', '5', '5', '0', '100', '100', '1']),
    bill('churnedBefore', '2026-08', '100', ['50', '50', '0', '0', '0', '1', '1', '1']),
  ];
}

async function seed(handle: DbHandle, scratch: Scratch): Promise<Record<Key, number>> {
  const { db } = handle;
  const plan = await insertPlan(db, { code: 'FQ128', monthlyFeeFen: 12800 });
  const add = async (key: Key, joinDate: string, extra: Parameters<typeof insertSubscriber>[2] = {}) =>
    (await insertSubscriber(db, plan.id, { msisdn: MSISDN[key], joinDate, statusSince: joinDate, ...extra }))
      .id;
  const id: Record<Key, number> = {
    rich: await add('rich', '2015-03-01', {
      contractEnd: '2027-06-30',
      sceneTags: ['family', 'student'],
      handsetModel: 'Mate 60',
      isGroupCustomer: true,
    }),
    churnedBefore: await add('churnedBefore', '2010-01-01', { status: 'churned', statusSince: '2026-09-15' }),
    churnedAfter: await add('churnedAfter', '2012-05-20', {
      status: 'churned',
      statusSince: '2026-11-10',
      contractEnd: '2026-11-30',
      district: null,
      birthDate: null,
    }),
    suspended: await add('suspended', '2016-01-31', {
      status: 'arrears_suspended',
      statusSince: '2026-10-20',
    }),
    newcomer: await add('newcomer', '2026-10-22', { contractEnd: '2026-10-01' }),
    notYetJoined: await add('notYetJoined', '2026-11-05'),
    plain: await add('plain', '2018-01-01'),
  };
  await db.insert(subscriberStatusHistory).values([
    { subscriberId: id.rich, validFrom: '2015-03-01', status: 'active' },
    { subscriberId: id.churnedBefore, validFrom: '2010-01-01', validTo: '2026-09-15', status: 'active' },
    { subscriberId: id.churnedBefore, validFrom: '2026-09-15', status: 'churned' },
    { subscriberId: id.churnedAfter, validFrom: '2012-05-20', validTo: '2026-11-10', status: 'active' },
    { subscriberId: id.churnedAfter, validFrom: '2026-11-10', status: 'churned' },
    { subscriberId: id.suspended, validFrom: '2016-01-31', validTo: '2026-10-20', status: 'active' },
    { subscriberId: id.suspended, validFrom: '2026-10-20', status: 'arrears_suspended' },
    { subscriberId: id.newcomer, validFrom: '2026-10-22', status: 'active' },
    { subscriberId: id.notYetJoined, validFrom: '2026-11-05', status: 'active' },
    { subscriberId: id.plain, validFrom: '2018-01-01', status: 'active' },
  ]);
  const contract = (contractNo: string, startDate: string, endDate: string, status = 'active') => ({
    subscriberId: id.rich,
    contractNo,
    kind: 'handset',
    startDate,
    endDate,
    status,
  });
  await db.insert(contracts).values([
    contract('C1', '2025-01-01', '2027-03-31'),
    contract('C2', '2024-01-01', '2026-12-15'), // nearest: 45 days after asOf
    contract('C3', '2025-01-01', '2026-11-10', 'cancelled'),
    contract('C4', '2024-01-01', '2026-10-30', 'ended'),
    contract('C5', '2026-11-05', '2026-11-20'), // starts after asOf
  ]);
  const at = (text: string) => new Date(text);
  const complaint = (no: string, opened: string, due: string | null, resolved: string | null) => ({
    subscriberId: id.rich,
    complaintNo: no,
    openedAt: at(opened),
    category: 'network_signal',
    status: resolved ? 'resolved' : 'open',
    slaDueAt: due ? at(due) : null,
    resolvedAt: resolved ? at(resolved) : null,
  });
  await db.insert(complaints).values([
    // open on asOf (resolved after), overdue since 09-13
    complaint('K1', '2026-09-10T10:00:00+08:00', '2026-09-13T10:00:00+08:00', '2026-11-05T10:00:00+08:00'),
    // open, due after asOf
    complaint('K2', '2026-10-20T09:00:00+08:00', '2026-11-02T09:00:00+08:00', null),
    // resolved before the 90 days
    complaint('K3', '2026-06-01T10:00:00+08:00', null, '2026-06-03T12:00:00+08:00'),
    // resolved 2026-11-01 07:00 in Shanghai (still 10-31 in UTC): open and overdue on asOf
    complaint('K4', '2026-10-25T10:00:00+08:00', '2026-10-28T10:00:00+08:00', '2026-11-01T07:00:00+08:00'),
    // opened after asOf: ignored
    complaint('K5', '2026-11-02T10:00:00+08:00', '2026-11-03T10:00:00+08:00', null),
    // the last resolution on or before asOf
    complaint('K6', '2026-08-20T10:00:00+08:00', null, '2026-10-15T10:00:00+08:00'),
  ]);
  // Our own tickets on the suspended subscriber: counted with the imported complaints unless they
  // mirror one (complaint_no set).
  const ticket = (
    opened: string,
    due: string,
    rest: { status?: string; closed?: string; breached?: string; complaintNo?: string } = {},
  ) => ({
    subscriberId: id.suspended,
    source: 'contact',
    complaintNo: rest.complaintNo ?? null,
    category: 'network_signal',
    title: '信号差',
    vipLevel: 'gold',
    groupName: '网格',
    openedAt: at(opened),
    slaTerms: {},
    dueAt: at(due),
    status: rest.status ?? 'open',
    closedAt: rest.closed ? at(rest.closed) : null,
    breachedAt: rest.breached ? at(rest.breached) : null,
  });
  await db.insert(tickets).values([
    // open and past due on asOf
    ticket('2026-10-25T10:00:00+08:00', '2026-10-26T10:00:00+08:00'),
    // closed before asOf: in the 90 days, not open
    ticket('2026-10-10T10:00:00+08:00', '2026-10-12T10:00:00+08:00', {
      status: 'closed',
      closed: '2026-10-20T10:00:00+08:00',
    }),
    // mirrors an imported complaint: not counted twice
    ticket('2026-10-28T10:00:00+08:00', '2026-10-29T10:00:00+08:00', { complaintNo: 'K9' }),
    // opened after asOf: ignored
    ticket('2026-11-02T10:00:00+08:00', '2026-11-03T10:00:00+08:00'),
    // waiting on the customer: open, its paused clock's due time is no breach
    ticket('2026-10-29T10:00:00+08:00', '2026-10-30T10:00:00+08:00', { status: 'waiting_customer' }),
    // breached in September, closed after asOf: open and overdue on asOf
    ticket('2026-09-01T10:00:00+08:00', '2026-09-04T10:00:00+08:00', {
      status: 'closed',
      closed: '2026-11-03T10:00:00+08:00',
      breached: '2026-09-04T10:00:00+08:00',
    }),
  ]);
  const revisit = (score: number | null, answered: string | null) => ({
    subscriberId: id.suspended,
    ticketId: 1,
    channel: 'call',
    status: answered ? 'answered' : 'pending',
    score,
    answeredAt: answered ? at(answered) : null,
  });
  await db.insert(satisfactionRevisits).values([
    revisit(1, '2026-10-21T10:00:00+08:00'), // unhappy, in the 90 days
    revisit(2, '2026-07-01T10:00:00+08:00'), // unhappy, before the 90 days
    revisit(4, '2026-10-30T10:00:00+08:00'), // the latest answer on or before asOf
    revisit(1, '2026-11-02T10:00:00+08:00'), // after asOf: ignored
    revisit(null, null), // not answered
  ]);
  const contact = (occurred: string, type: string) => ({
    subscriberId: id.rich,
    occurredAt: at(occurred),
    channel: 'phone',
    direction: 'inbound',
    type,
  });
  await db.insert(serviceContacts).values([
    contact('2026-10-05T10:00:00+08:00', 'consultation'),
    contact('2026-06-01T10:00:00+08:00', 'consultation'), // in 180 days, not in 90
    contact('2026-04-01T10:00:00+08:00', 'consultation'), // before the 180 days
    contact('2026-09-01T10:00:00+08:00', 'business'),
    contact('2026-10-20T10:00:00+08:00', 'business'),
    contact('2026-10-31T23:30:00+08:00', 'complaint'),
    contact('2026-11-01T06:00:00+08:00', 'business'), // 10-31 in UTC, 11-01 in Shanghai
    contact('2026-11-03T10:00:00+08:00', 'business'),
  ]);

  const ctx = scratch.context(handle);
  const bills = await importBills(ctx, scratch.write('bills.csv', csv(BILLS_HEADER, ...billRows())));
  const usage = await importUsage(ctx, scratch.write('usage.csv', csv(USAGE_HEADER, ...usageRows())));
  if (bills.status !== 'committed' || usage.status !== 'committed') {
    throw new Error(`fixture import failed: ${JSON.stringify([bills.errors, usage.errors])}`);
  }
  return id;
}

describeEachEngine('computeFeatures', (getDb) => {
  let scratch: Scratch;
  let workDir: string;
  let id: Record<Key, number>;
  const batches: SubscriberFeatures[][] = [];
  const seen: PopulationStats[] = [];
  let result: Awaited<ReturnType<typeof computeFeatures>>;
  const byId = (subscriberId: number) => {
    const row = batches.flat().find((r) => r.subscriberId === subscriberId);
    if (!row) throw new Error(`no features for subscriber ${subscriberId}`);
    return row;
  };
  const runOptions = (
    onBatch: (rows: SubscriberFeatures[], population: PopulationStats) => Promise<void>,
  ) => ({
    engine: getDb().engine,
    usage: scratch.usage,
    asOf: AS_OF,
    workDir,
    batchSize: 2,
    percentiles: { generalValue: 0.8, highValue: 0.95, influence: 0.9 },
    onBatch,
  });
  const run = (onBatch: (rows: SubscriberFeatures[], population: PopulationStats) => Promise<void>) =>
    computeFeatures(runOptions(onBatch));

  beforeAll(async () => {
    scratch = await openScratch();
    workDir = mkdtempSync(join(tmpdir(), 'vipdesk-features-'));
    id = await seed(getDb(), scratch);
    result = await run(async (rows, population) => {
      batches.push(rows);
      seen.push(population);
    });
  });
  afterAll(async () => {
    await scratch?.cleanup();
    rmSync(workDir, { recursive: true, force: true });
  });

  it('scores subscribers active or suspended on asOf by their status history, in id order and batches', () => {
    expect(batches.map((b) => b.map((r) => r.subscriberId))).toEqual([
      [id.rich, id.churnedAfter],
      [id.suspended, id.newcomer],
      [id.plain],
    ]);
    expect(result.subscribers).toBe(5);
    expect(byId(id.churnedAfter).status).toBe('active');
    expect(byId(id.suspended)).toMatchObject({ status: 'arrears_suspended', daysInStatus: 11 });
  });

  it('refuses an as-of day that is not the last day of a month', async () => {
    await expect(
      computeFeatures({ ...runOptions(async () => undefined), asOf: '2026-10-30' }),
    ).rejects.toThrow('last day of a month');
  });

  it('gives the same rows when run again', async () => {
    const again: SubscriberFeatures[] = [];
    await run(async (rows) => {
      again.push(...rows);
    });
    expect(again).toEqual(batches.flat());
  });

  it('computes the population percentiles before the first batch and passes them with every batch', () => {
    // arpu3 of billed subscribers: 4000, 8667, 30000 → P80 8667 + 0.6 × 21333, P95 8667 + 0.9 × 21333.
    // distinct contacts of those with usage: 0, 4, 16, 76 → P90 16 + 0.7 × 60.
    const population = {
      subscribers: 5,
      generalValueArpuFen: 21467,
      highValueArpuFen: 27867,
      influentialContacts30: 58,
    };
    expect(result.population).toEqual(population);
    expect(seen).toEqual([population, population, population]);
  });

  it('takes the population cut-offs at the percentiles the settings name', async () => {
    // The same subscribers at P50 / P60 / P50: arpu3 8667 and 8667 + 0.2 × 21333 (12933.6); contacts 4 + 0.5 × 12.
    const median = await computeFeatures({
      ...runOptions(async () => undefined),
      percentiles: { generalValue: 0.5, highValue: 0.6, influence: 0.5 },
    });
    expect(median.population).toEqual({
      subscribers: 5,
      generalValueArpuFen: 8667,
      highValueArpuFen: 12934,
      influentialContacts30: 10,
    });
  });

  it('builds the profile and the contract nearest in the future, ignoring cancelled, ended and later contracts', () => {
    expect(byId(id.rich)).toMatchObject({
      asOf: AS_OF,
      asOfMonth: '2026-10',
      planCode: 'FQ128',
      planMonthlyFeeFen: 12800,
      brand: 'gotone',
      city: '南京市',
      district: '鼓楼区',
      vipLevel: 'gold',
      isGroupCustomer: true,
      joinDate: '2015-03-01',
      tenureMonths: 139,
      birthDate: '1985-06-15',
      handsetModel: 'Mate 60',
      sceneTags: ['family', 'student'],
      daysInStatus: daysBetween('2015-03-01', AS_OF),
      contractEnd: '2026-12-15',
      contractDaysLeft: 45,
    });
    expect(byId(id.churnedAfter)).toMatchObject({
      district: null,
      birthDate: null,
      sceneTags: [],
      contractEnd: '2026-11-30',
      contractDaysLeft: 30,
      tenureMonths: 173,
    });
    // Joined on the 31st: the month-end asOf counts as a whole month reached.
    expect(byId(id.suspended).tenureMonths).toBe(129);
    expect(byId(id.newcomer)).toMatchObject({ contractEnd: null, contractDaysLeft: null, tenureMonths: 0 });
  });

  it('builds 6-month series with null for a missing month and ignores bills after asOf', () => {
    const rich = byId(id.rich);
    expect(rich.months).toEqual(['2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10']);
    expect(rich.spendFen).toEqual([10000, 12000, 11000, null, 9000, 6000]);
    expect(rich.voiceFen).toEqual([4000, 5000, 4000, null, 3000, 2000]);
    expect(rich.overageFen).toEqual([0, 1000, 0, null, 0, 500]);
    expect(rich.minutes).toEqual([300, 320, 310, null, 200, 50]);
    expect(rich.dataMb).toEqual([1000, 1200, 1100, null, 1000, 250.5]);
    expect(rich.smsCount).toEqual([10, 12, 11, null, 9, 8]);
    expect(rich.billedMonths).toBe(5);
  });

  it('averages the last 1/3/6 billed months, fits the trend and takes shares and changes', () => {
    const rich = byId(id.rich);
    expect(rich).toMatchObject({ arpu1Fen: 6000, arpu3Fen: 8667, arpu6Fen: 9600 });
    // x = 0,1,2,4,5; Sxy = -15200, Sxx = 17.2
    expect(rich.arpuTrendFenPerMonth).toBe(-883.72);
    // last 3 billed months (10, 09, 07): spend 26000, voice 9000, data 14000, value-added 1500
    expect(rich.voiceShare).toBeCloseTo(9000 / 26000, 10);
    expect(rich.dataShare).toBeCloseTo(14000 / 26000, 10);
    expect(rich.valueAddedShare).toBeCloseTo(1500 / 26000, 10);
    expect(rich.spendChange).toBeCloseTo(-1 / 3, 10);
    expect(rich.minutesChange).toBe(-0.75);
    expect(rich.dataChange).toBeCloseTo(-0.7495, 10);

    // A 0-fen month before: no change ratio; two points make a slope.
    expect(byId(id.suspended)).toMatchObject({
      spendFen: [null, null, null, null, 0, 8000],
      arpu1Fen: 8000,
      arpu3Fen: 4000,
      arpuTrendFenPerMonth: 8000,
      spendChange: null,
    });
    expect(byId(id.plain)).toMatchObject({ arpu1Fen: 40000, arpu3Fen: 30000, arpuTrendFenPerMonth: 10000 });
    expect(byId(id.plain).spendChange).toBeCloseTo(1 / 3, 10);
  });

  it('leaves bill features null without bills and usage features empty without usage in the window', () => {
    expect(byId(id.churnedAfter)).toMatchObject({
      spendFen: [null, null, null, null, null, null],
      billedMonths: 0,
      arpu1Fen: null,
      arpu3Fen: null,
      arpu6Fen: null,
      arpuTrendFenPerMonth: null,
      voiceShare: null,
      spendChange: null,
      usageDays30: 0,
      zeroCallDays30: 0,
      longestZeroCallStreak30: 0,
      activeDays30: 0,
      // Last active on 10-01, before the window: still known, from the earlier usage.
      daysSinceLastActivity: 30,
      nightDataShare30: null,
      longestZeroCallStreakFrom: null,
      longestZeroCallStreakTo: null,
      lastCompetitorHotlineDate: null,
    });
  });

  it('counts zero-call days and the longest run including days without rows, within the 30 days to asOf', () => {
    expect(byId(id.rich)).toMatchObject({
      usageDays30: 27,
      zeroCallDays30: 11,
      longestZeroCallStreak30: 7,
      longestZeroCallStreakFrom: '2026-10-10',
      longestZeroCallStreakTo: '2026-10-16',
      activeDays30: 24,
      daysSinceLastActivity: 1,
      callsOut30: 57,
      callsIn30: 38,
      minutes30: 285,
      distinctContacts30: 76,
      dataMb30: 24 * 850.5,
    });
    expect(byId(id.rich).nightDataShare30).toBeCloseTo(120.25 / 850.5, 10);
    // No call at all: the whole window is one run; data use makes the days active.
    expect(byId(id.suspended)).toMatchObject({
      usageDays30: 2,
      zeroCallDays30: 30,
      longestZeroCallStreak30: 30,
      longestZeroCallStreakFrom: '2026-10-02',
      longestZeroCallStreakTo: AS_OF,
      activeDays30: 2,
      daysSinceLastActivity: 10,
      nightDataShare30: 0,
    });
    // The window starts at the join date (10 days), the run reaches asOf.
    expect(byId(id.newcomer)).toMatchObject({
      usageDays30: 4,
      zeroCallDays30: 6,
      longestZeroCallStreak30: 6,
      longestZeroCallStreakFrom: '2026-10-26',
      longestZeroCallStreakTo: AS_OF,
      daysSinceLastActivity: 6,
    });
    expect(byId(id.plain)).toMatchObject({
      zeroCallDays30: 29,
      longestZeroCallStreak30: 29,
      longestZeroCallStreakFrom: '2026-10-02',
      longestZeroCallStreakTo: '2026-10-30',
      daysSinceLastActivity: 0,
    });
  });

  it('counts competitor contacts in the window only, with the last dates', () => {
    expect(byId(id.rich)).toMatchObject({
      competitorHotlineCalls30: 3,
      lastCompetitorHotlineDate: '2026-10-25',
      competitorMarketingContacts30: 3,
      lastCompetitorMarketingDate: '2026-10-28',
    });
  });

  it('counts complaints and contacts as of asOf in the business time zone', () => {
    expect(byId(id.rich)).toMatchObject({
      complaints90: 4, // K1, K2, K4, K6
      openComplaints: 3, // K1 and K4 resolved after asOf, K2 open
      overdueComplaints: 2, // K1, K4
      oldestOverdueDueDate: '2026-09-13',
      lastComplaintResolvedDate: '2026-10-15',
      serviceContacts90: 4,
      consultations180: 2,
      lastBusinessContactDate: '2026-10-20',
    });
    expect(byId(id.plain)).toMatchObject({
      complaints90: 0,
      openComplaints: 0,
      oldestOverdueDueDate: null,
      lastBusinessContactDate: null,
      revisitLow90: 0,
      lastRevisitScore: null,
    });
  });

  it('counts our own tickets as complaints, except those mirroring an imported one', () => {
    expect(byId(id.suspended)).toMatchObject({
      complaints90: 4, // open, closed 10-20, waiting, breached-then-closed-after; not K9 nor 11-02
      openComplaints: 3, // open, waiting, closed after asOf
      overdueComplaints: 2, // open past due, breached in September
      oldestOverdueDueDate: '2026-09-04',
    });
  });

  it('counts unhappy revisit answers in the 90 days and keeps the latest score, as of asOf', () => {
    expect(byId(id.suspended)).toMatchObject({ revisitLow90: 1, lastRevisitScore: 4 });
    expect(byId(id.rich)).toMatchObject({ revisitLow90: 0, lastRevisitScore: null });
  });
});
