import { featureQuerySql } from '#src/features/scoring/features/feature-query.sql';
import { UsageStore } from '#src/usage/usage-store';
const usage = await UsageStore.open({ usageDir: '/tmp/vipdesk-scale-GDuJHM/data/usage', memoryLimit: '2GB' });
const d = '/tmp/prof10m';
const size = Number(process.argv[2] ?? 2_000_000);
const t = performance.now();
await usage.withConnection(async (c) => {
  const sql = featureQuerySql('2026-09-30', { usageStats: `read_parquet('${d}/usage-stats.parquet')`, lastActivity: `read_parquet('${d}/last-activity.parquet')` }, { ordered: false, facts: `read_parquet('${d}/relational-facts.parquet')`, range: { from: 1, to: 1 + size } });
  if (process.argv[3] === 'explain') { const r = await c.runAndReadAll(`EXPLAIN ${sql}`); console.log(r.getRowsJS().map((x) => x[1]).join('\n')); return; }
  await c.run(`COPY (${sql}) TO '/tmp/slice.parquet' (FORMAT parquet, ROW_GROUP_SIZE 100000, COMPRESSION uncompressed)`);
});
console.log(size, ((performance.now() - t) / 1000).toFixed(1), 's');
await usage.close();
