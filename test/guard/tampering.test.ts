import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import {
  createGuardWorld,
  type GuardActor,
  type GuardActorKind,
  type GuardWorld,
  injectAs,
  runLimited,
  TAGS_BODY,
  UNMASK_BODY,
} from './guard-fixture';

/**
 * Guard test (issue 4): a generated sweep of tampering attempts — other books' ids, unassigned,
 * sequential, deleted and malformed ids, aliases of real ids (0x…, 1e0, +n), on every operation of
 * the OpenAPI document that takes an id and with every method, listed or not — as every non-admin
 * role, must yield no unauthorised read (a 2xx, or a list item outside the actor's scope) and no
 * unauthorised write (any change to the database except the expected audit and session rows).
 */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
type Method = (typeof METHODS)[number];

/**
 * What each role may do, written out from the API contract rather than imported from src, so a
 * wrong grant in the code cannot agree with itself.
 */
const GRANTS: Record<GuardActorKind, ReadonlySet<string>> = {
  agent: new Set([
    'subscribers.search',
    'subscribers.view',
    'subscribers.unmask',
    'subscribers.editTags',
    'scores.read',
  ]),
  lead: new Set([
    'subscribers.search',
    'subscribers.view',
    'subscribers.unmask',
    'subscribers.export',
    'scores.read',
  ]),
  analyst: new Set(['subscribers.search', 'scores.read', 'scoring.manage']),
  auditor: new Set(['audit.read']),
  anonymous: new Set(),
};

/** The contract's operations that take an id: the permission they need and the scope they apply. */
type Rule = { permission: string; scope: 'subscriber' | 'owner' | 'none' };
const RULES: Record<string, Rule> = {
  'GET /api/subscribers/{id}': { permission: 'subscribers.view', scope: 'subscriber' },
  'GET /api/subscribers/{id}/360': { permission: 'subscribers.view', scope: 'subscriber' },
  'POST /api/subscribers/{id}/unmask': { permission: 'subscribers.unmask', scope: 'subscriber' },
  'PUT /api/subscribers/{id}/tags': { permission: 'subscribers.editTags', scope: 'owner' },
  'GET /api/subscribers/{id}/score': { permission: 'scores.read', scope: 'subscriber' },
  'GET /api/subscribers/{id}/scores': { permission: 'scores.read', scope: 'subscriber' },
  'POST /api/users/{id}/disable': { permission: 'users.manage', scope: 'none' },
  'POST /api/users/{id}/enable': { permission: 'users.manage', scope: 'none' },
  'POST /api/users/{id}/sessions/end': { permission: 'users.manage', scope: 'none' },
  'GET /api/scoring/runs/{id}': { permission: 'scoring.manage', scope: 'none' },
  'GET /api/scoring/settings/versions/{version}': { permission: 'scoring.manage', scope: 'none' },
  'POST /api/models/{id}/activate': { permission: 'scoring.manage', scope: 'none' },
  'POST /api/imports/{kind}': { permission: 'imports.run', scope: 'none' },
};

/** Malformed, out-of-range and odd ids every id parameter is tried with. */
const SPECIAL_IDS = [
  '0',
  '-1',
  '-999',
  '2147483647',
  '2147483648',
  '9007199254740991',
  '9007199254740993',
  '9223372036854775807',
  '99999999999999999999',
  'abc',
  '1.5',
  'NaN',
  'Infinity',
  'null',
  '%20',
  '1%00',
  '..%2F1',
  '%5B1%5D',
];

/** The same number in other spellings a lax parser may accept (Number('0x1f') is 31). */
function aliasesOf(id: number): string[] {
  return [`0x${id.toString(16)}`, `%2B${id}`, `${id}.0`, `${id}e0`, `0${id}`, `%20${id}`, `${id}%20`];
}

