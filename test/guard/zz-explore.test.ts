import { it } from 'vitest';
import { buildTestApp } from '#test/support/app';
import { describeEachEngine } from '#test/support/database';

describeEachEngine('explore', (getDb, engine) => {
  it('dumps', async () => {
    if (engine !== 'pglite') return;
    const lines: string[] = [];
    const t = await buildTestApp(getDb(), { LOG_LEVEL: 'info' }, { write: (l) => lines.push(l) });
    const doc = (await t.inject({ method: 'GET', url: '/docs/json' })).json();
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
      console.log(p, Object.keys(ops).join(','), JSON.stringify((ops as any)[Object.keys(ops)[0]].parameters?.map((x: any) => `${x.in}:${x.name}`)));
    }
    const r = await t.inject({ method: 'GET', url: '/api/nothing/13812345678?x=13812345678' });
    console.log(r.statusCode, r.body);
    const r2 = await t.inject({ method: 'GET', url: '/api/subscribers?status=13812345678&city=13812345678' });
    console.log(r2.statusCode, r2.body);
    const r3 = await t.inject({ method: 'GET', url: '/api/subscribers/13812345678' });
    console.log(r3.statusCode, r3.body);
    console.log(lines.join(''));
    await t.close();
  });
});
