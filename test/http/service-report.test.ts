import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { reportJobs } from '#src/db/schema/analytics';
import { contactAttempts } from '#src/db/schema/contacts';
import { offers } from '#src/db/schema/offers';
import { failUnfinishedReportJobs } from '#src/features/service-report/report-jobs.repository';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { buildScore, insertScoringRun } from '#test/support/score-factory';

/** Whether Debian's poppler-utils is installed (scripts/ensure-pdf-tools.sh installs it before the tests). */
function hasPoppler(): boolean {
  try {
    execFileSync('pdftoppm', ['-v'], { stdio: 'ignore' });
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const POPPLER = hasPoppler();
if (!POPPLER) {
  console.warn(
    'SKIPPED: the PDF render check needs pdftoppm and pdftotext (Debian poppler-utils); run scripts/ensure-pdf-tools.sh',
  );
}

/** Share of pixels that are not white in a binary PGM (P5) image, as pdftoppm -gray writes it to stdout (pngjs is not installed). */
function inkShare(pgm: Buffer): number {
  // Header: "P5", width, height, maxval, separated by whitespace (comments start with #), then pixels.
  const tokens: string[] = [];
  let offset = 0;
  while (tokens.length < 4) {
    while (/\s/.test(String.fromCharCode(pgm[offset] ?? 32))) offset += 1;
    if (pgm[offset] === 0x23) {
      while (pgm[offset] !== 0x0a) offset += 1;
      continue;
    }
    let token = '';
    while (offset < pgm.length && !/\s/.test(String.fromCharCode(pgm[offset] ?? 32))) {
      token += String.fromCharCode(pgm[offset] ?? 32);
      offset += 1;
    }
    tokens.push(token);
  }
  offset += 1;
  const [magic, width, height] = tokens;
  expect(magic).toBe('P5');
  const pixels = pgm.subarray(offset, offset + Number(width) * Number(height));
  let ink = 0;
  for (const value of pixels) if (value < 200) ink += 1;
  return ink / pixels.length;
}

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g) ?? []).length;
}

const SPEND = [15_800, 16_200, 17_000, 18_200, 17_600, 9_000];

