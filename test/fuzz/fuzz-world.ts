// The world the fuzzer works in: a small demo operator loaded exactly as a first start loads it
// (real importers, a scoring run, tickets from its complaints, two launched campaigns and today's
// call plan, each team's daily summary file), the application over it, and one signed-in user of
// every role — so generated requests with real ids reach the services, not just the validators.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { type Config, loadConfig } from '#src/config/config';
import type { DbHandle } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { USER_ROLES, type UserRole } from '#src/db/schema/enums';
import { ROLE_PERMISSIONS } from '#src/features/auth/permissions';
import { sessionExpiresAt } from '#src/features/auth/session-expiry';
import { hashSessionToken, newSessionToken, SESSION_COOKIE } from '#src/features/auth/session-token';
import { insertSession } from '#src/features/auth/sessions.repository';
import { writeDailySummaries } from '#src/features/daily-summary/daily-summary-files';
import { startDemoCampaigns } from '#src/features/demo/demo-campaigns';
import { startDemoService } from '#src/features/demo/demo-service';
import { createDemoStaff, DEMO_PASSWORD } from '#src/features/demo/demo-staff';
import { lastCompleteMonth, loadDemo } from '#src/features/demo/load-demo';
import { seedReferenceData } from '#src/features/reference-data/seed-reference-data';
import { runScoring } from '#src/features/scoring/runs/run-scoring';
import { scoringContextFor } from '#src/features/scoring/runs/scoring-context';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { buildApp } from '#src/server/build-app';
import { closeStores, openStores, type Stores } from '#src/server/stores';
import { UsageStore } from '#src/usage/usage-store';

/** The roles the fuzzer signs in as, and nobody. */
export type FuzzRole = UserRole | 'anonymous';
export const FUZZ_ROLES: readonly FuzzRole[] = [...USER_ROLES, 'anonymous'];

/** One demo user per role: the fuzzer's actors (the other demo staff are fair game for user operations). */
const ACTOR_USERNAMES: Record<UserRole, string> = {
  admin: 'admin',
  lead: 'lead1',
  agent: 'agent1',
  analyst: 'analyst1',
  auditor: 'auditor1',
};

export type Actor = { role: FuzzRole; userId: number | null; username: string | null; cookie: string | null };

type RouteConfig = { public?: boolean; permission?: string };

export type FuzzWorld = {
  app: FastifyInstance;
  stores: Stores;
  config: Config;
  actors: Record<FuzzRole, Actor>;
  /** What the server logged as the error of a request (5xx answers), once. */
  serverError(requestId: string): string | undefined;
  /** Whether the authentication gate refuses the role before reading any input of the operation. */
  gateRefuses(method: string, openApiPath: string, role: FuzzRole): boolean | undefined;
  /** A fresh session of the role's user, for operations that end the session they are sent with. */
  throwawayCookie(role: FuzzRole): Promise<string | null>;
  /** A new session for an actor whose session ended (counted by the runner: it should not happen). */
  reopenSession(role: FuzzRole): Promise<void>;
  close(): Promise<void>;
};

export type WorldOptions = {
  /** PostgreSQL server URL of an empty database; PGlite in a temp directory when absent. */
  databaseUrl?: string;
  /** A migrated, empty database the caller opened (and closes): tests pass theirs. */
  handle?: DbHandle;
  /** Demo subscribers (default 300: small enough to load in seconds, big enough for every screen). */
  subscribers?: number;
};

