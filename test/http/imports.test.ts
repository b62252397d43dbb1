import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

/** A multipart/form-data body with one file field, as a browser or curl -F sends it. */
function multipart(fieldName: string, fileName: string, content: string | Buffer) {
  const boundary = '----vipdesk-test-boundary';
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${fieldName}"; filename="${fileName}"\r\nContent-Type: text/csv\r\n\r\n`,
    ),
    Buffer.isBuffer(content) ? content : Buffer.from(content),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload: body, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

describeEachEngine('import upload API', (getDb) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await buildTestApp(getDb());
  });
  afterAll(async () => t?.close());

  it('imports the example plans and subscribers uploaded over HTTP', async () => {
    for (const kind of ['plans', 'subscribers'] as const) {
      const upload = multipart('file', `${kind}.csv`, readFileSync(`docs/examples/${kind}.csv`));
      const response = await t.inject({ method: 'POST', url: `/api/imports/${kind}`, ...upload });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ kind, status: 'committed', errorCount: 0 });
    }
    const list = await t.inject({ method: 'GET', url: '/api/subscribers' });
    expect(list.json().total).toBe(5);
  });

  it('answers 422 with every bad row and writes nothing when a row is bad', async () => {
    const header = readFileSync('docs/examples/plans.csv', 'utf8').split('\n')[0];
    const csv = `${header}\nNEW1,新套餐,gotone,-5,1,1,1,0.1,0.1,0.1,true\nNEW2,新套餐2,nokia,5,1,1,1,0.1,0.1,0.1,true\n`;
    const response = await t.inject({
      method: 'POST',
      url: '/api/imports/plans',
      ...multipart('file', 'p.csv', csv),
    });
    expect(response.statusCode).toBe(422);
    const report = response.json();
    expect(report.status).toBe('rejected');
    expect(report.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [2, 'monthly_fee_yuan'],
      [3, 'brand'],
    ]);
    const health = await t.inject({ method: 'GET', url: '/api/health' });
    expect(health.statusCode).toBe(200);
  });

  it('loads the good rows with skipBad=true', async () => {
    const header = readFileSync('docs/examples/plans.csv', 'utf8').split('\n')[0];
    const csv = `${header}\nNEW3,新套餐3,gotone,5,1,1,1,0.1,0.1,0.1,true\nNEW4,坏套餐,gotone,x,1,1,1,0.1,0.1,0.1,true\n`;
    const response = await t.inject({
      method: 'POST',
      url: '/api/imports/plans?skipBad=true',
      ...multipart('file', 'p.csv', csv),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ status: 'committed', rowsLoaded: 1, rowsRejected: 1 });
  });

  it('refuses an unknown kind and a request without a file with 4xx and the error model', async () => {
    const unknown = await t.inject({
      method: 'POST',
      url: '/api/imports/handsets',
      ...multipart('file', 'x.csv', 'a\n'),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.issues[0].path).toBe('params.kind');
    const noFile = await t.inject({
      method: 'POST',
      url: '/api/imports/plans',
      payload: '{}',
      headers: { 'content-type': 'application/json' },
    });
    expect(noFile.statusCode).toBe(415);
    expect(noFile.json().error.code).toBe('UNSUPPORTED_FILE');
  });
});
