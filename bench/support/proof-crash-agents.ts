// The crash proof's write load: one loop per agent over plain fetch to the server on 127.0.0.1,
// each doing what a phone manager does all day — claim the next task and record its disposition,
// log a contact (half of them opening a ticket in the same request), open a ticket — every write
// carrying an Idempotency-Key and a marker with that key in its free text. Bounded: it runs until
// stop(), and every request has a timeout.

import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { createRandom, type Random } from '#src/ml/random';
import { ackOf, type Journal, type JournalEntry, markerOf, type WriteKind } from './proof-crash-journal';
import type { ProofAgent } from './proof-crash-operator';

/** Where the server is now: a restarted server listens on a new port. */
export type Target = { baseUrl: string };

export type SignedInAgent = ProofAgent & { cookie: string };

export type WorkloadCounts = {
  /** Writes sent for the first time. */
  sent: number;
  /** Answers that were neither 2xx nor a 5xx/no answer (unexpected refusals), by status. */
  unexpected: Map<number, number>;
  /** Claims that found no task (the agent logged a contact instead). */
  emptyClaims: number;
};

export type Workload = { counts: WorkloadCounts; stop(): Promise<void> };

const REQUEST_TIMEOUT_MS = 15_000;
const TIME_ZONE = 'Asia/Shanghai';

type Answer = { status: number; json: unknown; replayed: boolean };