export async function createFuzzWorld(options: WorldOptions = {}): Promise<FuzzWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-fuzz-'));
  const config = loadConfig({
    VIPDESK_DATA_DIR: dataDir,
    // Errors only: what the server logged for a 5xx goes into the failure report.
    LOG_LEVEL: 'error',
    VIPDESK_DUCKDB_MEMORY_LIMIT: '1GB',
    ...(options.databaseUrl ? { DATABASE_URL: options.databaseUrl } : {}),
  });
  const stores = options.handle
    ? {
        handle: options.handle,
        usage: await UsageStore.open({ usageDir: config.usageDir, memoryLimit: config.duckdbMemoryLimit }),
      }
    : await openStores(config);
  const closeOwn = () => (options.handle ? stores.usage.close() : closeStores(stores));
  const serverErrors = new ServerErrorLog();
  try {
    await seedDemo(config, stores, options.subscribers ?? 300);
    const routes = new Map<string, RouteConfig>();
    const app = await buildApp(config, { stores, logStream: { write: (line) => serverErrors.record(line) } });
    // The gate's inputs, learnt from the routes themselves as requests pass (onSend: also after a refusal).
    app.addHook('onSend', async (request) => {
      const { method, url, config: route } = request.routeOptions;
      if (url)
        routes.set(`${method} ${url}`, { public: route.public, permission: route.permission } as RouteConfig);
    });
    await app.ready();

    const actors = {} as Record<FuzzRole, Actor>;
    actors.anonymous = { role: 'anonymous', userId: null, username: null, cookie: null };
    for (const role of USER_ROLES) actors[role] = await signIn(app, role);

    const session = async (userId: number) => {
      const token = newSessionToken();
      const policy = {
        idleMinutes: config.security.sessionIdleMinutes,
        maxHours: config.security.sessionMaxHours,
      };
      await insertSession(stores.handle.db, {
        tokenHash: hashSessionToken(token),
        userId,
        expiresAt: sessionExpiresAt(policy, new Date()),
        sourceIp: null,
        userAgent: 'vipdesk-fuzz',
      });
      return `${SESSION_COOKIE}=${token}`;
    };

    return {
      app,
      stores,
      config,
      actors,
      serverError: (requestId) => serverErrors.take(requestId),
      gateRefuses(method, openApiPath, role) {
        const url = openApiPath.replace(/\{([^}]+)\}/g, ':$1');
        // A prefix's '/' route answers with and without the trailing slash.
        const route = routes.get(`${method} ${url}`) ?? routes.get(`${method} ${url.replace(/\/$/, '')}`);
        if (!route) return undefined;
        if (route.public) return false;
        if (role === 'anonymous' || !route.permission) return true;
        if (route.permission === 'signed-in') return false;
        return !(ROLE_PERMISSIONS[role] as readonly string[]).includes(route.permission);
      },
      throwawayCookie: async (role) => {
        const userId = actors[role].userId;
        return userId === null ? null : session(userId);
      },
      reopenSession: async (role) => {
        const actor = actors[role];
        if (actor.userId !== null) actor.cookie = await session(actor.userId);
      },
      close: async () => {
        await app.close();
        await closeOwn();
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await closeOwn();
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
}

/** What `vipdesk start` does on an empty store, at a small size, plus yesterday's and today's summary files. */
async function seedDemo(config: Config, stores: Stores, subscribers: number): Promise<void> {
  const { handle } = stores;
  await seedReferenceData(handle.db);
  const today = todayIn(config.timeZone);
  const workDir = join(config.dataDir, 'demo-work');
  await loadDemo(
    { handle, usage: stores.usage, timeZone: config.timeZone },
    { subscribers, months: 4, seed: 8, asOfMonth: lastCompleteMonth(today), workDir },
  );
  rmSync(workDir, { recursive: true, force: true });
  await createDemoStaff(handle.db, handle.engine);
  await runScoring(scoringContextFor(config, stores), { trigger: 'first_start' });
  await startDemoService(handle, new Date());
  await startDemoCampaigns(handle, config.contactPolicy);
  for (const date of [addDays(today, -1), today]) {
    await writeDailySummaries(handle, { dataDir: config.dataDir, timeZone: config.timeZone }, date);
  }
}

async function signIn(app: FastifyInstance, role: UserRole): Promise<Actor> {
  const username = ACTOR_USERNAMES[role];
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username, password: DEMO_PASSWORD },
  });
  if (response.statusCode !== 200)
    throw new Error(`fuzz actor ${username} could not sign in: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error('sign-in set no session cookie');
  const [row] = await queryRows<{ id: number }>(
    app.stores.handle.engine,
    'select id from users where username = $1',
    [username],
  );
  return { role, userId: Number(row?.id), username, cookie: `${SESSION_COOKIE}=${cookie.value}` };
}

/** The server's error log lines by request id (the message and the first stack line), a bounded few. */
class ServerErrorLog {
  private readonly byRequest = new Map<string, string>();

  record(line: string): void {
    try {
      const entry = JSON.parse(line) as {
        reqId?: string;
        msg?: string;
        err?: { message?: string; stack?: string };
      };
      if (!entry.reqId || this.byRequest.size > 1000) return;
      const at = entry.err?.stack
        ?.split('\n')
        .find((l) => l.includes('/src/'))
        ?.trim();
      this.byRequest.set(entry.reqId, [entry.msg, entry.err?.message, at].filter(Boolean).join(' | '));
    } catch {
      // not a JSON log line
    }
  }

  take(requestId: string): string | undefined {
    const text = this.byRequest.get(requestId);
    this.byRequest.delete(requestId);
    return text;
  }
}
