import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { loadDemo } from '#src/features/demo/load-demo';
import { loggerOptions } from '#src/lib/logger';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import {
  createGuardWorld,
  type GuardActor,
  type GuardWorld,
  ID_NUMBER_IN_TEXT,
  injectAs,
  MSISDN_IN_TEXT,
  NOTE_ID_NUMBER,
  NOTE_MSISDN,
  runLimited,
  TAGS_BODY,
} from './guard-fixture';

/**
 * Guard test (issue 4): every API response a masked role gets and every log line the server writes
 * while they work — searches by full number and suffix, 360s, details, scores, the audit log after
 * reveals, error answers with numbers in the URL or query — carries no full MSISDN and no ID number.
 * The explicit reveals (POST …/unmask, the export download) are the one place full values may appear:
 * their response bodies are left out of the scan (and checked to hold the values, proving the scanner
 * sees them); the log lines they produce are scanned like any other.
 */

type OpenApiParameter = { in: string; name: string; schema?: { enum?: unknown[]; type?: string } };
type OpenApiDoc = { paths: Record<string, Record<string, { parameters?: OpenApiParameter[] }>> };
type Scanned = { label: string; status: number; text: string };
type Hit = { where: string; match: string; context: string };

/** A full number nobody owns, and an ID number, used in searches and in URLs. */
const STRAY_MSISDN = '13812345678';
const STRAY_ID_NUMBER = '32010219850615001X';