/** The id a coercing schema would see, or null when it is not a valid positive integer. */
function effectiveId(raw: string): number | null {
  let text: string;
  try {
    text = decodeURIComponent(raw);
  } catch {
    return null;
  }
  const n = Number(text);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

type Operation = { template: string; listed: Set<Method>; param: string };
type Attempt = { actor: GuardActor; method: Method; template: string; raw: string; url: string };
type Finding = { actor: string; method: string; url: string; status: number; why: string; body: string };

const REFERENCE_ID = '999999';

describeEachEngine('guard: tampering sweep', (getDb, engine) => {
  let t: TestApp;
  let world: GuardWorld;
  let operations: Operation[];
  let live: Set<number>;
  let requestNo = 0;
  const rid = () => `guard-${engine}-${++requestNo}`;

  beforeAll(async () => {
    const handle = getDb();
    t = await buildTestApp(handle);
    world = await createGuardWorld(t, handle);
    live = new Set(world.subscribers.map((s) => s.id));
    // Rows the scoring operations could touch, so a write through them would show.
    const settings = await t.inject({ method: 'GET', url: '/api/scoring/settings' });
    const saved = await t.inject({
      method: 'PUT',
      url: '/api/scoring/settings',
      payload: { settings: settings.json().settings, note: 'guard baseline' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    await queryRows(
      handle.engine,
      `insert into churn_models (source, kind, horizon_months, trained_on, train_rows, positives, metrics, params, model_json)
       values ('csv', 'logistic', 3, 'guard.csv', 10, 2, '{}', '{}', '{}')`,
    );
    await queryRows(
      handle.engine,
      `insert into scoring_runs (as_of, status, trigger, settings_version, stage, error)
       values ('2026-03-31', 'failed', 'api', 1, 'done', 'guard fixture')`,
    );

    const doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, unknown>>;
    };
    operations = Object.entries(doc.paths)
      .filter(([path]) => /\{[^}]+\}/.test(path))
      .map(([template, ops]) => ({
        template,
        listed: new Set(Object.keys(ops).map((m) => m.toUpperCase() as Method)),
        param: /\{([^}]+)\}/.exec(template)?.[1] ?? '',
      }));
  }, 180_000);
  afterAll(async () => t?.close());

  const get = (actor: GuardActor, url: string) => injectAs(t, actor.user, { method: 'GET', url }, rid());

  it('finds every id-taking operation of the contract in the OpenAPI document', () => {
    const listed = operations.flatMap((op) => [...op.listed].map((m) => `${m} ${op.template}`));
    expect(listed.sort()).toEqual(Object.keys(RULES).sort());
  });

  it('lets each role do what it may to its own scope (controls: the sweep is not all 404s)', async () => {
    const a1 = world.byName['agent-a1'] as GuardActor;
    const leadA = world.byName['lead-a'] as GuardActor;
    const leadB = world.byName['lead-b'] as GuardActor;
    const own = world.books.agentA1?.[0] as number;
    const teammates = world.books.agentA2?.[0] as number;
    const disabledBook = world.books.disabled?.[0] as number;

    const view = await get(a1, `/api/subscribers/${own}/360`);
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().profile.id).toBe(own);
    expect(view.json().can).toEqual({ unmask: true, editTags: true });
    expect((await get(a1, `/api/subscribers/${own}`)).statusCode).toBe(200);
    const tags = await injectAs(
      t,
      a1.user,
      { method: 'PUT', url: `/api/subscribers/${own}/tags`, payload: TAGS_BODY },
      rid(),
    );
    expect(tags.statusCode, tags.body).toBe(200);
    expect(tags.json()).toMatchObject({ personality: 'eagle', complaintPsychology: 'venting' });
    const unmask = await injectAs(
      t,
      a1.user,
      { method: 'POST', url: `/api/subscribers/${own}/unmask`, payload: UNMASK_BODY },
      rid(),
    );
    expect(unmask.statusCode, unmask.body).toBe(200);
    expect(unmask.json().msisdn).toBe(world.subscribers.find((s) => s.id === own)?.msisdn);

    expect((await get(leadA, `/api/subscribers/${teammates}/360`)).statusCode).toBe(200);
    expect((await get(leadB, `/api/subscribers/${disabledBook}`)).statusCode).toBe(200);
    const book = await get(world.byName['agent-b1'] as GuardActor, '/api/subscribers?pageSize=200');
    expect(book.statusCode).toBe(200);
    expect(
      book
        .json()
        .items.map((i: { id: number }) => i.id)
        .sort(),
    ).toEqual([...(world.books.agentB1 ?? [])].sort());
    const analystList = await get(world.byName.analyst as GuardActor, '/api/subscribers?pageSize=200');
    expect(analystList.json().total).toBe(live.size);
    expect((await get(world.byName.analyst as GuardActor, '/api/scoring/runs/1')).statusCode).toBe(200);
    expect((await get(world.byName.auditor as GuardActor, '/api/audit')).statusCode).toBe(200);
    // The same subscriber as a nonexistent one for the agent of the other team.
    const b1 = world.byName['agent-b1'] as GuardActor;
    expect((await get(b1, `/api/subscribers/${own}/360`)).statusCode).toBe(404);
  });

  it('answers 10,000+ tampering attempts with no unauthorised read or write', async () => {
    const handle = getDb();
    const started = Date.now();
    const before = await snapshot(handle);
    const auditBefore = await maxAuditId(handle);

    // Which subscribers to spell differently: one of every book, unassigned and deleted.
    const aliasTargets = [
      ...Object.values(world.books).map((ids) => ids[1] as number),
      world.unassignedIds[0] as number,
      world.deletedIds[0] as number,
    ];
    const maxUser = Math.max(...world.userIds);
    // Listed operations get every id; methods the operation does not list get a sample.
    const subscriberIds = [
      ...range(1, world.maxSubscriberId + 6).map(String),
      ...SPECIAL_IDS,
      ...aliasTargets.flatMap((id) => aliasesOf(id).slice(0, 3)),
    ];
    const subscriberSample = [
      String(world.books.agentA1?.[0]),
      String(world.books.agentB1?.[0]),
      String(world.books.disabled?.[0]),
      String(world.unassignedIds[0]),
      String(world.deletedIds[0]),
      String(world.maxSubscriberId + 1),
      '0',
      'abc',
      ...aliasesOf(world.books.agentB2?.[2] as number).slice(0, 2),
    ];
    const userIds = [
      ...range(1, maxUser + 3).map(String),
      ...SPECIAL_IDS.slice(0, 10),
      ...aliasesOf(t.admin.id).slice(0, 4),
    ];
    const smallIds = ['1', '2', '3', ...SPECIAL_IDS.slice(0, 10)];
    const kinds = [
      'subscribers',
      'plans',
      'contracts',
      'complaints',
      'bills',
      'usage',
      'users',
      '..%2Fusers',
    ];

    const idsFor = (op: Operation, method: Method): string[] => {
      const listed = op.listed.has(method) || (method === 'HEAD' && op.listed.has('GET'));
      if (op.template.startsWith('/api/subscribers/{id}')) {
        return listed && method !== 'HEAD' ? subscriberIds : subscriberSample;
      }
      if (op.template.startsWith('/api/users/{id}')) return listed ? userIds : userIds.slice(0, 6);
      if (op.param === 'kind') return listed ? kinds : kinds.slice(0, 4);
      return listed ? smallIds : smallIds.slice(0, 4);
    };

    const attempts: Attempt[] = [];
    let allowedSkipped = 0;
    for (const actor of world.actors) {
      for (const op of operations) {
        for (const method of METHODS) {
          for (const raw of idsFor(op, method)) {
            if (isAllowed(actor, op, method, raw, live)) {
              allowedSkipped++;
              continue;
            }
            attempts.push({
              actor,
              method,
              template: op.template,
              raw,
              url: op.template.replace(/\{[^}]+\}/, raw),
            });
          }
        }
      }
    }

    // What a nonexistent id gets, per actor, method and operation: the answer every other book's
    // id and every deleted id must get too (no probing by status or message).
    const references = new Map<string, { status: number; body: string }>();
    await runLimited(
      world.actors.flatMap((actor) =>
        operations.flatMap((op) =>
          METHODS.map((method) => async () => {
            const id = rid();
            const url = op.template.replace(/\{[^}]+\}/, REFERENCE_ID);
            const res = await send(actor, method, op.template, url, id);
            references.set(`${actor.name} ${method} ${op.template}`, normalise(res, id, url));
          }),
        ),
      ),
    );

    const unauthorisedReads: Finding[] = [];
    const serverErrors: Finding[] = [];
    const probes: Finding[] = [];
    const existing = new Set([...live, ...world.deletedIds]);
    const finding = (a: Attempt, res: LightMyRequestResponse, why: string): Finding => ({
      actor: a.actor.name,
      method: a.method,
      url: a.url,
      status: res.statusCode,
      why,
      body: res.body.slice(0, 200),
    });
    await runLimited(
      attempts.map((a) => async () => {
        const id = rid();
        const res = await send(a.actor, a.method, a.template, a.url, id);
        if (res.statusCode >= 200 && res.statusCode < 300)
          unauthorisedReads.push(finding(a, res, 'answered 2xx'));
        if (res.statusCode >= 500) serverErrors.push(finding(a, res, 'server error'));
        if (/^\d+$/.test(a.raw) && existing.has(Number(a.raw))) {
          const reference = references.get(`${a.actor.name} ${a.method} ${a.template}`);
          const got = normalise(res, id, a.url);
          if (!reference || reference.status !== got.status || reference.body !== got.body) {
            probes.push(finding(a, res, `differs from a nonexistent id: ${JSON.stringify(reference)}`));
          }
        }
      }),
    );

    // Lists and searches: another book's subscriber must not be found by number, suffix or name.
    const listAttempts = await listProbes(world, live, rid, t);
    unauthorisedReads.push(...listAttempts.findings);

    const after = await snapshot(handle);
    const unauthorisedWrites = diffSnapshots(before, after);
    const newAudit = await queryRows<{ action: string; n: number }>(
      handle.engine,
      'select action, count(*)::int as n from audit_log where id > $1 group by action order by action',
      [auditBefore],
    );
    for (const row of newAudit) {
      // Denials are audited and the leads' permitted exports are recorded; nothing else may be.
      if (row.action !== 'access.denied' && row.action !== 'subscriber.export') {
        unauthorisedWrites.push(`audit_log gained ${row.n} '${row.action}' entries`);
      }
    }
    unauthorisedWrites.push(...(await outOfScopeReveals(handle, world)));

    const total = attempts.length + listAttempts.count;
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `tampering sweep [${engine}]: ${total.toLocaleString('en-US')} attempts, ` +
        `${unauthorisedReads.length} unauthorised reads, ${unauthorisedWrites.length} unauthorised writes ` +
        `(${attempts.length} by id over ${operations.length} operations × ${METHODS.length} methods × ` +
        `${world.actors.length} actors, ${listAttempts.count} list/search probes, ${allowedSkipped} permitted ` +
        `combinations left out, ${probes.length} existence leaks, ${serverErrors.length} server errors, ${seconds}s)`,
    );
    const deniedAudited = newAudit.find((r) => r.action === 'access.denied')?.n ?? 0;
    expect(unauthorisedReads.slice(0, 20)).toEqual([]);
    expect(unauthorisedWrites).toEqual([]);
    expect(probes.slice(0, 20)).toEqual([]);
    expect(serverErrors.slice(0, 20)).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(10_000);
    // The gate was exercised: other books' ids were denied and audited as denials.
    expect(deniedAudited).toBeGreaterThan(100);
  }, 300_000);

  it('still serves every signed-in actor afterwards (no session was ended by the sweep)', async () => {
    const a1 = world.byName['agent-a1'] as GuardActor;
    const own = world.books.agentA1?.[0] as number;
    expect((await get(a1, `/api/subscribers/${own}/360`)).statusCode).toBe(200);
    for (const actor of world.actors.filter((a) => a.active)) {
      expect((await get(actor, '/api/auth/me')).statusCode, actor.name).toBe(200);
    }
    expect((await t.inject({ method: 'GET', url: '/api/users' })).statusCode).toBe(200);
  });

  function send(actor: GuardActor, method: Method, template: string, url: string, id: string) {
    const payload = bodyFor(template, method);
    return injectAs(t, actor.user, { method, url, ...(payload ? payload : {}) }, id);
  }
});

