import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { buildTestApp, TEST_PASSWORD, type TestApp, type TestUser } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

const SESSION_COOKIE = 'vipdesk_session';

type ErrorBody = {
  error: { code: string; message: string; requestId: string; issues?: { path: string; message: string }[] };
};

function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!cookie) throw new Error(`no session cookie in ${response.statusCode} ${response.body}`);
  return `${SESSION_COOKIE}=${cookie.value}`;
}

function errorOf(response: LightMyRequestResponse): ErrorBody['error'] {
  return (response.json() as ErrorBody).error;
}

describeEachEngine('auth over HTTP', (getDb) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await buildTestApp(getDb());
  });
  afterAll(async () => t?.close());

  const signIn = (username: string, password: string, cookie?: string) =>
    t.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username, password },
      ...(cookie ? { headers: { cookie } } : {}),
    });

  const me = (cookie: string) => t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });

  const sessionRows = (userId: number) =>
    queryRows<{ ended_at: Date | null; ended_reason: string | null }>(
      getDb().engine,
      'SELECT ended_at, ended_reason FROM user_sessions WHERE user_id = $1 ORDER BY created_at',
      [userId],
    );

  async function auditActions(action: string, actor?: string) {
    const query = new URLSearchParams({ action, pageSize: '200', ...(actor ? { actor } : {}) });
    const response = await t.inject({ method: 'GET', url: `/api/audit?${query}` });
    expect(response.statusCode, response.body).toBe(200);
    return response.json().items as {
      actorLabel: string;
      action: string;
      details: Record<string, unknown>;
    }[];
  }

  describe('sign-in', () => {
    it('answers Me and sets an HttpOnly, SameSite=Strict session cookie for the whole site', async () => {
      const agent = await t.user('auth-agent', 'agent', 'Auth team');
      const response = await signIn(agent.username, TEST_PASSWORD);
      expect(response.statusCode, response.body).toBe(200);
      const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cookie).toBeDefined();
      expect(cookie?.httpOnly).toBe(true);
      expect(String(cookie?.sameSite).toLowerCase()).toBe('strict');
      expect(cookie?.path).toBe('/');
      expect(cookie?.value.length).toBeGreaterThanOrEqual(32);
      expect(response.headers['set-cookie']).toMatch(/HttpOnly/i);
      expect(response.headers['set-cookie']).toMatch(/SameSite=Strict/i);
      const body = response.json();
      expect(body).toMatchObject({
        id: agent.id,
        username: 'auth-agent',
        displayName: 'auth-agent',
        role: 'agent',
        teamName: 'Auth team',
      });
      expect(typeof body.teamId).toBe('number');
      expect([...body.permissions].sort()).toEqual(
        [
          'scores.read',
          'subscribers.editTags',
          'subscribers.search',
          'subscribers.unmask',
          'subscribers.view',
          'catalogue.read',
          'queue.work',
          'sms.send',
          'contacts.log',
          'tickets.read',
          'tickets.work',
          'reports.generate',
        ].sort(),
      );
      expect(response.body).not.toContain('password');

      const who = await me(sessionCookie(response));
      expect(who.statusCode).toBe(200);
      expect(who.json()).toEqual(body);
    });

    it('gives the same 401 for a wrong password and an unknown user, and audits both', async () => {
      await t.user('auth-wrong', 'analyst');
      const wrong = await signIn('auth-wrong', 'not-the-password-2026');
      const unknown = await signIn('auth-nobody-here', 'not-the-password-2026');
      expect(wrong.statusCode).toBe(401);
      expect(unknown.statusCode).toBe(401);
      expect(errorOf(wrong).code).toBe('SIGN_IN_FAILED');
      expect(errorOf(unknown).code).toBe('SIGN_IN_FAILED');
      expect(errorOf(wrong).message).toBe(errorOf(unknown).message);
      const { requestId: _a, ...wrongRest } = errorOf(wrong);
      const { requestId: _b, ...unknownRest } = errorOf(unknown);
      expect(wrongRest).toEqual(unknownRest);
      expect(wrong.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
      expect(unknown.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

      expect((await auditActions('auth.sign_in_failed', 'auth-wrong')).length).toBeGreaterThanOrEqual(1);
      expect((await auditActions('auth.sign_in_failed', 'auth-nobody-here')).length).toBe(1);
    });

    it('refuses a malformed sign-in body with 400', async () => {
      const response = await t.app.inject({
        method: 'POST',
        url: '/api/auth/sign-in',
        payload: { username: 'test-admin' },
      });
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('VALIDATION_FAILED');
    });

    it('issues a fresh token at every sign-in and ends the session the browser already held', async () => {
      const user = await t.user('auth-renew', 'analyst');
      const first = sessionCookie(await signIn(user.username, TEST_PASSWORD));
      const second = sessionCookie(await signIn(user.username, TEST_PASSWORD));
      expect(second).not.toBe(first);
      expect(second).not.toBe(user.cookie);
      // Separate browsers keep their own sessions.
      expect((await me(first)).statusCode).toBe(200);
      expect((await me(second)).statusCode).toBe(200);

      // Signing in again from the browser holding `first` replaces it (no session fixation).
      const renewed = await signIn(user.username, TEST_PASSWORD, first);
      expect(renewed.statusCode).toBe(200);
      const third = sessionCookie(renewed);
      expect(third).not.toBe(first);
      expect((await me(first)).statusCode).toBe(401);
      expect((await me(third)).statusCode).toBe(200);
      expect((await me(second)).statusCode).toBe(200);
      const reasons = (await sessionRows(user.id)).map((s) => s.ended_reason);
      expect(reasons).toContain('replaced');
    });

    it('refuses a made-up or tampered session token', async () => {
      expect((await me(`${SESSION_COOKIE}=not-a-real-token`)).statusCode).toBe(401);
      const real = t.admin.cookie;
      const tampered = `${real.slice(0, -2)}${real.endsWith('AA') ? 'BB' : 'AA'}`;
      const response = await me(tampered);
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('UNAUTHENTICATED');
    });
  });

  describe('lockout', () => {
    let locking: TestApp;

    beforeAll(async () => {
      locking = await buildTestApp(getDb(), { VIPDESK_SIGN_IN_MAX_FAILURES: '3' });
    });
    afterAll(async () => locking?.close());

    const attempt = (username: string, password: string) =>
      locking.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { username, password } });

    it('locks after the configured failures and then refuses even the right password', async () => {
      const user = await locking.user('auth-locked', 'agent', 'Auth team');
      const unknown = await attempt('auth-nobody-at-all', 'wrong-password-2026');
      for (let i = 0; i < 3; i++) {
        const response = await attempt(user.username, `wrong-password-${i}`);
        expect(response.statusCode).toBe(401);
        expect(errorOf(response).code).toBe('SIGN_IN_FAILED');
      }
      const right = await attempt(user.username, TEST_PASSWORD);
      expect(right.statusCode).toBe(401);
      expect(errorOf(right).code).toBe('SIGN_IN_FAILED');
      // Locked looks exactly like a wrong password or an unknown user.
      expect(errorOf(right).message).toBe(errorOf(unknown).message);
      expect(right.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();

      const users = (await locking.inject({ method: 'GET', url: '/api/users' })).json().items as {
        username: string;
        lockedUntil: string | null;
      }[];
      const lockedUntil = users.find((u) => u.username === user.username)?.lockedUntil;
      expect(lockedUntil).not.toBeNull();
      expect(new Date(String(lockedUntil)).getTime()).toBeGreaterThan(Date.now() + 10 * 60_000);

      const failures = await auditActions('auth.sign_in_failed', user.username);
      expect(failures.map((f) => f.details.why)).toContain('locked');

      // Enabling the account clears the lock.
      const enabled = await locking.inject({ method: 'POST', url: `/api/users/${user.id}/enable` });
      expect(enabled.statusCode, enabled.body).toBe(200);
      expect(enabled.json().lockedUntil).toBeNull();
      expect((await attempt(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('does not lock below the limit, and a successful sign-in restarts the count', async () => {
      const user = await locking.user('auth-almost', 'agent', 'Auth team');
      for (let i = 0; i < 2; i++)
        expect((await attempt(user.username, 'wrong-password-x')).statusCode).toBe(401);
      expect((await attempt(user.username, TEST_PASSWORD)).statusCode).toBe(200);
      for (let i = 0; i < 2; i++)
        expect((await attempt(user.username, 'wrong-password-y')).statusCode).toBe(401);
      expect((await attempt(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('sessions', () => {
    it('ends the session at sign-out', async () => {
      const user = await t.user('auth-signout', 'analyst');
      expect((await me(user.cookie)).statusCode).toBe(200);
      const out = await t.injectAs(user, { method: 'POST', url: '/api/auth/sign-out' });
      expect(out.statusCode).toBe(204);
      const cleared = out.cookies.find((c) => c.name === SESSION_COOKIE);
      expect(cleared?.value ?? '').toBe('');
      const after = await me(user.cookie);
      expect(after.statusCode).toBe(401);
      expect(errorOf(after).code).toBe('UNAUTHENTICATED');
      expect((await sessionRows(user.id)).map((s) => s.ended_reason)).toContain('signed_out');
      expect((await auditActions('auth.sign_out', user.username)).length).toBe(1);
      // Signing out again without a session is refused, not an error.
      expect((await t.injectAs(user, { method: 'POST', url: '/api/auth/sign-out' })).statusCode).toBe(401);
    });

    it('ends a session idle past VIPDESK_SESSION_IDLE_MINUTES (30 by default)', async () => {
      const user = await t.user('auth-idle', 'analyst');
      await queryRows(
        getDb().engine,
        "UPDATE user_sessions SET last_seen_at = now() - interval '29 minutes' WHERE user_id = $1",
        [user.id],
      );
      expect((await me(user.cookie)).statusCode).toBe(200);
      await queryRows(
        getDb().engine,
        "UPDATE user_sessions SET last_seen_at = now() - interval '31 minutes' WHERE user_id = $1",
        [user.id],
      );
      const response = await me(user.cookie);
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('UNAUTHENTICATED');
      expect((await sessionRows(user.id)).map((s) => s.ended_reason)).toEqual(['idle']);
      // Fresh activity does not revive an ended session.
      await queryRows(getDb().engine, 'UPDATE user_sessions SET last_seen_at = now() WHERE user_id = $1', [
        user.id,
      ]);
      expect((await me(user.cookie)).statusCode).toBe(401);
    });

    it('touches last_seen_at so an active session is not taken for idle', async () => {
      const user = await t.user('auth-active', 'analyst');
      await queryRows(
        getDb().engine,
        "UPDATE user_sessions SET last_seen_at = now() - interval '20 minutes' WHERE user_id = $1",
        [user.id],
      );
      expect((await me(user.cookie)).statusCode).toBe(200);
      const [row] = await queryRows<{ idle_seconds: number }>(
        getDb().engine,
        'SELECT extract(epoch from now() - last_seen_at)::int AS idle_seconds FROM user_sessions WHERE user_id = $1',
        [user.id],
      );
      expect(row?.idle_seconds).toBeLessThan(60);
    });

    it('ends a session past its absolute end however active it is', async () => {
      const user = await t.user('auth-expired', 'analyst');
      const [row] = await queryRows<{ hours: number }>(
        getDb().engine,
        'SELECT round(extract(epoch from expires_at - created_at) / 3600)::int AS hours FROM user_sessions WHERE user_id = $1',
        [user.id],
      );
      expect(row?.hours).toBe(12);
      await queryRows(
        getDb().engine,
        "UPDATE user_sessions SET expires_at = now() - interval '1 second', last_seen_at = now() WHERE user_id = $1",
        [user.id],
      );
      const response = await me(user.cookie);
      expect(response.statusCode).toBe(401);
      expect(errorOf(response).code).toBe('UNAUTHENTICATED');
      expect((await sessionRows(user.id)).map((s) => s.ended_reason)).toEqual(['expired']);
    });
  });

  describe('user administration', () => {
    it('disabling a user refuses their open session at once and their sign-in; enabling restores sign-in', async () => {
      const user = await t.user('auth-disabled', 'agent', 'Auth team');
      expect((await me(user.cookie)).statusCode).toBe(200);
      const disabled = await t.inject({ method: 'POST', url: `/api/users/${user.id}/disable` });
      expect(disabled.statusCode, disabled.body).toBe(200);
      expect(disabled.json()).toMatchObject({ id: user.id, isDisabled: true, activeSessions: 0 });

      expect((await me(user.cookie)).statusCode).toBe(401);
      const refused = await signIn(user.username, TEST_PASSWORD);
      expect(refused.statusCode).toBe(401);
      expect(errorOf(refused).code).toBe('SIGN_IN_FAILED');
      expect(errorOf(refused).message).toBe(errorOf(await signIn('auth-nobody-ever', TEST_PASSWORD)).message);
      expect((await auditActions('user.disable')).some((a) => a.actorLabel === 'test-admin')).toBe(true);

      const enabled = await t.inject({ method: 'POST', url: `/api/users/${user.id}/enable` });
      expect(enabled.statusCode).toBe(200);
      expect(enabled.json().isDisabled).toBe(false);
      // The old session stays ended; a new sign-in works.
      expect((await me(user.cookie)).statusCode).toBe(401);
      const again = await signIn(user.username, TEST_PASSWORD);
      expect(again.statusCode).toBe(200);
      expect((await me(sessionCookie(again))).statusCode).toBe(200);
    });

    it('refuses a session of a disabled user even when the session row was left open', async () => {
      const user = await t.user('auth-disabled-raw', 'analyst');
      await queryRows(getDb().engine, 'UPDATE users SET is_disabled = true WHERE id = $1', [user.id]);
      expect((await me(user.cookie)).statusCode).toBe(401);
      await queryRows(getDb().engine, 'UPDATE users SET is_disabled = false WHERE id = $1', [user.id]);
    });

    it('will not let an admin disable their own account', async () => {
      const response = await t.inject({ method: 'POST', url: `/api/users/${t.admin.id}/disable` });
      expect(response.statusCode).toBe(409);
      expect((await me(t.admin.cookie)).statusCode).toBe(200);
    });

    it('ends every session of a user', async () => {
      const first = await t.user('auth-two-sessions', 'analyst');
      const second = await t.user('auth-two-sessions', 'analyst');
      expect(second.cookie).not.toBe(first.cookie);
      const listed = (await t.inject({ method: 'GET', url: '/api/users' })).json().items as {
        id: number;
        activeSessions: number;
      }[];
      expect(listed.find((u) => u.id === first.id)?.activeSessions).toBe(2);

      const ended = await t.inject({ method: 'POST', url: `/api/users/${first.id}/sessions/end` });
      expect(ended.statusCode, ended.body).toBe(200);
      expect(ended.json()).toEqual({ ended: 2 });
      expect((await me(first.cookie)).statusCode).toBe(401);
      expect((await me(second.cookie)).statusCode).toBe(401);
      expect((await t.inject({ method: 'POST', url: `/api/users/${first.id}/sessions/end` })).json()).toEqual(
        {
          ended: 0,
        },
      );
      // The user can still sign in again.
      expect((await signIn(first.username, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('answers 404 for an unknown user id', async () => {
      const response = await t.inject({ method: 'POST', url: '/api/users/999999/sessions/end' });
      expect(response.statusCode).toBe(404);
      expect(errorOf(response).code).toBe('NOT_FOUND');
    });
  });

  describe('change password', () => {
    const change = (user: TestUser, currentPassword: string, newPassword: string) =>
      t.injectAs(user, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword, newPassword },
      });

    it('applies the password policy to the new password', async () => {
      const user = await t.user('auth-pw-policy', 'analyst');
      for (const newPassword of [
        'short',
        'password123',
        'qwertyuiop',
        'zzzzzzzzzzzz',
        'auth-pw-policy-2026',
      ]) {
        const response = await change(user, TEST_PASSWORD, newPassword);
        expect(response.statusCode, newPassword).toBe(400);
        const error = errorOf(response);
        expect(error.code).toBe('PASSWORD_REJECTED');
        expect(error.issues?.length, newPassword).toBeGreaterThan(0);
        for (const issue of error.issues ?? []) expect(issue.path).toBe('body.newPassword');
      }
      const short = errorOf(await change(user, TEST_PASSWORD, 'short'));
      expect(short.issues?.map((i) => i.message)).toContain('must be at least 10 characters');
      const named = errorOf(await change(user, TEST_PASSWORD, 'auth-pw-policy-2026'));
      expect(named.issues?.map((i) => i.message)).toContain('must not contain the username');
      // Nothing changed.
      expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(200);
    });

    it('refuses a wrong current password', async () => {
      const user = await t.user('auth-pw-current', 'analyst');
      const response = await change(user, 'not-my-password-2026', 'a-fine-new-passphrase');
      expect(response.statusCode).toBe(400);
      expect(errorOf(response).code).toBe('PASSWORD_REJECTED');
      expect(errorOf(response).issues?.[0]?.path).toBe('body.currentPassword');
      expect((await signIn(user.username, 'a-fine-new-passphrase')).statusCode).toBe(401);
    });

    it('changes the password: the old one stops working and the new one signs in', async () => {
      const user = await t.user('auth-pw-change', 'analyst');
      const response = await change(user, TEST_PASSWORD, 'a-fine-new-passphrase');
      expect(response.statusCode, response.body).toBe(204);
      expect((await signIn(user.username, TEST_PASSWORD)).statusCode).toBe(401);
      expect((await signIn(user.username, 'a-fine-new-passphrase')).statusCode).toBe(200);
      expect((await auditActions('auth.password_changed', user.username)).length).toBe(1);
    });

    it('needs a session', async () => {
      const response = await t.injectAs(null, {
        method: 'POST',
        url: '/api/auth/password',
        payload: { currentPassword: TEST_PASSWORD, newPassword: 'a-fine-new-passphrase' },
      });
      expect(response.statusCode).toBe(401);
    });
  });

  describe('access control', () => {
    it('answers 401 without a session on every /api route but health and sign-in', async () => {
      const docs = await t.inject({ method: 'GET', url: '/docs/json' });
      expect(docs.statusCode).toBe(200);
      const paths = docs.json().paths as Record<string, Record<string, unknown>>;
      const methods = ['get', 'post', 'put', 'patch', 'delete'];
      const routes = Object.entries(paths).flatMap(([path, operations]) =>
        Object.keys(operations)
          .filter((m) => methods.includes(m))
          .map((method) => ({ method: method.toUpperCase(), path: path.replace(/(.)\/$/, '$1') })),
      );
      const apiRoutes = routes.filter((r) => r.path.startsWith('/api/'));
      // The document must really list the API (a sample of routes from every feature).
      for (const known of [
        'GET /api/auth/me',
        'POST /api/auth/sign-out',
        'GET /api/subscribers',
        'GET /api/subscribers/{id}/360',
        'POST /api/subscribers/{id}/unmask',
        'PUT /api/subscribers/{id}/tags',
        'GET /api/audit',
        'GET /api/users',
        'POST /api/scoring/runs',
      ]) {
        expect(apiRoutes.map((r) => `${r.method} ${r.path}`)).toContain(known);
      }
      expect(apiRoutes.length).toBeGreaterThan(20);

      const open = new Set(['GET /api/health', 'POST /api/auth/sign-in']);
      const checked: string[] = [];
      for (const route of apiRoutes) {
        const name = `${route.method} ${route.path}`;
        if (open.has(name)) continue;
        const url = route.path.replaceAll(/\{[^}]+\}/g, '1');
        for (const cookie of [undefined, `${SESSION_COOKIE}=forged-token`]) {
          const response = await t.app.inject({
            method: route.method as 'GET',
            url,
            ...(cookie ? { headers: { cookie } } : {}),
            ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: {} }),
          });
          expect(response.statusCode, `${name} (${cookie ?? 'no cookie'}): ${response.body}`).toBe(401);
          expect(errorOf(response).code, name).toBe('UNAUTHENTICATED');
        }
        checked.push(name);
      }
      expect(checked.length).toBe(apiRoutes.length - 2);

      expect((await t.app.inject({ method: 'GET', url: '/api/health' })).statusCode).toBe(200);
    });

    it('cannot be sidestepped by spelling the /api path differently', async () => {
      const agent = await t.user('auth-agent-spelling', 'agent', 'Auth team');
      // The router decodes %61 to 'a': these reach the real /api routes, so they must be guarded too.
      for (const url of ['/%61pi/users', '/%61pi/audit', '/%61%70%69/teams', '/api/%75sers', '/api/audit/']) {
        const anonymous = await t.app.inject({ method: 'GET', url });
        expect([401, 404], `${url}: ${anonymous.body}`).toContain(anonymous.statusCode);
        expect(anonymous.body, url).not.toContain('test-admin');
        const asAgent = await t.injectAs(agent, { method: 'GET', url });
        expect([403, 404], `${url}: ${asAgent.body}`).toContain(asAgent.statusCode);
        expect(asAgent.body, url).not.toContain('test-admin');
      }
      const started = await t.app.inject({ method: 'POST', url: '/%61pi/scoring/runs', payload: {} });
      expect([401, 404]).toContain(started.statusCode);
      expect((await t.inject({ method: 'GET', url: '/api/scoring/runs' })).json().items).toEqual([]);
    });

    it('answers 403 FORBIDDEN when the role lacks the permission', async () => {
      const auditor = await t.user('auth-auditor', 'auditor');
      const analyst = await t.user('auth-analyst', 'analyst');
      const agent = await t.user('auth-agent-403', 'agent', 'Auth team');
      const cases: [TestUser, 'GET' | 'POST', string][] = [
        [auditor, 'GET', '/api/subscribers'],
        [auditor, 'GET', '/api/subscribers/1/360'],
        [auditor, 'GET', '/api/users'],
        [analyst, 'GET', '/api/subscribers/1/360'],
        [analyst, 'POST', '/api/subscribers/1/unmask'],
        [analyst, 'GET', '/api/audit'],
        [agent, 'GET', '/api/audit'],
        [agent, 'GET', '/api/users'],
        [agent, 'POST', '/api/scoring/runs'],
        [agent, 'GET', '/api/subscribers/export?reason=checking-things'],
      ];
      for (const [user, method, url] of cases) {
        const response = await t.injectAs(user, {
          method,
          url,
          ...(method === 'POST' ? { payload: {} } : {}),
        });
        expect(response.statusCode, `${user.username} ${method} ${url}: ${response.body}`).toBe(403);
        expect(errorOf(response).code).toBe('FORBIDDEN');
      }
      // The refused run did not start.
      expect((await t.inject({ method: 'GET', url: '/api/scoring/runs' })).json().items).toEqual([]);
      // And what the roles may do, they can.
      expect((await t.injectAs(auditor, { method: 'GET', url: '/api/audit' })).statusCode).toBe(200);
      expect((await t.injectAs(analyst, { method: 'GET', url: '/api/subscribers' })).statusCode).toBe(200);
      expect((await t.injectAs(agent, { method: 'GET', url: '/api/subscribers' })).statusCode).toBe(200);
    });
  });
});
