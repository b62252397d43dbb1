import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';
import { insertPlan, insertSubscriber } from '#test/support/factories';

describeEachEngine('subscribers API', (getDb) => {
  let t: TestApp;
  let firstId = 0;

  beforeAll(async () => {
    const { db } = getDb();
    t = await buildTestApp(getDb());
    const plan = await insertPlan(db, { code: 'GT128', name: '全球通128元' });
    const first = await insertSubscriber(db, plan.id, {
      msisdn: '13812345678',
      name: '王芳',
      city: '南京市',
    });
    firstId = first.id;
    await insertSubscriber(db, plan.id, {
      msisdn: '13900001111',
      name: '李强',
      city: '苏州市',
      brand: 'mzone',
    });
    await insertSubscriber(db, plan.id, {
      msisdn: '13900002222',
      name: '王磊',
      city: '苏州市',
      status: 'churned',
    });
  });
  afterAll(async () => t?.close());

  it('lists subscribers with masked MSISDNs and their plan', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/subscribers?pageSize=10' });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.total).toBe(3);
    expect(body.items[0]).toMatchObject({
      msisdnMasked: '138****5678',
      name: '王芳',
      planName: '全球通128元',
    });
    expect(response.body).not.toContain('13812345678');
  });

  it('filters by city, brand and status and finds by name prefix or last digits', async () => {
    const byCity = await t.inject({
      method: 'GET',
      url: `/api/subscribers?city=${encodeURIComponent('苏州市')}`,
    });
    expect(byCity.json().total).toBe(2);
    const byBrand = await t.inject({ method: 'GET', url: '/api/subscribers?brand=mzone' });
    expect(byBrand.json().items.map((s: { name: string }) => s.name)).toEqual(['李强']);
    const byStatus = await t.inject({ method: 'GET', url: '/api/subscribers?status=churned' });
    expect(byStatus.json().total).toBe(1);
    const byName = await t.inject({
      method: 'GET',
      url: `/api/subscribers?q=${encodeURIComponent('王')}`,
    });
    expect(byName.json().total).toBe(2);
    const byDigits = await t.inject({ method: 'GET', url: '/api/subscribers?q=1111' });
    expect(byDigits.json().items.map((s: { name: string }) => s.name)).toEqual(['李强']);
    const byFull = await t.inject({ method: 'GET', url: '/api/subscribers?q=13812345678' });
    expect(byFull.json().total).toBe(1);
  });

  it('pages through the list', async () => {
    const page2 = await t.inject({ method: 'GET', url: '/api/subscribers?pageSize=2&page=2' });
    expect(page2.json()).toMatchObject({ page: 2, pageSize: 2, total: 3 });
    expect(page2.json().items).toHaveLength(1);
  });

  it('returns one subscriber with masked ID number and status history', async () => {
    const response = await t.inject({ method: 'GET', url: `/api/subscribers/${firstId}` });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.idNumberMasked).toBe('320***********001X');
    expect(body.plan.code).toBe('GT128');
    expect(response.body).not.toContain('32010219850615001X');
  });

  it('answers 404 with the error model for an unknown id', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/subscribers/999999' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toMatchObject({ code: 'NOT_FOUND', requestId: expect.any(String) });
  });

  it('answers 400 naming the field when a query parameter is invalid', async () => {
    const response = await t.inject({ method: 'GET', url: '/api/subscribers?pageSize=5000&brand=nokia' });
    expect(response.statusCode).toBe(400);
    const paths = response.json().error.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['querystring.pageSize', 'querystring.brand']));
  });
});