describeEachEngine('guard: masking scan', (getDb, engine) => {
  let t: TestApp;
  let world: GuardWorld;
  let doc: OpenApiDoc;
  let runId = 0;
  const lines: string[] = [];
  const scanned: Scanned[] = [];
  const reveals: Scanned[] = [];
  let requestNo = 0;
  const rid = () => `scan-${engine}-${++requestNo}`;

  /** Every response is recorded for the scan unless it is an explicit reveal (unmask, export). */
  async function call(
    actor: GuardActor | null,
    options: { method?: 'GET' | 'POST' | 'PUT'; url: string; payload?: unknown },
    reveal = false,
  ): Promise<LightMyRequestResponse> {
    const user = actor ? actor.user : world.admin;
    const res = await injectAs(
      t,
      user,
      {
        method: options.method ?? 'GET',
        url: options.url,
        ...(options.payload ? { payload: options.payload as object } : {}),
      },
      rid(),
    );
    const label = `${actor?.name ?? 'admin'} ${options.method ?? 'GET'} ${options.url} → ${res.statusCode}`;
    const headers = JSON.stringify(res.headers);
    // The export download is the other explicit reveal (full personal data, audited, limited).
    const download = options.url.startsWith('/api/subscribers/export') && res.statusCode === 200;
    if (reveal || download) {
      reveals.push({ label, status: res.statusCode, text: res.body });
      scanned.push({ label: `${label} (headers)`, status: res.statusCode, text: headers });
    } else {
      scanned.push({ label, status: res.statusCode, text: `${headers}\n${comparable(res.body)}` });
    }
    return res;
  }

  beforeAll(async () => {
    const handle = getDb();
    t = await buildTestApp(handle, { LOG_LEVEL: 'info' }, { write: (line) => lines.push(line) });
    await loadDemo(
      { handle, usage: t.usage, timeZone: 'Asia/Shanghai', today: '2026-04-15' },
      { subscribers: 120, months: 6, seed: 11, asOfMonth: '2026-03', workDir: join(t.dataDir, 'demo') },
    );
    const demoIds = await queryRows<{ id: number }>(handle.engine, 'select id from subscribers order by id');
    world = await createGuardWorld(t, handle, { extraBookIds: demoIds.map((r) => r.id) });
    doc = (await call(null, { url: '/docs/json' })).json() as OpenApiDoc;

    // A scoring run started and followed by the analyst, so scores, signals and reasons exist.
    const analyst = world.byName.analyst as GuardActor;
    const started = await call(analyst, { method: 'POST', url: '/api/scoring/runs', payload: {} });
    expect(started.statusCode, started.body).toBe(202);
    runId = started.json().runId;
    for (;;) {
      const run = (await call(analyst, { url: `/api/scoring/runs/${runId}` })).json();
      if (run.stage === 'done' || run.status === 'failed') {
        expect(run.status).toBe('succeeded');
        break;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 180_000);
  afterAll(async () => t?.close());

  it('finds no full MSISDN or ID number in any response to a masked role or in any log line', async () => {
    const a1 = world.byName['agent-a1'] as GuardActor;
    const b1 = world.byName['agent-b1'] as GuardActor;
    const leadA = world.byName['lead-a'] as GuardActor;
    const masked = ['agent-a1', 'agent-b1', 'lead-a', 'lead-b', 'analyst', 'auditor'].map(
      (name) => world.byName[name] as GuardActor,
    );
    const own = world.books.agentA1?.[0] as number;
    const ownSubscriber = world.subscribers.find((s) => s.id === own);
    if (!ownSubscriber) throw new Error('agent-a1 has no fixture subscriber');

    // Reveals first, so the audit log has unmask entries (with reasons quoting a number) to show.
    const reveal = await call(
      a1,
      {
        method: 'POST',
        url: `/api/subscribers/${own}/unmask`,
        payload: { reason: `客户来电 ${NOTE_MSISDN} 核实投诉`, fields: ['msisdn', 'idNumber'] },
      },
      true,
    );
    expect(reveal.statusCode, reveal.body).toBe(200);
    const leadReveal = await call(
      leadA,
      {
        method: 'POST',
        url: `/api/subscribers/${world.books.agentA2?.[0]}/unmask`,
        payload: { reason: 'checking a complaint', fields: ['msisdn'] },
      },
      true,
    );
    expect(leadReveal.statusCode, leadReveal.body).toBe(200);
    const exported = await call(
      leadA,
      { url: `/api/subscribers/export?reason=${encodeURIComponent(`回访 ${NOTE_MSISDN} 名单`)}` },
      true,
    );
    expect(exported.statusCode, exported.body).toBe(200);
    const tags = await call(a1, { method: 'PUT', url: `/api/subscribers/${own}/tags`, payload: TAGS_BODY });
    expect(tags.statusCode).toBe(200);
    // A failed sign-in with a phone number typed as the user name lands in the audit log too.
    const signIn = await call(null, {
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: STRAY_MSISDN, password: 'not-the-password' },
    });
    expect(signIn.statusCode).toBe(401);

    // Every GET operation of the OpenAPI document, as every masked role, with typical queries.
    const tasks: (() => Promise<unknown>)[] = [];
    for (const actor of [...masked, null]) {
      for (const url of getUrls(doc, actor, world, runId, ownSubscriber.msisdn)) {
        tasks.push(() => call(actor, { url }));
      }
    }
    // Error answers with full numbers in the path or a bad query value.
    for (const actor of [
      a1,
      b1,
      leadA,
      world.byName.analyst as GuardActor,
      world.byName.auditor as GuardActor,
    ]) {
      for (const url of [
        `/api/nothing/${STRAY_MSISDN}`,
        `/api/nothing/${STRAY_ID_NUMBER}?q=${STRAY_MSISDN}`,
        `/api/subscribers/${STRAY_MSISDN}`,
        `/api/subscribers/${STRAY_MSISDN}/360`,
        `/api/subscribers/${ownSubscriber.msisdn}/360`,
        `/api/subscribers/${STRAY_ID_NUMBER}`,
        `/api/subscribers?status=${STRAY_MSISDN}`,
        `/api/subscribers?pageSize=${STRAY_MSISDN}`,
        `/api/subscribers?page=${STRAY_MSISDN}&vipLevel=${STRAY_ID_NUMBER}`,
        `/api/subscribers?q=${STRAY_MSISDN.repeat(30)}`,
        `/api/subscribers?q=${STRAY_ID_NUMBER}`,
        `/api/subscribers/${own}/360?lang=${STRAY_MSISDN}`,
        `/api/scores?city=${STRAY_MSISDN}&tier=${STRAY_MSISDN}`,
        `/api/audit?subscriberId=${STRAY_MSISDN}`,
        `/api/audit?from=${STRAY_MSISDN}&actor=${STRAY_MSISDN}`,
        `/api/scoring/runs/${STRAY_MSISDN}`,
        `/api/scoring/settings/versions/${STRAY_MSISDN}`,
      ]) {
        tasks.push(() => call(actor, { url }));
      }
      tasks.push(() =>
        call(actor, {
          method: 'POST',
          url: `/api/subscribers/${own}/unmask`,
          payload: { reason: STRAY_MSISDN, fields: [STRAY_MSISDN] },
        }),
      );
      tasks.push(() =>
        call(actor, {
          method: 'PUT',
          url: `/api/subscribers/${own}/tags`,
          payload: { personality: STRAY_MSISDN },
        }),
      );
    }
    await runLimited(tasks, 4);
    // The users list (with the failed sign-in's user name nowhere in it) as the admin.
    await call(null, { url: '/api/users' });
    await call(null, { url: '/api/teams' });

    const hits: Hit[] = [];
    for (const s of scanned) hits.push(...findNumbers(s.text, s.label));
    const logHits: Hit[] = [];
    for (const [i, line] of lines.entries()) logHits.push(...findNumbers(comparable(line), `log line ${i}`));
    const all = [...hits, ...logHits];
    const msisdns = all.filter((h) => h.match.length === 11).length;
    const idNumbers = all.length - msisdns;
    console.log(
      `masking scan [${engine}]: ${scanned.length} responses, ${lines.length} log lines, ` +
        `${msisdns} full MSISDNs, ${idNumbers} ID numbers ` +
        `(${reveals.length} reveal bodies left out, ${scanned.filter((s) => s.status === 200).length} of them 200s)`,
    );

    // The scanner sees full values where they are meant to be: in the reveals.
    const revealed = reveals.flatMap((r) => findNumbers(r.text, r.label));
    expect(revealed.map((h) => h.match)).toContain(ownSubscriber.msisdn);
    expect(revealed.map((h) => h.match)).toContain(ownSubscriber.idNumber);
    expect(revealed.filter((h) => h.where.includes('/export')).length).toBeGreaterThan(10);

    expect(all.slice(0, 20)).toEqual([]);
    expect(scanned.length).toBeGreaterThanOrEqual(200);
    expect(lines.length).toBeGreaterThanOrEqual(200);
    // The 360 with a contact note quoting full numbers was among the scanned answers.
    expect(
      scanned.some((s) => s.label.startsWith(`agent-a1 GET /api/subscribers/${own}/360`) && s.status === 200),
    ).toBe(true);
    expect(scanned.some((s) => s.text.includes(NOTE_MSISDN.slice(0, 3)) && s.text.includes('****'))).toBe(
      true,
    );
    expect(NOTE_ID_NUMBER).toMatch(ID_NUMBER_IN_TEXT);
  }, 300_000);
});

it('masks numbers a failed query quotes in an error log line', () => {
  const lines: string[] = [];
  const log = pino(loggerOptions('info'), { write: (line: string) => lines.push(line) });
  const failed = Object.assign(
    new Error(`Failed query: select 1 where id = $1\nparams: ${STRAY_MSISDN}`, {
      cause: new Error(`value "${STRAY_MSISDN}" is out of range; ID ${STRAY_ID_NUMBER}`),
    }),
    { query: 'select 1 where id = $1', params: [Number(STRAY_MSISDN), STRAY_ID_NUMBER] },
  );
  log.error({ err: failed }, 'unhandled error');
  expect(lines).toHaveLength(1);
  expect(findNumbers(comparable(lines[0] ?? ''), 'error line')).toEqual([]);
  expect(lines[0]).toContain('138****5678');
  expect(JSON.parse(lines[0] ?? '{}').err.params).toEqual(['138****5678', '320***********001X']);
});

/**
 * The text as scanned: JSON is parsed and written again with fractional numbers zeroed, because a
 * float's digits (a 0.13812345678 probability, a response time) are not a phone number; integers,
 * strings and keys stay as they are. A PDF's file identifier (its trailer's /ID, a random hex
 * digest) is blanked for the same reason: its digits once read as 19702197802.
 */
function comparable(text: string): string {
  try {
    return JSON.stringify(zeroFractions(JSON.parse(text)));
  } catch {
    return text.replace(PDF_FILE_ID, '/ID [<> <>]');
  }
}

const PDF_FILE_ID = /\/ID \[<[0-9a-fA-F]*> ?<[0-9a-fA-F]*>\]/g;

function zeroFractions(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? value : 0;
  if (Array.isArray(value)) return value.map(zeroFractions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, zeroFractions(v)]));
  }
  return value;
}

