import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newPerson, signInThroughForm } from './browser';
import { apiGet, apiSignIn, ensureConsoleBuilt, type RunningServer, startServer } from './server';

// Issue 7's pages besides the dashboards, in a browser and in both languages: forecasts with their
// back-testing (which method to trust), consumption by segment, targets and the daily summary for a
// lead, and an agent's quarterly one-to-one service report for a VIP of their book.

const PASSWORD = 'vipdesk-demo';
const SCREENSHOTS = resolve('test-results/screenshots');
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ subscribers: 400, timeoutMs: 180_000 });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

for (const locale of ['zh-CN', 'en-US'] as const) {
  it(`a lead reads forecasts with their back-test, consumption, targets and the daily summary (${locale})`, async () => {
    const lead = await newPerson(browser, server.url, locale);
    try {
      const page = lead.page;
      await signInThroughForm(page, 'lead1', PASSWORD);

      await page.goto('/forecasts');
      await page.getByTestId('forecasts-page').waitFor();
      await page.getByTestId('forecast-chart').locator('canvas').first().waitFor();
      await page.getByTestId('forecast-backtest').waitFor();
      expect(await page.locator('[data-testid^="forecast-backtest-row-"]').count()).toBeGreaterThan(0);
      // Seed 001's example typed into the page gives the seed's combined forecast.
      await page.getByTestId('forecast-custom-values').fill('3500,4550,5640,6770,7990,9190,10380');
      await page.getByTestId('forecast-custom-submit').click();
      await expect
        .poll(async () => (await page.getByTestId('forecast-custom-result').textContent()) ?? '', {
          timeout: 30_000,
        })
        .toMatch(/11,?719\.07/);
      await page.screenshot({ path: `${SCREENSHOTS}/analytics-forecasts-${locale}.png`, fullPage: true });

      await page.goto('/consumption');
      await page.getByTestId('consumption-page').waitFor();
      await page.getByTestId('consumption-segments-table').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/analytics-consumption-${locale}.png`, fullPage: true });

      await page.goto('/targets');
      await page.getByTestId('targets-page').waitFor();
      await page.getByTestId('targets-leaderboard').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/analytics-targets-${locale}.png`, fullPage: true });

      await page.goto('/daily-summary');
      await page.getByTestId('daily-summary-page').waitFor();
      await page.getByTestId('daily-summary-results').waitFor();
      await page.getByTestId('daily-summary-plan').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/analytics-daily-summary-${locale}.png`, fullPage: true });
    } finally {
      await lead.context.close();
    }
  }, 180_000);
}

it('an agent opens the quarterly service report of a VIP in their book, with its bill trend and PDF', async () => {
  const agentApi = await apiSignIn(server.url, 'agent1', PASSWORD);
  let vip: { id: number } | undefined;
  for (const level of ['gold', 'platinum', 'diamond', 'silver']) {
    const found = await apiGet<{ items: { id: number }[] }>(
      server.url,
      agentApi.cookie,
      `/api/subscribers?vipLevel=${level}&pageSize=5`,
    );
    vip = found.items[0];
    if (vip) break;
  }
  expect(vip, 'a VIP in agent1’s book').toBeDefined();
  const agent = await newPerson(browser, server.url, 'zh-CN');
  try {
    const page = agent.page;
    await signInThroughForm(page, 'agent1', PASSWORD);
    await page.goto(`/subscribers/${vip?.id}`);
    await page.getByTestId('s360-service-report').click();
    await page.getByTestId('service-report-page').waitFor();
    await page.getByTestId('service-report-title').waitFor();
    await page.getByTestId('service-report-bill-chart').locator('canvas').first().waitFor();
    const pdfHref = await page.getByTestId('service-report-pdf').getAttribute('href');
    expect(pdfHref).toMatch(/service-report\.pdf/);
    const pdf = await page.request.get(pdfHref ?? '');
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');
    await page.screenshot({ path: `${SCREENSHOTS}/analytics-service-report-zh-CN.png`, fullPage: true });
  } finally {
    await agent.context.close();
  }
}, 180_000);