describeEachEngine('quarterly one-to-one service report over HTTP', (getDb) => {
  let t: TestApp;
  let agent1: TestUser;
  let agent2: TestUser;
  let lead1: TestUser;
  let analyst: TestUser;
  let auditor: TestUser;
  const ids = { vip: 0, second: 0, third: 0, otherBook: 0 };

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    agent1 = await t.user('sr-agent1', 'agent', 'sr-team-1');
    agent2 = await t.user('sr-agent2', 'agent', 'sr-team-2');
    lead1 = await t.user('sr-lead1', 'lead', 'sr-team-1');
    analyst = await t.user('sr-analyst', 'analyst');
    auditor = await t.user('sr-auditor', 'auditor');
    const plan = await insertPlan(db, { name: '全球通128元套餐', monthlyFeeFen: 12_800 });
    const vip = await insertSubscriber(db, plan.id, { name: '王小明', vipLevel: 'gold' });
    const second = await insertSubscriber(db, plan.id, { name: '李四', vipLevel: 'platinum' });
    const third = await insertSubscriber(db, plan.id, { name: 'Anna Li', vipLevel: 'silver' });
    const otherBook = await insertSubscriber(db, plan.id, { name: '赵六', vipLevel: 'gold' });
    Object.assign(ids, { vip: vip.id, second: second.id, third: third.id, otherBook: otherBook.id });
    for (const id of [vip.id, second.id, third.id]) await assignToBook(db, id, agent1.id);
    await assignToBook(db, otherBook.id, agent2.id);
    const series = (scale: number) => ({
      spendFen: SPEND.map((v) => v * scale),
      minutes: [420, 400, 380, 500, 450, 200].map((v) => v * scale),
      dataMb: [20_000, 22_000, 25_000, 30_000, 28_000, 9_000].map((v) => v * scale),
      mix: { voice: 0.35, data: 0.5, valueAdded: 0.15 },
    });
    await insertScoringRun(
      getDb(),
      [
        buildScore(vip.id, { series: series(1) }),
        buildScore(second.id, { series: series(2) }),
        buildScore(third.id, { series: series(1) }),
        buildScore(otherBook.id, { series: series(1), tier: 'potential' }),
      ],
      '2026-10-15',
    );
    await db.insert(offers).values({
      code: 'SR_BILL_CREDIT_30',
      rule: 'cost',
      kind: 'bill_discount',
      nameZh: '话费直降30元',
      nameEn: 'Bill credit 30 CNY',
      validFrom: '2026-01-01',
    });
    const attempt = {
      subscriberId: vip.id,
      agentUserId: agent1.id,
      channel: 'call',
      reached: true,
    };
    await db.insert(contactAttempts).values([
      {
        ...attempt,
        purpose: 'marketing',
        disposition: 'accepted',
        offerCode: 'SR_BILL_CREDIT_30',
        startedAt: new Date('2026-08-12T02:00:00Z'),
      },
      // Outside the quarter: not a benefit of 2026-Q3.
      {
        ...attempt,
        purpose: 'marketing',
        disposition: 'accepted',
        offerCode: 'SR_BILL_CREDIT_30',
        startedAt: new Date('2026-06-30T15:00:00Z'),
      },
      { ...attempt, purpose: 'care', disposition: 'refused', startedAt: new Date('2026-09-01T02:00:00Z') },
      {
        ...attempt,
        purpose: 'care',
        disposition: 'not_reached',
        reached: false,
        startedAt: new Date('2026-09-02T02:00:00Z'),
      },
    ]);
  });

  afterAll(async () => {
    await t?.close();
  });

  const reportUrl = (id: number, query = '') => `/api/subscribers/${id}/service-report${query}`;

  it('reports the last complete quarter with usage, peers, bill trend, benefits and the phone manager', async () => {
    const response = await t.injectAs(agent1, { method: 'GET', url: reportUrl(ids.vip) });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.quarter.code).toBe('2026-Q3');
    expect(report.previousQuarter).toBe('2026-Q2');
    expect(report.subscriber).toMatchObject({
      nameMasked: '王**',
      vipLevel: 'gold',
      planName: '全球通128元套餐',
    });
    expect(report.subscriber.msisdnMasked).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(JSON.stringify(report)).not.toContain('王小明');
    // Jul–Sep average of the series; Q2 has only May and June in a run as of October.
    expect(report.usage.current.spendFen).toBeCloseTo((17_000 + 18_200 + 17_600) / 3, 6);
    expect(report.usage.previous.spendFen).toBeCloseTo((15_800 + 16_200) / 2, 6);
    expect(report.usage.quarterSpendFen).toBe(17_000 + 18_200 + 17_600);
    // Peers: the three high-value subscribers of the city in the run (one at double the spend).
    expect(report.usage.peers.count).toBe(3);
    expect(report.usage.peers.spendFen).toBeCloseTo(((17_000 + 18_200 + 17_600) / 3) * (4 / 3), 6);
    expect(report.billTrend.months).toEqual([
      '2026-05',
      '2026-06',
      '2026-07',
      '2026-08',
      '2026-09',
      '2026-10',
    ]);
    expect(report.billTrend.spendFen).toEqual(SPEND);
    expect(report.benefits.acceptedOffers).toEqual([
      { offerCode: 'SR_BILL_CREDIT_30', name: '话费直降30元', acceptedAt: '2026-08-12T02:00:00.000Z' },
    ]);
    expect(report.benefits.careContacts).toBe(1);
    expect(report.manager).toEqual({
      displayName: 'sr-agent1',
      serviceNumber: t.config.operator.serviceNumber,
      operatorName: t.config.operator.name,
    });
    expect(report.text.title).toContain('一对一服务报告');
    expect(report.text.greeting).toContain('王**');
    expect(report.availableQuarters).toEqual(['2026-Q3', '2026-Q2']);
    const [audit] = await queryRows<{ count: number }>(
      getDb().engine,
      `SELECT count(*)::int AS count FROM audit_log WHERE action = 'service_report.generate' AND subscriber_id = $1`,
      [ids.vip],
    );
    expect(Number(audit?.count)).toBeGreaterThanOrEqual(1);
  });

  it('writes the report in English when asked', async () => {
    const response = await t.injectAs(agent1, {
      method: 'GET',
      url: reportUrl(ids.vip, '?lang=en&quarter=2026-Q2'),
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json();
    expect(report.quarter.code).toBe('2026-Q2');
    expect(report.text.title).toContain('One-to-one service report');
    expect(report.benefits.acceptedOffers.map((o: { name: string }) => o.name)).toEqual([
      'Bill credit 30 CNY',
    ]);
  });

  it('refuses a quarter the current run does not cover, naming the field', async () => {
    for (const quarter of ['2025-Q1', '2026-Q4', '2026-Q5', 'Q3']) {
      const response = await t.injectAs(agent1, {
        method: 'GET',
        url: reportUrl(ids.vip, `?quarter=${quarter}`),
      });
      expect(response.statusCode, quarter).toBe(400);
      expect(response.json().error.issues[0].path).toContain('quarter');
    }
  });

  it('answers 404 for a subscriber in another book, as for one that does not exist', async () => {
    for (const url of [reportUrl(ids.otherBook), `/api/subscribers/${ids.otherBook}/service-report.pdf`]) {
      const response = await t.injectAs(agent1, { method: 'GET', url });
      expect(response.statusCode).toBe(404);
    }
    const missing = await t.injectAs(agent1, { method: 'GET', url: reportUrl(99_999_999) });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses analysts and auditors', async () => {
    for (const user of [analyst, auditor]) {
      const json = await t.injectAs(user, { method: 'GET', url: reportUrl(ids.vip) });
      expect(json.statusCode).toBe(403);
      const pdf = await t.injectAs(user, {
        method: 'GET',
        url: `/api/subscribers/${ids.vip}/service-report.pdf`,
      });
      expect(pdf.statusCode).toBe(403);
    }
  });

  it.skipIf(!POPPLER)('renders a PDF whose first page has ink and Chinese text, not tofu', async () => {
    const response = await t.injectAs(agent1, {
      method: 'GET',
      url: `/api/subscribers/${ids.vip}/service-report.pdf`,
    });
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const dir = mkdtempSync(join(tmpdir(), 'vipdesk-report-'));
    try {
      const file = join(dir, 'report.pdf');
      writeFileSync(file, pdf);
      const image = execFileSync('pdftoppm', ['-r', '50', '-gray', '-f', '1', '-l', '1', file]);
      const share = inkShare(image);
      expect(share).toBeGreaterThan(0.01);
      expect(share).toBeLessThan(0.6);
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(text).toContain('一对一服务报告');
      expect(text).toContain('王**');
      expect(text).toContain('话费直降30元');
      expect(text).not.toContain('王小明');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('runs a bulk job over the lead’s team, one page per subscriber, and serves the file to its creator', async () => {
    const forbidden = await t.injectAs(agent1, {
      method: 'POST',
      url: '/api/service-reports/bulk',
      payload: { quarter: '2026-Q3', lang: 'zh-CN', segment: { limit: 10 } },
    });
    expect(forbidden.statusCode).toBe(403);
    const tooMany = await t.injectAs(lead1, {
      method: 'POST',
      url: '/api/service-reports/bulk',
      payload: { quarter: '2026-Q3', segment: { limit: 2001 } },
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.issues[0].path).toContain('limit');

    const started = await t.injectAs(lead1, {
      method: 'POST',
      url: '/api/service-reports/bulk',
      payload: { quarter: '2026-Q3', lang: 'zh-CN', segment: { tier: 'high_value', limit: 50 } },
    });
    expect(started.statusCode, started.body).toBe(202);
    const job = started.json();
    // The team's three high-value subscribers; the other book's subscriber is outside the lead's scope.
    expect(job.total).toBe(3);

    let status = job;
    for (let i = 0; i < 200 && (status.status === 'queued' || status.status === 'running'); i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (
        await t.injectAs(lead1, { method: 'GET', url: `/api/service-reports/jobs/${job.id}` })
      ).json();
    }
    expect(status).toMatchObject({ status: 'succeeded', total: 3, done: 3, failed: 0 });
    expect(status.fileUrl).toBe(`/api/service-reports/jobs/${job.id}/file`);

    const file = await t.injectAs(lead1, { method: 'GET', url: status.fileUrl });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(pageCount(file.rawPayload)).toBe(3);

    const stranger = await t.injectAs(agent2, { method: 'GET', url: `/api/service-reports/jobs/${job.id}` });
    expect(stranger.statusCode).toBe(404);
    const admin = await t.inject({ method: 'GET', url: `/api/service-reports/jobs/${job.id}` });
    expect(admin.statusCode).toBe(200);
  });

  it('documents its routes in the OpenAPI document', async () => {
    const response = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/subscribers/{id}/service-report',
        '/api/subscribers/{id}/service-report.pdf',
        '/api/service-reports/bulk',
        '/api/service-reports/jobs/{id}',
        '/api/service-reports/jobs/{id}/file',
      ]),
    );
  });

  it('marks jobs a stopped server left unfinished as failed', async () => {
    const { db } = getDb();
    const [row] = await db
      .insert(reportJobs)
      .values({ kind: 'service_report', params: {}, status: 'running', total: 5, createdBy: lead1.id })
      .returning();
    expect(await failUnfinishedReportJobs(db)).toBeGreaterThanOrEqual(1);
    const after = await t.injectAs(lead1, { method: 'GET', url: `/api/service-reports/jobs/${row?.id}` });
    expect(after.json()).toMatchObject({ status: 'failed', fileUrl: null });
  });
});