function findNumbers(text: string, where: string): Hit[] {
  const hits: Hit[] = [];
  for (const pattern of [MSISDN_IN_TEXT, ID_NUMBER_IN_TEXT]) {
    for (const m of text.matchAll(new RegExp(pattern.source, 'g'))) {
      const at = m.index ?? 0;
      hits.push({ where, match: m[0], context: text.slice(Math.max(0, at - 60), at + m[0].length + 60) });
    }
  }
  return hits;
}

/** The GET operations of the document as URLs: in-scope ids for path parameters, typical queries. */
function getUrls(
  doc: OpenApiDoc,
  actor: GuardActor | null,
  world: GuardWorld,
  runId: number,
  msisdn: string,
) {
  const urls: string[] = [];
  const scopeIds = actor && actor.scope.size > 0 ? [...actor.scope] : [world.subscribers[0]?.id ?? 1];
  // A fixture subscriber (contacts with notes), a demo subscriber (scored from usage), another.
  const ids = [
    ...new Set([scopeIds[0], scopeIds[scopeIds.length - 1], scopeIds[Math.floor(scopeIds.length / 2)]]),
  ];
  const inScope = world.subscribers.find((s) => actor?.scope.has(s.id));
  const number = inScope?.msisdn ?? msisdn;
  const values: Record<string, string[]> = {
    q: [
      number,
      number.slice(-4),
      number.slice(-7),
      STRAY_MSISDN,
      STRAY_MSISDN.slice(-4),
      '客户1',
      inScope?.idNumber ?? '',
    ],
    lang: ['zh-CN', 'en'],
    page: ['2'],
    pageSize: ['200'],
    city: ['南京市'],
    actor: ['guard-agent-a1'],
    action: ['subscriber.unmask', 'auth.sign_in_failed', 'access.denied'],
    subscriberId: [String(ids[0])],
    from: ['2020-01-01'],
    to: ['2030-12-31'],
    reason: ['quarterly review'],
    inTargetPool: ['true'],
    isGroupCustomer: ['false'],
  };
  for (const [template, ops] of Object.entries(doc.paths)) {
    const get = ops.get;
    if (!get || !template.startsWith('/api/')) continue;
    const pathValues = template.includes('{id}')
      ? template.startsWith('/api/subscribers/')
        ? ids.map(String)
        : [String(runId)]
      : template.includes('{version}')
        ? ['0', '1']
        : [''];
    for (const p of pathValues) {
      const base = template.replace(/\{[^}]+\}/, p);
      urls.push(base);
      for (const param of get.parameters ?? []) {
        if (param.in !== 'query') continue;
        const choices = param.schema?.enum?.map(String) ?? values[param.name] ?? [];
        for (const v of choices) urls.push(`${base}?${param.name}=${encodeURIComponent(v)}`);
      }
    }
  }
  return urls;
}
