import { afterAll, beforeAll, expect, it } from 'vitest';
import { queryRows } from '#src/db/raw';
import { buildTestApp, TEST_PASSWORD, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

/**
 * Behind a reverse proxy every request arrives from the proxy: only a trusted proxy's
 * X-Forwarded-For says who the client is. The sign-in audit (and the per-address sign-in limit,
 * which counts by the same address) must see the client, and must not believe anyone else's header.
 */
describeEachEngine('the client address behind a reverse proxy', (getDb) => {
  let trusting: TestApp;
  let plain: TestApp;

  beforeAll(async () => {
    trusting = await buildTestApp(getDb(), { VIPDESK_TRUST_PROXY: '127.0.0.1' });
    plain = await buildTestApp(getDb());
    await trusting.user('proxy-user', 'agent');
  });
  afterAll(async () => {
    await trusting?.close();
    await plain?.close();
  });

  const signIn = (app: TestApp, remoteAddress: string, forwardedFor: string) =>
    app.app.inject({
      method: 'POST',
      url: '/api/auth/sign-in',
      payload: { username: 'proxy-user', password: TEST_PASSWORD },
      headers: { 'x-forwarded-for': forwardedFor },
      remoteAddress,
    });
  const lastSignInAddress = async () =>
    (
      await queryRows<{ source_ip: string }>(
        getDb().engine,
        "SELECT source_ip FROM audit_log WHERE action = 'auth.sign_in' AND actor_label = 'proxy-user' ORDER BY id DESC LIMIT 1",
      )
    )[0]?.source_ip;

  it("records the client's address from a trusted proxy's X-Forwarded-For", async () => {
    expect((await signIn(trusting, '127.0.0.1', '203.0.113.7')).statusCode).toBe(200);
    expect(await lastSignInAddress()).toBe('203.0.113.7');
  });

  it('ignores X-Forwarded-For from an address it does not trust', async () => {
    expect((await signIn(trusting, '198.51.100.9', '203.0.113.8')).statusCode).toBe(200);
    expect(await lastSignInAddress()).toBe('198.51.100.9');
  });

  it('ignores X-Forwarded-For altogether by default', async () => {
    expect((await signIn(plain, '127.0.0.1', '203.0.113.9')).statusCode).toBe(200);
    expect(await lastSignInAddress()).toBe('127.0.0.1');
  });
});
