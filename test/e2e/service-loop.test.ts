import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { launchBrowser, newPerson, signInThroughForm } from './browser';
import { middayZone } from './midday-zone';
import { apiGet, apiSignIn, ensureConsoleBuilt, type RunningServer, startServer } from './server';

// Issue 6's "Done when", in a browser: an agent logs a VIP's complaint from the call panel; it is
// dispatched to a group on an SLA clock; a care task appears in the owner's queue and the call's
// sales offers are suspended; the team lead closes the ticket; the agent records the satisfaction
// revisit. People act through the screens; the API is read only to find test data and to check
// what the screens claim.

const PASSWORD = 'vipdesk-demo';
const SCREENSHOTS = resolve('test-results/screenshots');

const ZONE = middayZone();
let server: RunningServer;
let browser: Browser;

type QueueItem = {
  id: number;
  subscriberId: number;
  kind: string;
  action: string | null;
  status: string;
  offerCode: string | null;
  reasons: { code: string; params: Record<string, string | number> }[];
};
type TicketDetail = {
  id: number;
  ticketNo: string;
  status: string;
  groupName: string;
  slaState: string;
  dueAt: string;
  revisits: { id: number; status: string; score: number | null }[];
};

beforeAll(async () => {
  ensureConsoleBuilt();
  mkdirSync(SCREENSHOTS, { recursive: true });
  server = await startServer({ subscribers: 600, timeoutMs: 180_000, env: { VIPDESK_TIMEZONE: ZONE } });
  browser = await launchBrowser();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
}, 60_000);

/** The agents of lead1's team: either may hold the sales call the test needs. */
const TEAM_AGENTS = ['agent1', 'agent2'] as const;
const SALES_ACTIONS = new Set(['retention_call', 'upsell_call']);

/**
 * A sales call (retention or upsell) in the queue of one of lead1's agents, for a VIP with no ticket
 * open: its offers are on the table. How many tasks each agent gets depends on the shift time left
 * when the demo plans the day, so the first agent's queue alone does not always hold one.
 */
async function findVipSalesTask(): Promise<{ username: string; cookie: string; task: QueueItem }> {
  const looked: string[] = [];
  for (const username of TEAM_AGENTS) {
    const { cookie } = await apiSignIn(server.url, username, PASSWORD);
    const items = await queueItems(cookie);
    looked.push(`${username}: ${items.length} tasks`);
    for (const item of items) {
      if (item.status !== 'open' || !item.action || !SALES_ACTIONS.has(item.action)) continue;
      const subscriber = await apiGet<{ vipLevel: string }>(
        server.url,
        cookie,
        `/api/subscribers/${item.subscriberId}`,
      );
      if (subscriber.vipLevel === 'none') continue;
      const tickets = await apiGet<{ total: number }>(
        server.url,
        cookie,
        `/api/tickets?subscriberId=${item.subscriberId}&status=active`,
      );
      if (tickets.total === 0) return { username, cookie, task: item };
    }
  }
  throw new Error(`no open VIP sales call without a ticket in lead1's team (${looked.join('; ')})`);
}

async function queueItems(cookie: string): Promise<QueueItem[]> {
  return (await apiGet<{ items: QueueItem[] }>(server.url, cookie, '/api/queue')).items;
}

/**
 * Picks a category in a tree select and waits until the select shows it: under load a click during
 * the dropdown's opening animation can miss, so the pick is retried until it holds.
 */
async function pickInTree(page: Page, selectTestId: string, optionTestId: string): Promise<void> {
  const select = page.getByTestId(selectTestId);
  let label = '';
  await expect
    .poll(
      async () => {
        if (label && ((await select.textContent()) ?? '').includes(label)) return true;
        await select.click();
        const option = page.getByTestId(optionTestId);
        await option.waitFor();
        label = ((await option.textContent()) ?? '').trim();
        await option.click();
        return ((await select.textContent()) ?? '').includes(label);
      },
      { timeout: 30_000, interval: 500 },
    )
    .toBe(true);
}

