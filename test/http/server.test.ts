import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

describeEachEngine('server skeleton', (getDb, engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(getDb());
  });
  afterAll(async () => t?.close());

  it(`reports both stores healthy on ${engine}`, async () => {
    const response = await t.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'ok',
      relational: { engine, ok: true },
      usage: { ok: true, billMonths: [], usageMonths: [] },
    });
  });

  it('echoes a request id on every response and generates one when none is sent', async () => {
    const given = await t.inject({
      method: 'GET',
      url: '/api/health',
      headers: { 'x-request-id': 'abc-123' },
    });
    expect(given.headers['x-request-id']).toBe('abc-123');
    const generated = await t.inject({ method: 'GET', url: '/api/health' });
    expect(generated.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers unknown routes with the error model', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/nowhere' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('NOT_FOUND');
  });

  it('publishes an OpenAPI document generated from the route schemas', async () => {
    const response = await t.inject({ method: 'GET', url: '/docs/json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/subscribers/',
        '/api/subscribers/{id}',
        '/api/imports/{kind}',
      ]),
    );
  });
});
