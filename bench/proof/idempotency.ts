// Proof part 3 — idempotent writes: call outcomes, contacts, tickets and imports with an
// Idempotency-Key, on PGlite and (when installed) a throwaway PostgreSQL. For each write and engine:
//   sequential  the same request sent `repeats` times one after another
//   concurrent  the same request sent `repeats` times at once
//   reused key  the key sent again with a different body
// Counted afterwards in the database, not from the answers: the write's rows must number exactly
// one per key, every repeat must get the first answer byte for byte (marked Idempotent-Replayed),
// and every reuse must be refused with 422 IDEMPOTENCY_KEY_REUSED. The kill -9 replay is in the
// crash part (bench/proof/crash.ts), which replays unanswered writes after each kill.
//
//   node bin/run-ts.js bench/proof/idempotency.ts [--short]
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { LightMyRequestResponse } from 'fastify';
import type { Database } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { callTasks } from '#src/db/schema/work';
import { buildTestApp, type TestApp, type TestUser } from '#test/support/app';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { onEachEngine, type ProofEngine } from '../support/proof-engines';
import { exactly, type Figure, formatFigures, type ProofPart } from './figures';

const PART = 'idempotency';

/** One kind of write: how to send it and how to count its effect in the database. */
type Write = {
  name: string;
  /** Sends the write with the key; `variant` changes the body (for the reused-key case). */
  send(key: string, variant: number): Promise<LightMyRequestResponse>;
  /** Rows the writes of this kind left, counted in the database. */
  effects(): Promise<number>;
  /** Whatever the key's request needs before it is sent (a claimed task), made once. */
  prepare?(key: string): Promise<void>;
};

type Tally = {
  /** 409 IN_PROGRESS answers asked again (imports still running under the key). */
  waited: number;
  sent: number;
  extraEffects: number;
  differentAnswers: number;
  unmarked: number;
  reuseRefused: number;
  reuses: number;
};

const replayed = (r: LightMyRequestResponse) => r.headers['idempotent-replayed'] === 'true';

/** Sends `repeats` copies (one after another or all at once) and checks what they did. */
async function exercise(write: Write, repeats: number, concurrent: boolean, tally: Tally): Promise<void> {
  const before = await write.effects();
  const key = randomUUID();
  await write.prepare?.(key);
  // What the documented client does: a 409 IDEMPOTENCY_KEY_IN_PROGRESS (an import still running
  // under the key) is asked again a little later, with the same key, until it has its answer.
  const send = async () => {
    for (let attempt = 0; ; attempt++) {
      const response = await write.send(key, 0);
      const inProgress =
        response.statusCode === 409 && response.json().error?.code === 'IDEMPOTENCY_KEY_IN_PROGRESS';
      if (!inProgress || attempt >= 200) return response;
      tally.waited += 1;
      await new Promise((done) => setTimeout(done, 50));
    }
  };
  const responses = concurrent
    ? await Promise.all(Array.from({ length: repeats }, send))
    : await sequential(repeats, send);
  const ok = responses.filter((r) => r.statusCode < 300);
  if (ok.length !== repeats) {
    const odd = responses.find((r) => r.statusCode >= 300);
    throw new Error(
      `${write.name}: ${repeats - ok.length} of ${repeats} failed, e.g. ${odd?.statusCode} ${odd?.body}`,
    );
  }
  tally.sent += repeats;
  tally.extraEffects += (await write.effects()) - before - 1;
  tally.differentAnswers += new Set(responses.map((r) => `${r.statusCode} ${r.body}`)).size - 1;
  // Exactly one answer is the original; every other is a replay and says so.
  tally.unmarked += repeats - 1 - responses.filter(replayed).length;

  const reuse = await write.send(key, 1);
  tally.reuses += 1;
  if (reuse.statusCode === 422 && reuse.json().error?.code === 'IDEMPOTENCY_KEY_REUSED')
    tally.reuseRefused += 1;
}

async function sequential(n: number, send: () => Promise<LightMyRequestResponse>) {
  const out: LightMyRequestResponse[] = [];
  for (let i = 0; i < n; i++) out.push(await send());
  return out;
}

async function countRows(engine: ProofEngine, sql: string, params: unknown[] = []): Promise<number> {
  const [row] = await queryRows<{ n: number }>(engine.handle.engine, sql, params);
  return row?.n ?? 0;
}

