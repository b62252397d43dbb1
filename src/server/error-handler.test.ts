import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

type Doc = { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };

/** What the API fuzzer (test/fuzz) found missing: every refused input names its field, every answer is declared. */
describeEachEngine('error handler: refused input names its field', (getDb) => {
  let t: TestApp;
  let doc: Doc;
  beforeAll(async () => {
    t = await buildTestApp(getDb());
    doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json() as Doc;
  });
  afterAll(async () => t?.close());

  const issuesOf = (body: string) =>
    (JSON.parse(body).error.issues ?? []).map((i: { path: string }) => i.path);

  it('names the body when the body parser refuses it (malformed JSON, prototype keys, unknown media type)', async () => {
    const post = (payload: string, type: string) =>
      t.inject({ method: 'POST', url: '/api/scripts/lint', headers: { 'content-type': type }, payload });
    for (const [payload, type, status] of [
      ['{"text":', 'application/json', 400],
      ['{"__proto__":{"isAdmin":true}}', 'application/json', 400],
      ['', 'application/json', 400],
      ['<text/>', 'application/xml', 415],
    ] as const) {
      const response = await post(payload, type);
      expect(response.statusCode, payload).toBe(status);
      expect(issuesOf(response.body), payload).toEqual(['body']);
    }
  });

  it('names each unknown field of a strict body, not only its object', async () => {
    const response = await t.inject({
      method: 'POST',
      url: '/api/campaigns/segment-count',
      payload: { segment: { rules: [] }, isAdmin: true, 字段: 1 },
    });
    expect(response.statusCode).toBe(400);
    expect(issuesOf(response.body)).toEqual(expect.arrayContaining(['body.isAdmin', 'body.字段']));
  });

  it('refuses a NUL character (PostgreSQL cannot store it) as invalid input naming the field, not a 500', async () => {
    const query = await t.inject({ method: 'GET', url: '/api/subscribers/?q=a%00b' });
    expect(query.statusCode).toBe(400);
    expect(issuesOf(query.body)).toEqual(['querystring.q']);
    const body = await t.inject({
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'nul-user',
        displayName: '王\u0000丽',
        role: 'agent',
        password: 'a long enough passphrase 2026',
      },
    });
    expect(body.statusCode).toBe(400);
    expect(issuesOf(body.body)).toEqual(['body.displayName']);
  });

  it('declares on every API operation the answers the gate and the body parser give', () => {
    const missing: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) {
        if (path === '/api/health' || path === '/api/auth/sign-in') continue;
        const statuses = Object.keys(op.responses);
        if (!statuses.includes('401')) missing.push(`${method} ${path} 401`);
        if (method !== 'get' && !statuses.includes('415')) missing.push(`${method} ${path} 415`);
      }
    }
    expect(missing).toEqual([]);
    // A public route is not said to need a session.
    expect(Object.keys(doc.paths['/api/health']?.get?.responses ?? {})).not.toContain('401');
  });
});
