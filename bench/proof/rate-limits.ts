// Proof part 5 — rate limits and abuse: per-user limits on unmask, export and hand-sent SMS, and
// sign-in attempts per username (known or not) and per source address. One fresh database (PGlite
// in memory, migrated), a fresh test app per limit, users of their own per limit. For each: one
// user sends limit + 5 requests, one at a time; then another user's request; then limit + 5 at
// once from a third user; then one more request from the first user through a second server over
// the same database (a restart).
// Every figure is a count: allowed = limit, 429 = 5 (each with RATE_LIMITED, the limit in the
// message and Retry-After), 5 refusals audited as rate.limited, the other user unaffected.
//
//   node bin/run-ts.js bench/proof/rate-limits.ts            the configured defaults (full proof)
//   node bin/run-ts.js bench/proof/rate-limits.ts --short    small limits (CI)
import { pathToFileURL } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { LightMyRequestResponse } from 'fastify';
import { loadConfig } from '#src/config/config';
import { type DbHandle, wrapPglite } from '#src/db/client';
import { migrateDatabase } from '#src/db/migrate';
import { queryRows } from '#src/db/raw';
import { seedSmsTemplates } from '#src/features/sms/sms-templates-seed';
import { createUser } from '#src/features/users/users.service';
import { buildTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '#test/support/app';
import { assignToBook, insertPlan, insertSubscriber } from '#test/support/factories';
import { exactly, type Figure, formatFigures, type ProofPart } from './figures';

const PART = 'rate-limits';
const OVER = 5;

/**
 * The short version's limits: the same checks over a few requests. The per-user apps keep the
 * default sign-in limits, because the test app signs its users in from 127.0.0.1 (the sign-in
 * proof runs first and sprays other addresses).
 */
const SHORT_USER_ENV = {
  VIPDESK_UNMASK_PER_HOUR: '3',
  VIPDESK_EXPORT_PER_DAY: '2',
  VIPDESK_SMS_PER_HOUR: '4',
};
const SHORT_SIGN_IN_ENV = { VIPDESK_SIGN_IN_PER_USERNAME: '4', VIPDESK_SIGN_IN_PER_IP: '10' };

type Limits = { unmask: number; export: number; sms: number; signInPerUsername: number; signInPerIp: number };

function limitsOf(env: Record<string, string>): Limits {
  const security = loadConfig(env).security;
  return {
    unmask: security.unmaskPerHour,
    export: security.exportPerDay,
    sms: security.smsPerHour,
    signInPerUsername: security.signInPerUsername,
    signInPerIp: security.signInPerIp,
  };
}

async function freshDatabase(): Promise<DbHandle> {
  const handle = wrapPglite(await PGlite.create());
  await migrateDatabase(handle.engine);
  return handle;
}

/** A fresh app for one scenario, closed afterwards. */
async function withFreshApp<T>(
  handle: DbHandle,
  env: Record<string, string>,
  run: (t: TestApp, handle: DbHandle) => Promise<T>,
): Promise<T> {
  const t = await buildTestApp(handle, env);
  try {
    return await run(t, handle);
  } finally {
    await t.close();
  }
}

type Tally = { allowed: number; refused: number; wellFormed: number; other: number };

/** A 429 as every limit must answer it: RATE_LIMITED, the limit in the message, Retry-After. */
function isWellFormedRefusal(response: LightMyRequestResponse): boolean {
  if (response.statusCode !== 429) return false;
  const body = response.json<{
    error?: { code?: string; message?: string; details?: Record<string, unknown> };
  }>();
  const retryAfter = Number(response.headers['retry-after']);
  return (
    body.error?.code === 'RATE_LIMITED' &&
    /at most \d+ per .+ Try again in \d+ minutes?\./.test(body.error.message ?? '') &&
    Number.isInteger(retryAfter) &&
    retryAfter >= 1 &&
    retryAfter === body.error.details?.retryAfterSeconds
  );
}

function tally(responses: readonly LightMyRequestResponse[], allowedStatus: number): Tally {
  const result: Tally = { allowed: 0, refused: 0, wellFormed: 0, other: 0 };
  for (const response of responses) {
    if (response.statusCode === allowedStatus) result.allowed += 1;
    else if (response.statusCode === 429) {
      result.refused += 1;
      if (isWellFormedRefusal(response)) result.wellFormed += 1;
    } else result.other += 1;
  }
  return result;
}

async function oneByOne(
  count: number,
  send: (i: number) => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse[]> {
  const responses: LightMyRequestResponse[] = [];
  for (let i = 0; i < count; i++) responses.push(await send(i));
  return responses;
}

async function atOnce(
  count: number,
  send: (i: number) => Promise<LightMyRequestResponse>,
): Promise<LightMyRequestResponse[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => send(i)));
}