function isAllowed(
  actor: GuardActor,
  op: Operation,
  method: Method,
  raw: string,
  live: Set<number>,
): boolean {
  const listed = op.listed.has(method) || (method === 'HEAD' && op.listed.has('GET'));
  if (!listed || !actor.active) return false;
  const rule = RULES[`${method === 'HEAD' ? 'GET' : method} ${op.template}`];
  if (!rule || !GRANTS[actor.kind].has(rule.permission)) return false;
  if (rule.scope === 'none') return true;
  const id = effectiveId(raw);
  if (id === null) return false;
  if (rule.scope === 'owner') return actor.editable.has(id);
  return actor.kind === 'analyst' ? live.has(id) : actor.scope.has(id);
}

/** A valid body for the operation, so a missing scope check cannot hide behind validation. */
function bodyFor(template: string, method: Method) {
  if (method !== 'POST' && method !== 'PUT' && method !== 'PATCH') return undefined;
  if (template.endsWith('/unmask')) return { payload: UNMASK_BODY };
  if (template.endsWith('/tags')) return { payload: TAGS_BODY };
  if (template.startsWith('/api/imports/')) {
    const boundary = 'guardboundary';
    return {
      payload:
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="x.csv"\r\n` +
        `Content-Type: text/csv\r\n\r\ncode,name\r\nGX1,x\r\n--${boundary}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }
  return { payload: {} };
}

/** Status and body with the request's own id and URL (which a no-route message names) left out. */
function normalise(res: LightMyRequestResponse, requestId: string, url: string) {
  return {
    status: res.statusCode,
    body: res.body.replaceAll(requestId, '<request-id>').replaceAll(url, '<url>'),
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Searches, lists and exports as every actor: by other books' and deleted subscribers' full numbers,
 * suffixes and names. A 2xx to a role without the permission, an item outside the actor's scope, or
 * a total larger than the scope is an unauthorised read.
 */
async function listProbes(world: GuardWorld, live: Set<number>, rid: () => string, t: TestApp) {
  const findings: Finding[] = [];
  let count = 0;
  const all = [...world.subscribers, ...world.deleted];
  const tasks: (() => Promise<void>)[] = [];
  for (const actor of world.actors) {
    const grants = GRANTS[actor.kind];
    const visible = !actor.active
      ? new Set<number>()
      : actor.kind === 'analyst'
        ? live
        : actor.kind === 'auditor'
          ? new Set<number>()
          : actor.scope;
    const hidden = all.filter((s) => !visible.has(s.id));
    const urls: { url: string; permission: string }[] = [
      { url: '/api/subscribers?pageSize=200', permission: 'subscribers.search' },
      { url: '/api/scores?pageSize=200', permission: 'scores.read' },
      { url: '/api/users', permission: 'users.manage' },
      { url: '/api/teams', permission: 'users.manage' },
      { url: `/api/audit?subscriberId=${hidden[0]?.id ?? 1}`, permission: 'audit.read' },
      {
        url: `/api/subscribers/export?reason=${encodeURIComponent('quarterly review')}&q=${hidden[0]?.msisdn ?? ''}`,
        permission: 'subscribers.export',
      },
    ];
    for (const [i, s] of hidden.entries()) {
      const queries = [
        s.msisdn,
        ...(i % 3 === 0 ? [s.msisdn.slice(-4)] : []),
        ...(i % 5 === 0 ? [s.name] : []),
      ];
      for (const q of queries) {
        urls.push({
          url: `/api/subscribers?pageSize=200&q=${encodeURIComponent(q)}`,
          permission: 'subscribers.search',
        });
      }
    }
    for (const { url, permission } of urls) {
      count++;
      tasks.push(async () => {
        const res = await injectAs(t, actor.user, { method: 'GET', url }, rid());
        const base = {
          actor: actor.name,
          method: 'GET',
          url,
          status: res.statusCode,
          body: res.body.slice(0, 200),
        };
        if (res.statusCode >= 500) findings.push({ ...base, why: 'server error' });
        if (res.statusCode < 200 || res.statusCode >= 300) return;
        if (!grants.has(permission) || !actor.active) {
          findings.push({ ...base, why: `2xx without ${permission}` });
          return;
        }
        const ids = idsInList(url, res);
        const outside = ids.filter((id) => !visible.has(id));
        if (outside.length > 0)
          findings.push({ ...base, why: `listed out-of-scope ids ${outside.join(',')}` });
        const total = url.startsWith('/api/subscribers?') ? (res.json() as { total: number }).total : 0;
        if (total > visible.size) findings.push({ ...base, why: `total ${total} exceeds the scope` });
      });
    }
  }
  await runLimited(tasks);
  return { findings, count };
}

function idsInList(url: string, res: LightMyRequestResponse): number[] {
  if (url.startsWith('/api/subscribers/export')) {
    return res.body
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => Number(line.split(',')[0]));
  }
  if (url.startsWith('/api/scores')) {
    return (res.json() as { items: { subscriberId: number }[] }).items.map((i) => i.subscriberId);
  }
  if (url.startsWith('/api/subscribers?')) {
    return (res.json() as { items: { id: number }[] }).items.map((i) => i.id);
  }
  return [];
}

type Snapshot = Map<string, string>;

/** Row count and a hash of every row of every table but the audit log; sessions by their end state. */
async function snapshot(handle: DbHandle): Promise<Snapshot> {
  const tables = await queryRows<{ name: string }>(
    handle.engine,
    `select table_name as name from information_schema.tables
     where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`,
  );
  const result: Snapshot = new Map();
  for (const { name } of tables) {
    if (name === 'audit_log') continue;
    // Sessions are touched (last_seen_at) by every request; whether one was ended is what matters.
    const rows =
      name === 'user_sessions'
        ? `select token_hash, user_id, created_at, expires_at, ended_at, ended_reason from user_sessions`
        : `select * from "${name}"`;
    const [row] = await queryRows<{ n: number; h: string | null }>(
      handle.engine,
      `select count(*)::int as n, md5(string_agg(r::text, '|' order by r::text)) as h from (${rows}) r`,
    );
    result.set(name, `${row?.n}:${row?.h ?? ''}`);
  }
  return result;
}

function diffSnapshots(before: Snapshot, after: Snapshot): string[] {
  const changes: string[] = [];
  for (const [table, state] of after) {
    if (before.get(table) !== state) changes.push(`${table} changed: ${before.get(table)} → ${state}`);
  }
  for (const table of before.keys()) if (!after.has(table)) changes.push(`${table} disappeared`);
  return changes;
}

async function maxAuditId(handle: DbHandle): Promise<number> {
  const [row] = await queryRows<{ id: number }>(
    handle.engine,
    'select coalesce(max(id), 0)::int as id from audit_log',
  );
  return row?.id ?? 0;
}

/** Every reveal ever audited was of a subscriber in the revealing user's scope. */
async function outOfScopeReveals(handle: DbHandle, world: GuardWorld): Promise<string[]> {
  const rows = await queryRows<{ actor_user_id: number | null; subscriber_id: number | null }>(
    handle.engine,
    `select actor_user_id, subscriber_id from audit_log where action in ('subscriber.unmask', 'subscriber.tags')`,
  );
  const byUser = new Map(world.actors.filter((a) => a.user).map((a) => [a.user?.id, a]));
  return rows
    .filter((r) => {
      if (r.actor_user_id === world.admin.id) return false;
      const actor = byUser.get(r.actor_user_id ?? -1);
      return !actor?.active || !actor.scope.has(Number(r.subscriber_id));
    })
    .map((r) => `audited reveal or tag edit of subscriber ${r.subscriber_id} by user ${r.actor_user_id}`);
}
