import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newPerson, signInThroughForm } from './browser';
import { apiGet, apiSignIn, ensureConsoleBuilt, type RunningServer, startServer } from './server';

// Issue 7's "Done when" for the dashboards: each dashboard opens in both languages with its chart
// drawn, one switches to its table and exports CSV, and a screenshot of each is kept. An analyst
// (everyone) reads the Chinese console, a team lead (own team) the English one.

const PASSWORD = 'vipdesk-demo';
const SCREENSHOTS = resolve('test-results/screenshots');
const DASHBOARDS = [
  'tiers',
  'flows',
  'revenue-at-risk',
  'churn-trend',
  'signals',
  'campaigns',
  'sla',
  'agents',
] as const;

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

type Name = (typeof DASHBOARDS)[number];

/**
 * Whether the API has nothing to draw for a dashboard with the page's period, as this user: the demo
 * scores once (no tier flows yet) and a lead's team may have no campaign. Only then may the page show
 * its empty state instead of a chart.
 */
async function apiHasNothing(name: Name, cookie: string, from: string, to: string): Promise<boolean> {
  const get = <T>(path: string) => apiGet<T>(server.url, cookie, `/api/dashboards/${path}`);
  const range = `from=${from}&to=${to}`;
  switch (name) {
    case 'tiers':
      return (await get<{ total: { subscribers: number } }>('tiers')).total.subscribers === 0;
    case 'flows': {
      const tiers = await get<{ previousRunId: number | null; flows: unknown[] }>('tiers');
      return tiers.previousRunId === null || tiers.flows.length === 0;
    }
    case 'revenue-at-risk':
      return (await get<{ total: { subscribers: number } }>('revenue-at-risk')).total.subscribers === 0;
    case 'churn-trend':
      return (await get<{ points: unknown[] }>(`churn-trend?${range}`)).points.length === 0;
    case 'signals': {
      const signals = await get<{ scored: number; signals: unknown[] }>('signals');
      return signals.scored === 0 || signals.signals.length === 0;
    }
    case 'campaigns':
      return (await get<{ campaigns: unknown[] }>(`campaigns?${range}`)).campaigns.length === 0;
    case 'sla':
      return (await get<{ rows: unknown[] }>(`sla?${range}`)).rows.length === 0;
    case 'agents':
      return (await get<{ leaderboard: unknown[] }>(`agents?${range}`)).leaderboard.length === 0;
  }
}

/** Opens a dashboard's tab and waits until its chart has drawn on a canvas (or the empty state the API implies). */
async function openDashboard(page: Page, name: Name, empty: boolean): Promise<void> {
  await page.getByTestId(`dashboard-tab-${name}`).click();
  await page.getByTestId(`dashboard-${name}`).waitFor({ timeout: 60_000 });
  if (empty) {
    await page.getByTestId(`dashboard-${name}-empty`).waitFor();
    return;
  }
  const canvas = page.getByTestId(`dashboard-${name}-chart`).locator('canvas');
  await canvas.waitFor({ timeout: 60_000 });
  // ECharts draws after layout: wait until the canvas has a size.
  await expect
    .poll(async () => (await canvas.boundingBox())?.height ?? 0, { timeout: 15_000 })
    .toBeGreaterThan(100);
}

async function walkDashboards(
  username: string,
  locale: 'zh-CN' | 'en-US',
  screenshots: boolean,
): Promise<void> {
  const lang = locale === 'zh-CN' ? 'zh' : 'en';
  const person = await newPerson(browser, server.url, locale);
  const { cookie } = await apiSignIn(server.url, username, PASSWORD);
  try {
    const page = person.page;
    await signInThroughForm(page, username, PASSWORD);
    await page.getByTestId('nav-dashboards').click();
    await page.getByTestId('dashboards-page').waitFor();
    await page.getByTestId('dashboard-filter-city').waitFor();
    await page.getByTestId('dashboard-filter-tier').waitFor();
    await page.getByTestId('dashboard-filter-period').waitFor();
    const period = page.getByTestId('dashboard-filter-period').locator('input');
    const from = await period.nth(0).inputValue();
    const to = await period.nth(1).inputValue();
    const title = (await page.locator('h3').first().textContent()) ?? '';
    expect(title).toBe(locale === 'zh-CN' ? '经营看板' : 'Dashboards');

    for (const name of DASHBOARDS) {
      await openDashboard(page, name, await apiHasNothing(name, cookie, from, to));
      // Let the chart's entry animation finish before the picture is taken.
      await page.waitForTimeout(800);
      if (screenshots)
        await page.screenshot({ path: `${SCREENSHOTS}/dash-${name}-${lang}.png`, fullPage: true });
    }

    // One dashboard as a table, and its figures as a CSV file in the reader's language.
    await page.getByTestId('dashboard-tab-tiers').click();
    await page.getByTestId('dashboard-tiers-chart').locator('canvas').waitFor();
    await page
      .getByTestId('dashboard-tiers-view')
      .getByText(locale === 'zh-CN' ? '表格' : 'Table', { exact: true })
      .click();
    const table = page.getByTestId('dashboard-tiers-table');
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBeGreaterThan(1);
    expect((await table.textContent()) ?? '').toContain(locale === 'zh-CN' ? '高价值' : 'High value');
    if (screenshots)
      await page.screenshot({ path: `${SCREENSHOTS}/dash-tiers-table-${lang}.png`, fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('dashboard-tiers-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^dashboard-tiers-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toContain(locale === 'zh-CN' ? '客户数' : 'Subscribers');

    // The tier filter reaches the dashboards through the URL.
    await page.getByTestId('dashboard-filter-tier').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
    await expect.poll(() => new URL(page.url()).searchParams.get('tier')).toBe('high_value');
    await table.waitFor();
  } finally {
    await person.context.close();
  }
}

it('an analyst opens each dashboard in the Chinese console, with a table view and CSV', async () => {
  await walkDashboards('analyst1', 'zh-CN', true);
}, 300_000);

it('a team lead opens each dashboard in the English console, with a table view and CSV', async () => {
  await walkDashboards('lead1', 'en-US', true);
}, 300_000);

it('each dashboard also opens for the analyst in English and for the lead in Chinese', async () => {
  await walkDashboards('analyst1', 'en-US', false);
  await walkDashboards('lead1', 'zh-CN', false);
}, 400_000);