async function auditCount(handle: DbHandle, where: string, params: unknown[]): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    handle.engine,
    `SELECT count(*)::int AS n FROM audit_log WHERE ${where}`,
    params,
  );
  return row?.n ?? 0;
}

/** The figures every limit reports for its one-at-a-time run. */
function sequenceFigures(
  what: string,
  limit: number,
  result: Tally,
  audited: number,
  refusalsAudited: number,
  allowed = 'allowed',
) {
  return [
    exactly(PART, `${what}: ${limit + OVER} requests one by one, ${allowed}`, result.allowed, '', limit),
    exactly(PART, `${what}: 429 answers`, result.refused, '', OVER),
    exactly(PART, `${what}: 429s with RATE_LIMITED, limit and Retry-After`, result.wellFormed, '', OVER),
    exactly(PART, `${what}: other answers (neither ${allowed} nor 429)`, result.other, '', 0),
    exactly(PART, `${what}: ${allowed} requests audited`, audited, '', limit),
    exactly(PART, `${what}: refusals audited (rate.limited)`, refusalsAudited, '', OVER),
  ];
}

/** Subscribers in the agent's book, one per request the scenario may send. */
async function bookOf(handle: DbHandle, agent: TestUser, count: number): Promise<number[]> {
  const plan = await insertPlan(handle.db);
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const subscriber = await insertSubscriber(handle.db, plan.id, { marketingConsent: true });
    await assignToBook(handle.db, subscriber.id, agent.id);
    ids.push(subscriber.id);
  }
  return ids;
}

/** One request of a scenario, through the given server, as `who`; `i` numbers the request. */
type Send = (app: TestApp, who: TestUser, i: number) => Promise<LightMyRequestResponse>;

/** A per-user limit: one by one, another user, at once, after a restart. */
async function perUserProof(
  handle: DbHandle,
  env: Record<string, string>,
  what: string,
  action: string,
  limit: number,
  setup: (t: TestApp, handle: DbHandle, users: readonly TestUser[]) => Promise<Send>,
  makeUser: (t: TestApp, name: string) => Promise<TestUser>,
  allowedStatus: number,
): Promise<Figure[]> {
  return withFreshApp(handle, env, async (t) => {
    const first = await makeUser(t, `proof-${action}-1`);
    const second = await makeUser(t, `proof-${action}-2`);
    const third = await makeUser(t, `proof-${action}-3`);
    const send = await setup(t, handle, [first, second, third]);
    const sequence = tally(await oneByOne(limit + OVER, (i) => send(t, first, i)), allowedStatus);
    const audited = await auditCount(handle, 'action = $1 AND actor_label = $2', [action, first.username]);
    const refusals = await auditCount(
      handle,
      "action = 'rate.limited' AND target = $1 AND actor_label = $2",
      [action, first.username],
    );
    const other = tally([await send(t, second, 0)], allowedStatus);
    const burst = tally(await atOnce(limit + OVER, (i) => send(t, third, i)), allowedStatus);

    // A second server over the same database, as after a restart: the count is in the audit log.
    const restarted = await buildTestApp(handle, env);
    let afterRestart: Tally;
    try {
      afterRestart = tally([await send(restarted, first, limit + OVER)], allowedStatus);
    } finally {
      await restarted.close();
    }
    return [
      ...sequenceFigures(what, limit, sequence, audited, refusals),
      exactly(PART, `${what}: another user's request allowed`, other.allowed, '', 1),
      exactly(PART, `${what}: ${limit + OVER} requests at once, allowed`, burst.allowed, '', limit),
      exactly(PART, `${what}: ${limit + OVER} requests at once, 429`, burst.refused, '', OVER),
      exactly(PART, `${what}: refused again after a restart`, afterRestart.refused, '', 1),
    ];
  });
}

