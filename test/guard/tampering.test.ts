import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { diffSnapshots, maxAuditId, outOfScopeReveals, snapshot } from './db-snapshot';
import {
  createGuardWorld,
  type GuardActor,
  type GuardWorld,
  injectAs,
  runLimited,
  TAGS_BODY,
  UNMASK_BODY,
} from './guard-fixture';
import { listProbes } from './list-probes';
import {
  type Attempt,
  aliasesOf,
  bodyFor,
  type Finding,
  isAllowed,
  METHODS,
  type Method,
  type Operation,
  REFERENCE_ID,
  RULES,
  SPECIAL_IDS,
} from './tampering-oracle';

/**
 * Guard test (issue 4): a generated sweep of tampering attempts — other books' ids, unassigned,
 * sequential, deleted and malformed ids, aliases of real ids (0x…, 1e0, +n), on every operation of
 * the OpenAPI document that takes an id and with every method, listed or not — as every non-admin
 * role, must yield no unauthorised read (a 2xx, or a list item outside the actor's scope) and no
 * unauthorised write (any change to the database except the expected audit and session rows).
 */

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

    // Call tasks: the holder reads its briefing; another agent gets the missing-id answer.
    const held = [...a1.heldTasks][0] as number;
    const briefing = await get(a1, `/api/tasks/${held}/briefing`);
    expect(briefing.statusCode, briefing.body).toBe(200);
    expect((await get(b1, `/api/tasks/${held}/briefing`)).statusCode).toBe(404);
    // Campaigns: a lead reads its team's, not the other team's; the analyst reads all.
    const campaignA = [...leadA.campaigns][0] as number;
    expect((await get(leadA, `/api/campaigns/${campaignA}`)).statusCode).toBe(200);
    expect((await get(leadB, `/api/campaigns/${campaignA}`)).statusCode).toBe(404);
    expect((await get(world.byName.analyst as GuardActor, `/api/campaigns/${campaignA}`)).statusCode).toBe(
      200,
    ); // Tickets: the book's agent and lead read it; a ticket of team B assigned to agent A1 opens for
    // A1 and team B but not for lead A; analysts read no ticket at all.
    const teamBTicket = [...leadB.tickets].find((id) => a1.tickets.has(id)) as number;
    const ownTicket = [...a1.tickets].find((id) => id !== teamBTicket) as number;
    expect((await get(a1, `/api/tickets/${ownTicket}`)).statusCode).toBe(200);
    expect((await get(leadA, `/api/tickets/${ownTicket}`)).statusCode).toBe(200);
    expect((await get(a1, `/api/tickets/${teamBTicket}`)).statusCode).toBe(200);
    expect((await get(b1, `/api/tickets/${teamBTicket}`)).statusCode).toBe(200);
    expect((await get(leadA, `/api/tickets/${teamBTicket}`)).statusCode).toBe(404);
    expect((await get(b1, `/api/tickets/${ownTicket}`)).statusCode).toBe(404);
    expect((await get(world.byName.analyst as GuardActor, `/api/tickets/${ownTicket}`)).statusCode).toBe(403);
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
              url: urlOf(op.template, raw),
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
            const url = urlOf(op.template, REFERENCE_ID);
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

/** Status and body with the request's own id and URL (which a no-route message names) left out. */
function normalise(res: LightMyRequestResponse, requestId: string, url: string) {
  return {
    status: res.statusCode,
    body: res.body.replaceAll(requestId, '<request-id>').replaceAll(url, '<url>'),
  };
}

/** The operation's URL with `raw` as its first parameter; any later parameter gets a fixed value. */
function urlOf(template: string, raw: string): string {
  return template.replace(/\{[^}]+\}/, raw).replace(/\{[^}]+\}/g, 'x');
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
