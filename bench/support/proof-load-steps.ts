// One agent's working loop as autocannon requests, over the real console API: search the book →
// open a subscriber's 360 → claim the next task (POST /api/queue/next) → read its briefing → save a
// disposition on it → log a contact. Each request is built from what the agent's earlier answers
// said (the task they hold, the offers its briefing listed), so every body is valid for that agent
// at that moment, and each answer is classified as the agent would have to take it.
import { randomUUID } from 'node:crypto';
import type autocannon from 'autocannon';
import { REFUSAL_REASONS } from '#src/features/calls/call-rules';
import { localInstant } from '#src/features/planning/plan-clock';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';

export const ENDPOINTS = ['search', '360', 'claim next', 'briefing', 'disposition', 'log contact'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** One signed-in agent: their session cookie and the subscriber ids of their book. */
export type LoadAgent = { userId: number; cookie: string; book: readonly number[] };

/**
 * How an answer counts. `race`: the documented answer when another agent changed the task first
 * (a "do not call" on the same subscriber cancels the task this agent holds: its briefing is then
 * 404 and its outcome 409). `empty`: the claim found no task due.
 */
export type Verdict = 'ok' | 'race' | 'empty' | 'error';

/** A write the server acknowledged (2xx): what a crash proof later looks for in the database. */
export type AcknowledgedWrite =
  | {
      kind: 'disposition';
      agentUserId: number;
      taskId: number;
      subscriberId: number;
      contactAttemptId: number;
      idempotencyKey: string;
    }
  | {
      kind: 'contact';
      agentUserId: number;
      subscriberId: number;
      contactId: number;
      callTaskId: number | null;
      idempotencyKey: string;
    };

type HeldTask = { id: number; subscriberId: number; offerCodes: string[] };

export type AgentState = {
  agent: LoadAgent;
  inBook: ReadonlySet<number>;
  random: () => number;
  /** The subscriber the agent last opened (from the search, else from the book). */
  viewed: number | null;
  task: HeldTask | null;
  /** The request in flight and how its answer was judged, read by the latency recorder. */
  inFlight: Endpoint;
  last: { endpoint: Endpoint; verdict: Verdict; taskId: number | null } | null;
};

export type StepOptions = {
  /** The business time zone: a promised callback must fall in tomorrow's calling window there. */
  timeZone: string;
  onWrite?: (write: AcknowledgedWrite) => void;
};

const SURNAMES = [...'王李张刘陈'];
const NOTES = [
  '客户询问本月流量使用情况，已说明套餐内容。',
  '客户表示近期出差较多，希望了解国际漫游资费。',
  '已向客户介绍合约续约优惠，客户需要考虑。',
  '客户反映晚间网速偏慢，已记录并建议重启设备。',
];

/** mulberry32: a small seeded generator, so two runs with the same seed ask for the same things. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items[Math.floor(random() * items.length)];
}

export function agentState(agent: LoadAgent, seed: number): AgentState {
  return {
    agent,
    inBook: new Set(agent.book),
    random: seeded(seed),
    viewed: null,
    task: null,
    inFlight: 'search',
    last: null,
  };
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return null;
  }
}

/** A numeric property of a parsed JSON object, or null. */
function numberAt(value: unknown, ...path: string[]): number | null {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !(key in at)) return null;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'number' ? at : null;
}

function arrayAt(value: unknown, ...path: string[]): unknown[] {
  let at: unknown = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || !(key in at)) return [];
    at = (at as Record<string, unknown>)[key];
  }
  return Array.isArray(at) ? at : [];
}

/**
 * What a setupRequest returns to skip the rest of the loop: autocannon starts again at the first
 * request on a falsy result (documented), which its type declarations do not allow for.
 */
const RESTART_LOOP = null as unknown as autocannon.Request;

const ok = (status: number) => status >= 200 && status < 300;

/**
 * A search an agent types: mostly the last four digits a caller reads out or a surname, now and then
 * their book's high-risk list (the queue, not the search, is what brings most of their calls).
 */
