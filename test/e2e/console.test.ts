import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newPerson, signInThroughForm } from './browser';
import { apiGet, apiSignIn, ensureConsoleBuilt, type RunningServer, startServer } from './server';

// The console as people use it: the real server (`vipdesk start` on a fresh data directory with a
// small demo operator) and Debian's Chromium driven through playwright-core. The API is used only
// to discover which subscribers belong to whom; everything a person does goes through the UI.

const PASSWORD = 'vipdesk-demo';
const SCREENSHOTS = resolve('test-results/screenshots');
const MASKED_MSISDN = /^\d{3}\*{4}\d{4}$/;

type ListItem = { id: number; msisdnMasked: string; name: string; ownerName: string | null };
type Person = { cookie: string; displayName: string };
type Known = { id: number; msisdnMasked: string; name: string; last4: string; ownerName: string };

let server: RunningServer;
let browser: Browser;
const agents: Record<'agent1' | 'agent2' | 'agent3', Person> = {} as never;
/** Riskiest subscribers of each agent's book (index 0 for the agent test, 1 for the lead test). */
const books: Record<'agent1' | 'agent2' | 'agent3', Known[]> = {} as never;
/** What the agent test leaves behind for the auditor. */
const unmasked: { subscriberId: number; auditId: number; reason: string } = {
  subscriberId: 0,
  auditId: 0,
  reason: '',
};

async function riskiest(person: Person): Promise<Known[]> {
  const list = await apiGet<{ items: ListItem[] }>(
    server.url,
    person.cookie,
    '/api/subscribers?sort=risk&pageSize=5',
  );
  return list.items.map((item) => ({
    id: item.id,
    msisdnMasked: item.msisdnMasked,
    name: item.name,
    last4: item.msisdnMasked.slice(-4),
    ownerName: item.ownerName ?? '',
  }));
}

/** A locator's text content, trimmed ('' when it has none). */
async function textOf(locator: Locator): Promise<string> {
  return ((await locator.textContent()) ?? '').trim();
}

async function htmlLang(page: Page): Promise<string | null> {
  return page.locator('html').getAttribute('lang');
}

/** Types digits into the search box and waits until the subscriber's row is listed. */
async function searchAndFind(page: Page, digits: string, subscriberId: number) {
  await page.getByTestId('subscriber-search').fill(digits);
  await page.getByTestId('subscriber-search-submit').click();
  await page.waitForURL((url) => url.searchParams.get('q') === digits);
  const row = page.getByTestId(`subscriber-row-${subscriberId}`);
  await row.waitFor();
  return row;
}

/** Filters the audit log by a subscriber id and waits until every listed row is about that subscriber. */
async function filterBySubscriber(page: Page, rows: Locator, subscriberId: number): Promise<void> {
  await page.getByTestId('audit-filter-subscriber').fill(String(subscriberId));
  await page.getByTestId('audit-search').click();
  await page.waitForURL((url) => url.searchParams.get('subscriberId') === String(subscriberId));
  await expect
    .poll(
      async () => {
        const texts = await rows.allTextContents();
        return texts.length > 0 && texts.every((text) => text.includes(`#${subscriberId}`));
      },
      { timeout: 30_000 },
    )
    .toBe(true);
}

