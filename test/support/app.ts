import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { type Config, loadConfig } from '#src/config/config';
import type { DbHandle } from '#src/db/client';
import type { UserRole } from '#src/db/schema/enums';
import { findOrCreateTeam, findUserIdByUsername } from '#src/features/users/users.repository';
import { createUser } from '#src/features/users/users.service';
import { buildApp } from '#src/server/build-app';
import { UsageStore } from '#src/usage/usage-store';

export const TEST_PASSWORD = 'test-password-2026';

export type TestUser = { id: number; username: string; cookie: string };

export type TestApp = {
  app: FastifyInstance;
  usage: UsageStore;
  dataDir: string;
  config: Config;
  /** An injected request as the signed-in test admin unless the options carry their own cookie. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A request as the given user (their session cookie), or as nobody with `null`. */
  injectAs(user: TestUser | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Creates (once per database) and signs in a user of the role; leads and agents get a team. */
  user(username: string, role: UserRole, team?: string): Promise<TestUser>;
  admin: TestUser;
  close(): Promise<void>;
};

/** The real application over a test database and a fresh usage store in a temp directory. */
export async function buildTestApp(
  handle: DbHandle,
  env: Record<string, string> = {},
  logStream?: { write(line: string): void },
): Promise<TestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-app-'));
  const config = loadConfig({
    VIPDESK_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    VIPDESK_DUCKDB_MEMORY_LIMIT: '1GB',
    ...env,
  });
  const usage = await UsageStore.open({ usageDir: config.usageDir, memoryLimit: config.duckdbMemoryLimit });
  const app = await buildApp(
    config,
    logStream ? { stores: { handle, usage }, logStream } : { stores: { handle, usage }, logger: false },
  );

  const user = async (username: string, role: UserRole, team?: string): Promise<TestUser> => {
    let id = await findUserIdByUsername(handle.db, username);
    if (id === undefined) {
      const teamId = team ? await findOrCreateTeam(handle.db, team) : null;
      id = (
        await createUser(
          handle.db,
          { username, displayName: username, role, teamId, password: TEST_PASSWORD },
          null,
        )
      ).id;
    }
    return { id, username, cookie: await signInCookie(app, username) };
  };
  const admin = await user('test-admin', 'admin');
  const injectAs = (who: TestUser | null, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...options.headers, ...(who ? { cookie: who.cookie } : {}) } });

  return {
    app,
    usage,
    dataDir,
    config,
    inject: (options) => (options.headers?.cookie ? app.inject(options) : injectAs(admin, options)),
    injectAs,
    user,
    admin,
    close: async () => {
      await app.close();
      await usage.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

async function signInCookie(app: FastifyInstance, username: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-in',
    payload: { username, password: TEST_PASSWORD },
  });
  if (response.statusCode !== 200) throw new Error(`test sign-in of ${username} failed: ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'vipdesk_session');
  if (!cookie) throw new Error('sign-in set no session cookie');
  return `vipdesk_session=${cookie.value}`;
}