function searchPath(random: () => number): string {
  const r = random();
  const query: Record<string, string> =
    r < 0.55
      ? { q: String(Math.floor(random() * 10_000)).padStart(4, '0') }
      : r < 0.9
        ? { q: pick(SURNAMES, random) ?? '王' }
        : { riskBand: 'high', sort: 'risk' };
  return `/api/subscribers?${new URLSearchParams({ ...query, lang: 'zh-CN' }).toString()}`;
}

/** Tomorrow between 10:00 and 16:59 in the business time zone: ahead, in the calling window. */
function callbackAt(random: () => number, timeZone: string): string {
  const day = addDays(todayIn(timeZone), 1);
  const hour = 10 + Math.floor(random() * 7);
  const minute = Math.floor(random() * 60);
  const clock = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return localInstant(day, clock, timeZone).toISOString();
}

/**
 * What the call came to, in rough call-centre proportions: most calls do not reach anyone or are
 * refused; some ask for a callback, some accept an offer the briefing listed; a few complaints,
 * wrong numbers and "do not call".
 */
export function dispositionBody(
  random: () => number,
  offerCodes: readonly string[],
  timeZone: string,
): Record<string, unknown> {
  const handleSeconds = 20 + Math.floor(random() * 400);
  const r = random();
  const offer = offerCodes[0];
  if (r < 0.4) return { disposition: 'not_reached', handleSeconds: 30 };
  if (r < 0.77 && r >= 0.62) {
    return { disposition: 'call_back', callbackAt: callbackAt(random, timeZone), handleSeconds };
  }
  if (r >= 0.77 && r < 0.89 && offer !== undefined) {
    return { disposition: 'accepted', offerCode: offer, handleSeconds, notes: pick(NOTES, random) };
  }
  // 0.40–0.62, and an "accepted" when the call had no offer to accept.
  if (r < 0.89) {
    return { disposition: 'refused', reason: pick(REFUSAL_REASONS, random) ?? 'other', handleSeconds };
  }
  if (r < 0.95) return { disposition: 'wrong_number', handleSeconds: 15 };
  if (r < 0.98) return { disposition: 'complaint', summary: '客户投诉上月账单有不明扣费。', handleSeconds };
  return { disposition: 'do_not_call', handleSeconds: 40 };
}

function jsonRequest(
  state: AgentState,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  idempotencyKey?: string,
): autocannon.Request {
  const headers: Record<string, string> = { cookie: state.agent.cookie };
  if (body !== undefined) headers['content-type'] = 'application/json';
  if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
  return body === undefined
    ? { method, path, headers }
    : { method, path, headers, body: JSON.stringify(body) };
}

/**
 * The agent's loop as an autocannon `requests` array. A step returning null skips the rest of the
 * loop (autocannon starts again at the search): no task claimed means nothing to brief or dispose.
 */