async function expectNotFound(page: Page, subscriber: Known): Promise<void> {
  await page.goto(`/subscribers/${subscriber.id}`);
  await page.getByTestId('not-found-result').waitFor();
  expect(await page.getByTestId('subscriber-360').count()).toBe(0);
  const text = await textOf(page.locator('body'));
  expect(text).not.toContain(subscriber.name);
  expect(text).not.toContain(subscriber.msisdnMasked);
}

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const started = Date.now();
  server = await startServer({ subscribers: 600, timeoutMs: 180_000 });
  console.log(
    `[e2e] vipdesk started with 600 demo subscribers in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  browser = await launchBrowser();
  for (const name of ['agent1', 'agent2', 'agent3'] as const) {
    agents[name] = await apiSignIn(server.url, name, PASSWORD);
    books[name] = await riskiest(agents[name]);
    expect(books[name].length).toBeGreaterThanOrEqual(2);
    for (const known of books[name]) {
      expect(known.msisdnMasked).toMatch(MASKED_MSISDN);
      expect(known.ownerName).toBe(agents[name].displayName);
    }
  }
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

describe('the console in a browser', () => {
  it('an agent (Chinese browser) searches, opens a 360, unmasks with a reason and is refused another book', async () => {
    const mine = books.agent1[0] as Known;
    const othersBook = books.agent3[0] as Known;
    const { context, page } = await newPerson(browser, server.url, 'zh-CN');
    try {
      // Starts in Chinese for a zh-CN browser, on the sign-in page.
      await page.goto('/');
      await page.waitForURL('**/sign-in**');
      await page.getByTestId('signin-submit').waitFor();
      expect(await htmlLang(page)).toBe('zh-CN');
      expect(await textOf(page.getByTestId('signin-submit'))).toMatch(/登\s*录/);

      await signInThroughForm(page, 'agent1', PASSWORD);
      // A phone manager lands on the workbench; the search is one menu entry away.
      await page.waitForURL('**/workbench');
      await page.getByTestId('nav-subscribers').click();
      await page.waitForURL('**/subscribers');
      await page.getByTestId('subscriber-search').waitFor();
      // The book's first page is listed (some row is shown before searching).
      await page.locator('[data-testid^="subscriber-row-"]').first().waitFor();

      // Searches by the last 4 digits of a masked number and opens the row.
      const row = await searchAndFind(page, mine.last4, mine.id);
      expect(await textOf(row)).toContain(mine.msisdnMasked);
      await row.click();
      await page.waitForURL(`**/subscribers/${mine.id}`);
      const s360 = page.getByTestId('subscriber-360');
      await s360.waitFor();

      // The 360: masked number, churn probability, ARPU chart, key moments.
      const msisdn = page.getByTestId('profile-msisdn');
      expect(await textOf(msisdn)).toMatch(MASKED_MSISDN);
      expect(await textOf(msisdn)).toBe(mine.msisdnMasked);
      expect(await textOf(page.getByTestId('profile-id-number'))).not.toMatch(/\d{17}[\dX]/);
      expect(await textOf(s360)).toContain(mine.name);
      await page.getByTestId('churn-probability').waitFor();
      expect(await textOf(page.getByTestId('churn-probability'))).toMatch(/\d+(\.\d+)?\s*%/);
      await page.getByTestId('chart-arpu').locator('canvas').first().waitFor();
      await page.getByTestId('chart-usage').locator('canvas').first().waitFor();
      await page.getByTestId('key-moments').waitFor();
      await page.getByTestId('signal-list').waitFor();
      await page.getByTestId('owner-name').waitFor();
      expect(await textOf(page.getByTestId('owner-name'))).toContain(agents.agent1.displayName);

      // Unmasks with a reason: the full number appears and the notice names the audit entry.
      const reason = `客户来电核实身份 e2e-${Date.now()}`;
      await page.getByTestId('unmask-button').click();
      await page.getByTestId('unmask-reason').fill(reason);
      await page.getByTestId('unmask-submit').click();
      const notice = page.getByTestId('unmask-notice');
      await notice.waitFor();
      await expect.poll(async () => await textOf(msisdn), { timeout: 15_000 }).toMatch(/^1\d{10}$/);
      const full = await textOf(msisdn);
      expect(full.slice(0, 3)).toBe(mine.msisdnMasked.slice(0, 3));
      expect(full.slice(-4)).toBe(mine.last4);
      const auditId = Number(/#(\d+)/.exec(await textOf(notice))?.[1]);
      expect(auditId).toBeGreaterThan(0);
      Object.assign(unmasked, { subscriberId: mine.id, auditId, reason });
      await page.getByTestId('unmask-reason').waitFor({ state: 'hidden' });

      // Screenshot of the 360 in Chinese (charts finish their entry animation first).
      await page.waitForTimeout(1_200);
      await page.screenshot({ path: join(SCREENSHOTS, 'subscriber-360-zh-CN.png'), fullPage: true });

      // Switches to English: the labels change, the 360 is re-read in English, the number stays revealed.
      const english360 = page.waitForResponse(
        (response) =>
          response.url().includes(`/api/subscribers/${mine.id}/360`) && response.url().includes('lang=en'),
      );
      await page.getByTestId('lang-en').click();
      await english360;
      await expect.poll(() => htmlLang(page)).toBe('en');
      await page.getByText('Churn risk', { exact: true }).first().waitFor();
      await page.getByText('Key moments coming up').first().waitFor();
      await expect.poll(async () => page.getByText('解除脱敏').count()).toBe(0);
      expect(await textOf(page.getByTestId('signout'))).toContain('Sign out');
      expect(await textOf(msisdn)).toBe(full);
      await page.waitForTimeout(1_200);
      await page.screenshot({ path: join(SCREENSHOTS, 'subscriber-360-en.png'), fullPage: true });

      // Another book's subscriber, opened by address: the same "not found" as a nonexistent id.
      await expectNotFound(page, othersBook);
      expect(await textOf(page.getByTestId('not-found-result'))).toContain('not in your book');
    } finally {
      await context.close();
    }
  }, 240_000);

  it('the auditor sees the unmask, with its reason, and the refused access in the audit log', async () => {
    expect(unmasked.auditId, 'the agent test must run first').toBeGreaterThan(0);
    const othersBook = books.agent3[0] as Known;
    const { context, page } = await newPerson(browser, server.url, 'zh-CN');
    try {
      await signInThroughForm(page, 'auditor1', PASSWORD);
      await page.waitForURL('**/audit**');
      await page.getByTestId('audit-filter-subscriber').waitFor();
      expect(await page.getByTestId('nav-subscribers').count()).toBe(0);

      const rows = page.locator('[data-testid^="audit-row-"]');
      await filterBySubscriber(page, rows, unmasked.subscriberId);
      const unmaskRow = page.getByTestId(`audit-row-${unmasked.auditId}`);
      await unmaskRow.waitFor();
      const unmaskText = await textOf(unmaskRow);
      expect(unmaskText).toContain('解除脱敏'); // subscriber.unmask, translated
      expect(unmaskText).toContain('agent1');
      expect(unmaskText).toContain(unmasked.reason);
      expect(unmaskText).toContain(`#${unmasked.subscriberId}`);

      await filterBySubscriber(page, rows, othersBook.id);
      const denied = rows.filter({ hasText: '拒绝访问' }).filter({ hasText: 'agent1' });
      await denied.first().waitFor();
      expect(await textOf(denied.first())).toContain(`#${othersBook.id}`);
      expect(await textOf(page.locator('body'))).not.toContain(unmasked.reason);
    } finally {
      await context.close();
    }
  }, 180_000);

  it("a team lead (English browser) sees the team's books, opens an agent's 360 and is refused another team's", async () => {
    const agent1s = books.agent1[1] as Known;
    const agent2s = books.agent2[0] as Known;
    const othersBook = books.agent3[1] as Known;
    const { context, page } = await newPerson(browser, server.url, 'en-US');
    try {
      await page.goto('/');
      await page.waitForURL('**/sign-in**');
      await page.getByTestId('signin-submit').waitFor();
      expect(await htmlLang(page)).toBe('en');
      expect(await textOf(page.getByTestId('signin-submit'))).toContain('Sign in');

      await signInThroughForm(page, 'lead1', PASSWORD);
      await page.waitForURL('**/subscribers');
      await page.locator('[data-testid^="subscriber-row-"]').first().waitFor();
      expect(await textOf(page.locator('body'))).toContain('Phone manager');

      // Both agents' subscribers are in the lead's search results, each with its phone manager.
      const row1 = await searchAndFind(page, agent1s.last4, agent1s.id);
      expect(await textOf(row1)).toContain(agents.agent1.displayName);
      const row2 = await searchAndFind(page, agent2s.last4, agent2s.id);
      expect(await textOf(row2)).toContain(agents.agent2.displayName);
      const owners = await page.locator('[data-testid^="subscriber-row-"]').allTextContents();
      for (const text of owners) expect(text).not.toContain(agents.agent3.displayName);

      // Opens agent2's subscriber: allowed, same team.
      await row2.click();
      await page.waitForURL(`**/subscribers/${agent2s.id}`);
      await page.getByTestId('subscriber-360').waitFor();
      expect(await textOf(page.getByTestId('owner-name'))).toContain(agents.agent2.displayName);
      expect(await textOf(page.getByTestId('profile-msisdn'))).toBe(agent2s.msisdnMasked);
      await page.getByTestId('churn-probability').waitFor();
      expect(await textOf(page.getByTestId('subscriber-360'))).toContain('Churn risk');

      // Another team's subscriber: not found.
      await expectNotFound(page, othersBook);
    } finally {
      await context.close();
    }
  }, 180_000);
});