const agentOf = (t: TestApp, name: string) => t.user(name, 'agent', 'proof-team');
const leadOf = (t: TestApp, name: string) => t.user(name, 'lead', 'proof-team');

function unmaskProof(handle: DbHandle, env: Record<string, string>, limit: number): Promise<Figure[]> {
  return perUserProof(
    handle,
    env,
    'unmask',
    'subscriber.unmask',
    limit,
    async (_t, handle, users) => {
      const books = new Map<number, number[]>();
      for (const user of users) books.set(user.id, await bookOf(handle, user, 1));
      return (app, who) =>
        app.injectAs(who, {
          method: 'POST',
          url: `/api/subscribers/${books.get(who.id)?.[0]}/unmask`,
          payload: { reason: 'proof: subscriber called back', fields: ['msisdn'] },
        });
    },
    agentOf,
    200,
  );
}

function exportProof(handle: DbHandle, env: Record<string, string>, limit: number): Promise<Figure[]> {
  return perUserProof(
    handle,
    env,
    'export',
    'subscriber.export',
    limit,
    async (t, handle) => {
      const owner = await agentOf(t, 'proof-export-book');
      await bookOf(handle, owner, 5);
      return (app, who) =>
        app.injectAs(who, { method: 'GET', url: '/api/subscribers/export?reason=proof%20monthly%20review' });
    },
    leadOf,
    200,
  );
}

function smsProof(handle: DbHandle, env: Record<string, string>, limit: number): Promise<Figure[]> {
  return perUserProof(
    handle,
    env,
    'SMS by hand',
    'sms.send',
    limit,
    async (_t, handle, users) => {
      await seedSmsTemplates(handle.db);
      // One subscriber per message, so the contact policy's caps never decide the answer.
      const books = new Map<number, number[]>();
      for (const user of users) books.set(user.id, await bookOf(handle, user, limit + OVER + 1));
      return (app, who, i) =>
        app.injectAs(who, {
          method: 'POST',
          url: `/api/subscribers/${books.get(who.id)?.[i]}/sms`,
          payload: { templateCode: 'birthday_care', purpose: 'care' },
        });
    },
    agentOf,
    201,
  );
}

