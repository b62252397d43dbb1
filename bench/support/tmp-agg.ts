import { usageStatsSelect } from '#src/features/scoring/features/feature-query.sql';
import { UsageStore } from '#src/usage/usage-store';
const usage = await UsageStore.open({ usageDir: '/tmp/vipdesk-scale-GDuJHM/data/usage', memoryLimit: '2GB' });
const s = usageStatsSelect('2026-09-30');
const which = process.argv[2];
const t = performance.now();
await usage.withConnection(async (c) => {
  if (which === 'stats') await c.run(`COPY (${s.usageStats}) TO '/tmp/us.parquet' (FORMAT parquet)`);
  else await c.run(`COPY (${s.lastActivity}) TO '/tmp/la.parquet' (FORMAT parquet)`);
});
console.log(which, ((performance.now() - t) / 1000).toFixed(1), 's');
await usage.close();