/** One request; status 0 when there was no answer (refused, reset, timed out). */
async function request(
  target: Target,
  agent: SignedInAgent,
  path: string,
  body: unknown,
  key?: string,
): Promise<Answer> {
  const headers: Record<string, string> = { cookie: agent.cookie, 'content-type': 'application/json' };
  if (key) headers['idempotency-key'] = key;
  try {
    const response = await fetch(`${target.baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(body ?? {}),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return {
      status: response.status,
      json,
      replayed: response.headers.get('idempotent-replayed') === 'true',
    };
  } catch {
    return { status: 0, json: null, replayed: false };
  }
}

/**
 * No answer, a server error, a rate limit, or the key still being worked on by an earlier request:
 * the write is still owed and goes out again later, unchanged.
 */
function retryable(answer: Answer): boolean {
  if (answer.status === 0 || answer.status >= 500 || answer.status === 429) return true;
  const error: unknown = Reflect.get(Object(answer.json), 'error');
  return answer.status === 409 && Reflect.get(Object(error), 'code') === 'IDEMPOTENCY_KEY_IN_PROGRESS';
}

/**
 * Sends one journal entry (first time or again) and records what came back. An outcome sent again
 * that answers 409 "already recorded" is a conflict: its first attempt may have committed unheard.
 */
export async function sendEntry(
  target: Target,
  agent: SignedInAgent,
  entry: JournalEntry,
  replay: boolean,
): Promise<void> {
  entry.sends += 1;
  entry.inFlight = true;
  const answer = await request(target, agent, entry.path, entry.body, entry.key).finally(() => {
    entry.inFlight = false;
  });
  entry.lastStatus = answer.status;
  if (retryable(answer)) return;
  if (answer.status >= 200 && answer.status < 300) {
    entry.ack = ackOf(entry.kind, answer.json);
    entry.answeredFromStore = answer.replayed;
    entry.state = entry.ack ? 'acked' : 'refused';
  } else if (entry.kind === 'outcome' && answer.status === 409) {
    entry.state = 'conflict';
  } else {
    entry.state = 'refused';
  }
  entry.resolvedByReplay = replay;
}

/** Tomorrow at 11:00 in the business time zone: inside the calling window, within 30 days. */
function callbackAt(): string {
  return `${addDays(todayIn(TIME_ZONE), 1)}T11:00:00+08:00`;
}

const TICKET_CATEGORIES = [
  'network_signal.weak_coverage',
  'broadband_fault.slow',
  'billing_dispute.bill_amount',
  'plan_change.change',
  'handset.device_fault',
] as const;

function pick<T>(random: Random, values: readonly T[]): T {
  const value = values[Math.floor(random() * values.length)];
  if (value === undefined) throw new Error('pick from an empty list');
  return value;
}

/** One disposition body per kind the panel records; each free text carries the key's marker. */
function outcomeBody(random: Random, marker: string): Record<string, unknown> {
  const notes = `客户沟通记录 ${marker}`;
  const roll = random();
  if (roll < 0.25) return { disposition: 'not_reached', notes };
  if (roll < 0.4) return { disposition: 'wrong_number', notes };
  if (roll < 0.55) return { disposition: 'refused', reason: 'price', notes };
  if (roll < 0.7) return { disposition: 'call_back', callbackAt: callbackAt(), notes };
  if (roll < 0.9)
    return {
      disposition: 'complaint',
      summary: `客户投诉网络信号差 ${marker}`,
      notes,
      complaint: {
        category: pick(random, TICKET_CATEGORIES),
        title: `通话中投诉 ${marker}`,
        fact: '家中信号弱，通话经常中断',
        claim: '希望尽快解决信号问题',
      },
    };
  return { disposition: 'do_not_call', notes };
}

function contactBody(random: Random, marker: string): Record<string, unknown> {
  if (random() < 0.5)
    return { channel: 'phone', direction: 'inbound', type: 'consultation', note: `咨询套餐 ${marker}` };
  return {
    channel: 'phone',
    direction: 'inbound',
    type: 'complaint',
    note: `客户来电投诉账单 ${marker}`,
    fact: '本月账单比上月高',
    claim: '核实并退还多收费用',
    ticket: { category: pick(random, TICKET_CATEGORIES), title: `来电投诉 ${marker}` },
  };
}

function ticketBody(random: Random, marker: string): Record<string, unknown> {
  return {
    category: pick(random, TICKET_CATEGORIES),
    title: `客户反映问题 ${marker}`,
    description: `由压测客户经理登记 ${marker}`,
  };
}

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));

/** Starts every agent's loop; stop() lets each finish the request in hand. */
export function startWorkload(options: {
  target: Target;
  agents: readonly SignedInAgent[];
  journal: Journal;
  seed: number;
}): Workload {
  const { target, agents, journal } = options;
  const counts: WorkloadCounts = { sent: 0, unexpected: new Map(), emptyClaims: 0 };
  let stopping = false;

  const write = async (
    index: number,
    agent: SignedInAgent,
    kind: WriteKind,
    path: string,
    body: (marker: string) => Record<string, unknown>,
  ) => {
    const key = journal.nextKey(index);
    const entry = journal.add({ key, kind, agent: index, path, body: body(markerOf(key)) });
    counts.sent += 1;
    await sendEntry(target, agent, entry, false);
    if (entry.state === 'refused')
      counts.unexpected.set(entry.lastStatus, (counts.unexpected.get(entry.lastStatus) ?? 0) + 1);
    return entry;
  };

  const loop = async (index: number, agent: SignedInAgent) => {
    const random = createRandom(options.seed * 1_000 + index);
    while (!stopping) {
      const subscriberId = pick(random, agent.book);
      const roll = random();
      let entry: JournalEntry | null = null;
      if (roll < 0.5) {
        const claim = await request(target, agent, '/api/queue/next', {});
        const task: unknown = claim.status === 200 ? Reflect.get(Object(claim.json), 'task') : undefined;
        const taskId = typeof task === 'object' && task !== null ? Reflect.get(task, 'id') : null;
        if (typeof taskId === 'number') {
          entry = await write(index, agent, 'outcome', `/api/tasks/${taskId}/outcome`, (m) =>
            outcomeBody(random, m),
          );
        } else if (claim.status === 200) {
          counts.emptyClaims += 1;
          entry = await write(index, agent, 'contact', `/api/subscribers/${subscriberId}/contacts`, (m) =>
            contactBody(random, m),
          );
        } else {
          await sleep(100 + random() * 200);
          continue;
        }
      } else if (roll < 0.8) {
        entry = await write(index, agent, 'contact', `/api/subscribers/${subscriberId}/contacts`, (m) =>
          contactBody(random, m),
        );
      } else {
        entry = await write(index, agent, 'ticket', `/api/subscribers/${subscriberId}/tickets`, (m) =>
          ticketBody(random, m),
        );
      }
      // Unanswered: the agent keeps sending the same write with the same key (and waits between
      // tries, longer each time) until it gets an answer — the retry after recovery a client makes.
      let backoff = 100;
      while (entry.state === 'pending' && !stopping) {
        await sleep(backoff + random() * backoff);
        backoff = Math.min(backoff * 2, 2_000);
        await sendEntry(target, agent, entry, true);
      }
    }
  };

  const running = agents.map((agent, index) => loop(index, agent));
  return {
    counts,
    stop: async () => {
      stopping = true;
      await Promise.all(running);
    },
  };
}

/**
 * Sends every pending write again with its own key and body, each agent's in order, until all are
 * answered or the deadline passes (the server should be up: this runs after recovery, and after the
 * load stops, for the writes whose agent stopped retrying). Returns how many were sent again, and
 * the last answers of any still unanswered.
 */
export async function replayPending(
  target: Target,
  agents: readonly SignedInAgent[],
  journal: Journal,
  deadlineMs = 60_000,
): Promise<{ sent: number; stillPending: Map<number, number> }> {
  const deadline = Date.now() + deadlineMs;
  let replayed = 0;
  const touched = new Set<JournalEntry>();
  while (Date.now() < deadline) {
    const pending = journal.withState('pending');
    if (pending.length === 0) break;
    const idle = pending.filter((entry) => !entry.inFlight);
    const byAgent = new Map<number, JournalEntry[]>();
    for (const entry of idle) byAgent.set(entry.agent, [...(byAgent.get(entry.agent) ?? []), entry]);
    await Promise.all(
      [...byAgent].map(async ([index, entries]) => {
        const agent = agents[index];
        if (!agent) return;
        for (const entry of entries) {
          touched.add(entry);
          await sendEntry(target, agent, entry, true);
        }
      }),
    );
    if (journal.withState('pending').length > 0) await sleep(500);
  }
  replayed = touched.size;
  const stillPending = new Map<number, number>();
  for (const entry of journal.withState('pending')) {
    stillPending.set(entry.lastStatus, (stillPending.get(entry.lastStatus) ?? 0) + 1);
  }
  return { sent: replayed, stillPending };
}