/** Sign-in: per username (known, unknown, at once), per address, another user unaffected. */
function signInProof(
  handle: DbHandle,
  env: Record<string, string>,
  perUsername: number,
  perIp: number,
): Promise<Figure[]> {
  return withFreshApp(handle, env, async (t) => {
    const signIn = (username: string, password: string, remoteAddress: string) =>
      t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username, password },
        remoteAddress,
      });
    const refusals = (where: string, params: unknown[]) =>
      auditCount(handle, `action = 'rate.limited' AND target = 'auth.sign_in' AND ${where}`, params);
    const attempts = (username: string) =>
      auditCount(handle, "action = 'auth.sign_in_attempt' AND actor_label = $1", [username]);

    // Created without signing in, so every attempt below is the proof's own.
    const known = await createUserOnly(t, 'proof-sign-in-known');
    const other = await createUserOnly(t, 'proof-sign-in-other');
    const n = perUsername + OVER;
    const knownRun = tally(
      await oneByOne(n, (i) => signIn(known, TEST_PASSWORD, `10.71.${Math.floor(i / 250)}.${(i % 250) + 1}`)),
      200,
    );
    const unknownRun = tally(
      await oneByOne(n, (i) =>
        signIn('proof-nobody', TEST_PASSWORD, `10.72.${Math.floor(i / 250)}.${(i % 250) + 1}`),
      ),
      401,
    );
    const otherRun = tally([await signIn(other, TEST_PASSWORD, '10.73.0.1')], 200);
    const burst = tally(
      await atOnce(n, (i) =>
        signIn('proof-burst', 'guess-password-2026', `10.74.${Math.floor(i / 250)}.${(i % 250) + 1}`),
      ),
      401,
    );
    const address = '10.75.0.1';
    const m = perIp + OVER;
    const addressRun = tally(
      await oneByOne(m, (i) => signIn(`proof-spray-${i}`, 'guess-password-2026', address)),
      401,
    );
    const otherAddress = tally([await signIn('proof-spray-0', 'guess-password-2026', '10.75.0.2')], 401);

    return [
      ...sequenceFigures(
        'sign-in, known username',
        perUsername,
        knownRun,
        await auditCount(handle, "action = 'auth.sign_in' AND actor_label = $1", [known]),
        await refusals('actor_label = $1', [known]),
      ),
      ...sequenceFigures(
        'sign-in, unknown username',
        perUsername,
        unknownRun,
        await auditCount(handle, "action = 'auth.sign_in_failed' AND actor_label = $1", ['proof-nobody']),
        await refusals('actor_label = $1', ['proof-nobody']),
        'answered 401',
      ),
      exactly(
        PART,
        'sign-in: attempts recorded for the unknown username',
        await attempts('proof-nobody'),
        '',
        perUsername,
      ),
      exactly(PART, 'sign-in: another username allowed', otherRun.allowed, '', 1),
      exactly(
        PART,
        `sign-in: ${n} attempts at once for one username, answered 401`,
        burst.allowed,
        '',
        perUsername,
      ),
      exactly(PART, `sign-in: ${n} attempts at once for one username, 429`, burst.refused, '', OVER),
      ...sequenceFigures(
        'sign-in, one address',
        perIp,
        addressRun,
        await auditCount(handle, "action = 'auth.sign_in_failed' AND source_ip = $1", [address]),
        await refusals('source_ip = $1', [address]),
        'answered 401',
      ),
      exactly(PART, 'sign-in: another address answered 401, not 429', otherAddress.allowed, '', 1),
    ];
  });
}

async function createUserOnly(t: TestApp, username: string): Promise<string> {
  await createUser(
    t.app.stores.handle.db,
    { username, displayName: username, role: 'analyst', teamId: null, password: TEST_PASSWORD },
    null,
  );
  return username;
}

export const runRateLimitProof: ProofPart = async ({ short }) => {
  const userEnv: Record<string, string> = short ? SHORT_USER_ENV : {};
  const signInEnv: Record<string, string> = short ? SHORT_SIGN_IN_ENV : {};
  const user = limitsOf(userEnv);
  const signIn = limitsOf(signInEnv);
  const handle = await freshDatabase();
  try {
    // Sign-in first, while 127.0.0.1 has signed in no one but the test admin.
    const signInFigures = await signInProof(handle, signInEnv, signIn.signInPerUsername, signIn.signInPerIp);
    return [
      ...(await unmaskProof(handle, userEnv, user.unmask)),
      ...(await exportProof(handle, userEnv, user.export)),
      ...(await smsProof(handle, userEnv, user.sms)),
      ...signInFigures,
    ];
  } finally {
    await handle.close();
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const short = process.argv.includes('--short');
  const figures = await runRateLimitProof({ short });
  console.log(formatFigures(figures));
  process.exitCode = figures.every((f) => f.pass) ? 0 : 1;
}