/** The writes on one engine's fresh database, with an agent who holds a fresh task per outcome. */
async function writesOn(engine: ProofEngine, t: TestApp): Promise<Write[]> {
  const db: Database = engine.handle.db;
  const agent: TestUser = await t.user('proof-agent', 'agent', 'proof-team');
  const planId = (await insertPlan(db)).id;
  const subscriber = await insertSubscriber(db, planId, {
    vipLevel: 'gold',
    city: '南京市',
    district: '鼓楼区',
  });
  await assignToBook(db, subscriber.id, agent.id);

  // An outcome closes its task, so each key gets a task of its own; variant 1 is another disposition.
  const taskForKey = new Map<string, number>();
  const heldTask = async (key: string) => {
    const known = taskForKey.get(key);
    if (known) return known;
    const [row] = await db
      .insert(callTasks)
      .values({
        subscriberId: subscriber.id,
        kind: 'retention_call',
        action: 'retention_call',
        ownerUserId: agent.id,
        dueAt: new Date(Date.now() - 60_000),
        reasons: [{ code: 'COMPETITOR_HOTLINE', params: { calls: 2 } }],
      })
      .returning({ id: callTasks.id });
    const id = row?.id ?? 0;
    const claim = await t.injectAs(agent, { method: 'POST', url: `/api/tasks/${id}/claim` });
    if (claim.statusCode !== 200) throw new Error(`claim failed: ${claim.body}`);
    taskForKey.set(key, id);
    return id;
  };

  const plansCsv = readFileSync('docs/examples/plans.csv', 'utf8');
  const planHeader = plansCsv.split('\n')[0];
  const boundary = '----vipdesk-proof-boundary';
  const upload = (csv: string, key: string) => ({
    payload: Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="plans.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\n${csv}\r\n--${boundary}--\r\n`,
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'idempotency-key': key },
  });
  let planCodes = 0;
  const planCsvForKey = new Map<string, string>();

  return [
    {
      name: 'call outcome',
      prepare: async (key) => {
        await heldTask(key);
      },
      send: async (key, variant) =>
        t.injectAs(agent, {
          method: 'POST',
          url: `/api/tasks/${await heldTask(key)}/outcome`,
          payload: { disposition: 'refused', reason: 'price', note: variant === 0 ? '嫌贵' : '觉得套餐太贵' },
          headers: { 'idempotency-key': key },
        }),
      effects: () => countRows(engine, 'select count(*)::int as n from contact_attempts'),
    },
    {
      name: 'contact',
      send: (key, variant) =>
        t.injectAs(agent, {
          method: 'POST',
          url: `/api/subscribers/${subscriber.id}/contacts`,
          payload: {
            channel: 'phone',
            direction: 'inbound',
            type: 'consultation',
            note: variant === 0 ? '客户咨询国际漫游资费' : '客户咨询宽带资费',
          },
          headers: { 'idempotency-key': key },
        }),
      effects: () => countRows(engine, 'select count(*)::int as n from service_contacts'),
    },
    {
      name: 'ticket',
      send: (key, variant) =>
        t.injectAs(agent, {
          method: 'POST',
          url: `/api/subscribers/${subscriber.id}/tickets`,
          payload: {
            category: 'billing_dispute',
            title: variant === 0 ? '扣费有误' : '重复扣费',
            description: '客户说多扣了流量费',
          },
          headers: { 'idempotency-key': key },
        }),
      effects: () => countRows(engine, 'select count(*)::int as n from tickets'),
    },
    {
      name: 'import',
      send: (key, variant) => {
        // One new plan per key, so a second effect would show as a second committed import run.
        let csv = planCsvForKey.get(key);
        if (!csv) {
          planCodes += 1;
          csv = `${planHeader}\nPROOF${planCodes},幂等套餐,gotone,58,1,1,1,0.1,0.1,0.1,true\n`;
          planCsvForKey.set(key, csv);
        }
        const body = variant === 0 ? csv : csv.replace('幂等套餐', '另一个套餐');
        return t.inject({ method: 'POST', url: '/api/imports/plans', ...upload(body, key) });
      },
      effects: () => countRows(engine, `select count(*)::int as n from import_runs where status <> 'failed'`),
    },
  ];
}

export const runIdempotencyProof: ProofPart = async ({ short }) => {
  const repeats = short ? 5 : 20;
  const rounds = short ? 2 : 10;
  const perEngine = await onEachEngine(async (engine) => {
    const t = await buildTestApp(engine.handle);
    try {
      const figures: Figure[] = [];
      for (const write of await writesOn(engine, t)) {
        for (const concurrent of [false, true]) {
          const tally: Tally = {
            waited: 0,
            sent: 0,
            extraEffects: 0,
            differentAnswers: 0,
            unmarked: 0,
            reuseRefused: 0,
            reuses: 0,
          };
          for (let round = 0; round < rounds; round++) await exercise(write, repeats, concurrent, tally);
          const label = `${write.name}, ${concurrent ? 'concurrent' : 'sequential'} ×${repeats} (${engine.name}, ${rounds} keys)`;
          figures.push(
            exactly(PART, `${label}: effects beyond one per key`, tally.extraEffects, '', 0),
            exactly(PART, `${label}: answers differing from the first`, tally.differentAnswers, '', 0),
            exactly(PART, `${label}: repeats not marked replayed`, tally.unmarked, '', 0),
            exactly(
              PART,
              `${label}: reused key refused (422)`,
              tally.reuseRefused,
              `of ${tally.reuses}`,
              tally.reuses,
            ),
          );
        }
      }
      return figures;
    } finally {
      await t.close();
    }
  });
  return perEngine.flat();
};

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const figures = await runIdempotencyProof({ short: process.argv.includes('--short') });
  console.log(formatFigures(figures));
  process.exitCode = figures.every((f) => f.pass) ? 0 : 1;
}