export function agentRequests(state: AgentState, options: StepOptions): autocannon.Request[] {
  const judge = (endpoint: Endpoint, verdict: Verdict) => {
    state.last = { endpoint, verdict, taskId: state.task?.id ?? null };
  };
  const step = (
    endpoint: Endpoint,
    build: () => autocannon.Request | null,
    onAnswer: (status: number, body: string) => Verdict,
  ): autocannon.Request => ({
    setupRequest: (request) => {
      const built = build();
      if (!built) return RESTART_LOOP;
      state.inFlight = endpoint;
      return { ...request, ...built };
    },
    onResponse: (status, body) => judge(endpoint, onAnswer(status, body)),
  });

  let pendingKey = '';
  let contactTarget: { subscriberId: number; callTaskId: number | null } | null = null;

  return [
    step(
      'search',
      () => {
        // A new loop: whatever the last one held is finished (or lost with its connection).
        state.task = null;
        state.viewed = null;
        return jsonRequest(state, 'GET', searchPath(state.random));
      },
      (status, body) => {
        if (!ok(status)) return 'error';
        const items = arrayAt(parse(body), 'items');
        const hit = pick(items, state.random);
        state.viewed = numberAt(hit, 'id');
        return 'ok';
      },
    ),
    step(
      '360',
      () => {
        state.viewed ??= pick(state.agent.book, state.random) ?? null;
        return state.viewed === null
          ? null
          : jsonRequest(state, 'GET', `/api/subscribers/${state.viewed}/360?lang=zh-CN`);
      },
      (status) => (ok(status) ? 'ok' : 'error'),
    ),
    step(
      'claim next',
      () => jsonRequest(state, 'POST', '/api/queue/next'),
      (status, body) => {
        if (!ok(status)) return 'error';
        const task = parse(body);
        const id = numberAt(task, 'task', 'id');
        const subscriberId = numberAt(task, 'task', 'subscriberId');
        if (id === null || subscriberId === null) return 'empty';
        state.task = { id, subscriberId, offerCodes: [] };
        return 'ok';
      },
    ),
    step(
      'briefing',
      () =>
        state.task ? jsonRequest(state, 'GET', `/api/tasks/${state.task.id}/briefing?lang=zh-CN`) : null,
      (status, body) => {
        if (status === 404) return 'race';
        if (!ok(status)) return 'error';
        if (state.task) {
          state.task.offerCodes = arrayAt(parse(body), 'offers', 'items').flatMap((item) => {
            const code = typeof item === 'object' && item !== null && 'code' in item ? item.code : null;
            return typeof code === 'string' ? [code] : [];
          });
        }
        return 'ok';
      },
    ),
    step(
      'disposition',
      () => {
        if (!state.task) return null;
        pendingKey = randomUUID();
        const body = dispositionBody(state.random, state.task.offerCodes, options.timeZone);
        return jsonRequest(state, 'POST', `/api/tasks/${state.task.id}/outcome`, body, pendingKey);
      },
      (status, body) => {
        if (status === 409) return 'race';
        if (!ok(status)) return 'error';
        const contactAttemptId = numberAt(parse(body), 'contactAttemptId');
        if (state.task && contactAttemptId !== null) {
          options.onWrite?.({
            kind: 'disposition',
            agentUserId: state.agent.userId,
            taskId: state.task.id,
            subscriberId: state.task.subscriberId,
            contactAttemptId,
            idempotencyKey: pendingKey,
          });
        }
        return 'ok';
      },
    ),
    step(
      'log contact',
      () => {
        // On the call's subscriber when they are in the agent's book (an overflow task from the
        // team's pool is not: the agent's scope is their book), else on the subscriber they opened.
        const task = state.task;
        contactTarget =
          task && state.inBook.has(task.subscriberId)
            ? { subscriberId: task.subscriberId, callTaskId: task.id }
            : state.viewed === null
              ? null
              : { subscriberId: state.viewed, callTaskId: null };
        if (!contactTarget) return null;
        pendingKey = randomUUID();
        const body = {
          channel: 'phone',
          direction: 'outbound',
          type: pick(['consultation', 'consultation', 'business', 'suggestion'] as const, state.random),
          note: pick(NOTES, state.random),
          ...(contactTarget.callTaskId === null ? {} : { callTaskId: contactTarget.callTaskId }),
        };
        return jsonRequest(
          state,
          'POST',
          `/api/subscribers/${contactTarget.subscriberId}/contacts`,
          body,
          pendingKey,
        );
      },
      (status, body) => {
        if (!ok(status)) return 'error';
        const contactId = numberAt(parse(body), 'contact', 'id');
        if (contactTarget && contactId !== null) {
          options.onWrite?.({
            kind: 'contact',
            agentUserId: state.agent.userId,
            subscriberId: contactTarget.subscriberId,
            contactId,
            callTaskId: contactTarget.callTaskId,
            idempotencyKey: pendingKey,
          });
        }
        return 'ok';
      },
    ),
  ];
}