/**
 * Hands the held task back with the panel's release button and its confirmation. Under load the
 * confirmation's opening animation can swallow a click, so the confirm is clicked until the task is
 * open again.
 */
async function releaseThroughPanel(page: Page, cookie: string, taskId: number): Promise<void> {
  await page.getByTestId('release-task').click();
  await expect
    .poll(
      async () => {
        const status = (await queueItems(cookie)).find((i) => i.id === taskId)?.status;
        if (status === 'open') return status;
        const confirm = page.locator('.ant-popconfirm:visible .ant-btn-primary');
        if ((await confirm.count()) > 0) await confirm.first().click();
        else await page.getByTestId('release-task').click();
        return status;
      },
      { timeout: 30_000, interval: 1_000 },
    )
    .toBe('open');
}

it('a VIP complaint is dispatched on an SLA, brings a care task, suspends offers, is closed and revisited', async () => {
  const agent = await newPerson(browser, server.url, 'zh-CN', ZONE);
  const lead = await newPerson(browser, server.url, 'en-US', ZONE);
  try {
    const { username: agentName, cookie: agentCookie, task } = await findVipSalesTask();
    const agentApi = { cookie: agentCookie };

    // The agent takes the VIP's sales call: its offers are there to be made.
    const desk = agent.page;
    await signInThroughForm(desk, agentName, PASSWORD);
    await desk.waitForURL('**/workbench');
    await desk.getByTestId(`queue-task-${task.id}`).click();
    await desk.getByTestId('call-panel').waitFor();
    await desk.getByTestId('briefing').waitFor();
    expect(await desk.getByTestId('offers-suppressed').count()).toBe(0);

    // On the call the VIP complains; the agent logs it from the call panel. The form suggests the
    // type from the words of the note, and the agent opens a ticket.
    await desk.getByTestId('log-contact').click();
    await desk.getByTestId('log-contact-drawer').waitFor();
    await desk
      .getByTestId('contact-note')
      .fill('客户投诉家里信号很差，通话经常掉线，已经一个星期了，要求尽快解决，否则就携号转网');
    await expect
      .poll(async () => desk.getByTestId('contact-suggestion').getAttribute('data-type'), { timeout: 15_000 })
      .toBe('complaint');
    await desk.getByTestId('contact-emotion').fill('很生气');
    await desk.getByTestId('contact-fact').fill('家中室内信号弱，通话掉线一周');
    await desk.getByTestId('contact-claim').fill('尽快修复信号');
    await pickInTree(desk, 'contact-ticket-category', 'category-option-network_signal');
    await desk.getByTestId('contact-ticket-title').fill('家中信号差，通话掉线');
    await desk.getByTestId('contact-submit').click();
    await desk.getByTestId('contact-logged').waitFor({ timeout: 60_000 });
    const ticketNo = ((await desk.getByTestId('contact-ticket').getAttribute('data-ticket-no')) ?? '').trim();
    const shownNo = (await desk.getByTestId('contact-ticket').textContent()) ?? '';
    const ticketId = Number(/T0*(\d+)/.exec(ticketNo || shownNo)?.[1]);
    expect(ticketId).toBeGreaterThan(0);
    expect(((await desk.getByTestId('contact-ticket-group').textContent()) ?? '').trim()).not.toBe('');
    expect(((await desk.getByTestId('contact-ticket-due').textContent()) ?? '').trim()).not.toBe('');
    await desk.screenshot({ path: `${SCREENSHOTS}/service-1-complaint-logged.png`, fullPage: true });
    await desk.getByTestId('contact-logged-close').click();

    // Dispatched with its SLA: a group, a due time from the matrix, the clock running.
    const ticket = await apiGet<TicketDetail>(server.url, agentApi.cookie, `/api/tickets/${ticketId}`);
    expect(ticket.status).toBe('open');
    expect(ticket.groupName).not.toBe('');
    expect(['on_track', 'warning']).toContain(ticket.slaState);
    expect(new Date(ticket.dueAt).getTime()).toBeGreaterThan(Date.now());

    // The call's sales offers are suspended while the ticket is open …
    await expect
      .poll(async () => desk.getByTestId('offers-suppressed').getAttribute('data-ticket-no'), {
        timeout: 30_000,
      })
      .toBe(ticket.ticketNo);
    // … and a care task for the ticket waits in the owner's queue.
    const careTask = (await queueItems(agentApi.cookie)).find(
      (item) =>
        item.kind === 'care' &&
        item.reasons.some((r) => r.code === 'open_ticket' && Number(r.params.ticketId) === ticketId),
    );
    expect(careTask, 'care task for the ticket').toBeDefined();
    await desk.getByTestId('queue-refresh').click();
    await desk.getByTestId(`queue-task-${careTask?.id}`).waitFor();
    await desk.screenshot({ path: `${SCREENSHOTS}/service-2-offers-suppressed.png`, fullPage: true });

    // The agent hands the sales call back for now.
    await releaseThroughPanel(desk, agentApi.cookie, task.id);

    // The team lead (English console) finds the ticket, sees its group and SLA, and closes it.
    const page = lead.page;
    await signInThroughForm(page, 'lead1', PASSWORD);
    await page.getByTestId('nav-tickets').click();
    await page.getByTestId('tickets-table').waitFor();
    // The demo's old open tickets are all past due; the new one is among those on track.
    await page.getByTestId('ticket-filter-sla').click();
    await page.getByTestId(`ticket-filter-sla-${ticket.slaState}`).click();
    await page.getByTestId(`ticket-row-${ticketId}`).click();
    await page.getByTestId('ticket-page').waitFor();
    expect(((await page.getByTestId('ticket-group').textContent()) ?? '').trim()).toContain(ticket.groupName);
    expect(await page.getByTestId('ticket-sla').getAttribute('data-state')).toMatch(/on_track|warning/);
    await page.getByTestId('ticket-sla-due').waitFor();
    await page.getByTestId('ticket-timeline').waitFor();
    expect(await page.locator('[data-testid^="ticket-event-"][data-kind="dispatched"]').count()).toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/service-3-ticket.png`, fullPage: true });
    await page.getByTestId('ticket-close').click();
    await page
      .getByTestId('ticket-close-text')
      .fill('Grid engineer re-aimed the sector antenna; signal restored.');
    await page.getByTestId('ticket-close-submit').click();
    await expect
      .poll(async () => page.getByTestId('ticket-status').getAttribute('data-status'), { timeout: 30_000 })
      .toBe('closed');

    // Closed for a VIP: the care task is withdrawn and a revisit call waits for the owner.
    const afterClose = await queueItems(agentApi.cookie);
    expect(afterClose.some((i) => i.id === careTask?.id)).toBe(false);
    const revisitTask = afterClose.find(
      (item) =>
        item.kind === 'revisit' &&
        item.reasons.some((r) => r.code === 'ticket_revisit' && Number(r.params.ticketId) === ticketId),
    );
    expect(revisitTask, 'revisit task for the ticket').toBeDefined();

    // The sales offers are back on the original call.
    await desk.getByTestId('queue-refresh').click();
    await desk.getByTestId(`queue-task-${task.id}`).click();
    await desk.getByTestId('briefing').waitFor();
    await expect.poll(async () => desk.getByTestId('offers-suppressed').count(), { timeout: 30_000 }).toBe(0);
    await releaseThroughPanel(desk, agentApi.cookie, task.id);

    // The agent makes the revisit call and records a satisfied customer.
    await desk.getByTestId('queue-refresh').click();
    await desk.getByTestId(`queue-task-${revisitTask?.id}`).click();
    await desk.getByTestId('revisit-form').waitFor();
    // The score is a radio button: the visible part is the label around the input.
    await desk.locator('label:has([data-testid="revisit-score-5"])').click();
    await desk.getByTestId('revisit-comment').fill('信号已恢复，很满意');
    await desk.getByTestId('revisit-submit').click();
    await desk.getByTestId('revisit-saved').waitFor();
    await desk.screenshot({ path: `${SCREENSHOTS}/service-4-revisit.png`, fullPage: true });

    const revisited = await apiGet<TicketDetail>(server.url, agentApi.cookie, `/api/tickets/${ticketId}`);
    expect(revisited.status).toBe('closed');
    expect(revisited.revisits).toEqual([expect.objectContaining({ status: 'answered', score: 5 })]);
    await page.reload();
    await page.getByTestId('ticket-revisits').waitFor();
    await expect
      .poll(async () => page.locator('[data-testid^="ticket-revisit-"][data-score="5"]').count())
      .toBe(1);
    await page.screenshot({ path: `${SCREENSHOTS}/service-5-closed-revisited.png`, fullPage: true });

    // The subscriber's 360 shows the ticket and the complaint, and logs contacts too.
    await desk.goto(`/subscribers/${task.subscriberId}`);
    await desk.getByTestId(`s360-ticket-${ticketId}`).waitFor();
    expect(await desk.getByTestId(`s360-ticket-${ticketId}`).getAttribute('data-ticket-no')).toBe(
      ticket.ticketNo,
    );
    await desk.locator('[data-testid^="contact-row-"][data-type="complaint"]').first().waitFor();
    await desk.getByTestId('log-contact').click();
    await desk.getByTestId('log-contact-drawer').waitFor();
    await desk.screenshot({ path: `${SCREENSHOTS}/service-6-360-log-contact.png`, fullPage: true });
  } catch (error) {
    // What each person saw when it went wrong.
    await agent.page.screenshot({ path: `${SCREENSHOTS}/service-failed-agent.png`, fullPage: true });
    await lead.page.screenshot({ path: `${SCREENSHOTS}/service-failed-lead.png`, fullPage: true });
    throw error;
  } finally {
    await agent.context.close();
    await lead.context.close();
  }
}, 300_000);

it('the lead reads the SLA dashboard and the hot spots, and raises a work order from the planted one', async () => {
  for (const locale of ['en-US', 'zh-CN'] as const) {
    const lead = await newPerson(browser, server.url, locale, ZONE);
    try {
      const page = lead.page;
      await signInThroughForm(page, 'lead1', PASSWORD);
      await page.getByTestId('nav-service').click();
      await page.getByTestId('service-page').waitFor();
      // The SLA dashboard over the demo's tickets, with the 98% target.
      await page.getByTestId('sla-dashboard').waitFor();
      await expect
        .poll(async () => (await page.getByTestId('sla-kpi-on-time-value').textContent())?.trim(), {
          timeout: 30_000,
        })
        .toMatch(/\d+(\.\d+)?\s*%/);
      await page.getByTestId('sla-chart').locator('canvas').first().waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/service-7-sla-${locale}.png`, fullPage: true });

      // Hot spots: the demo plants weak-signal complaints in one district last week.
      await page.getByTestId('service-tab-hot-spots').click();
      await page.getByTestId('hot-spot-table').waitFor();
      const row = page.locator('[data-testid^="hot-spot-row-"][data-category="network_signal"]').first();
      await row.waitFor({ timeout: 30_000 });
      await row.click();
      await page.getByTestId('hot-spot-drawer').waitFor();
      await page.getByTestId('hot-spot-items').waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/service-8-hot-spot-${locale}.png`, fullPage: true });
      if (locale === 'en-US') {
        await page.getByTestId('hot-spot-drawer-order').getByTestId('raise-work-order').click();
        await page.getByTestId('raise-work-order-confirm').click();
        await page.getByTestId('hot-spot-drawer-order-status').waitFor({ timeout: 30_000 });
      }
      await page.locator('.ant-drawer-open .ant-drawer-close').click();
      await page.getByTestId('hot-spot-drawer').waitFor({ state: 'hidden' });
      await page.getByTestId('service-tab-work-orders').click();
      await page.locator('[data-testid^="work-order-row-"]').first().waitFor({ timeout: 30_000 });
      await page.screenshot({ path: `${SCREENSHOTS}/service-9-work-orders-${locale}.png`, fullPage: true });
    } finally {
      await lead.context.close();
    }
  }
}, 240_000);
