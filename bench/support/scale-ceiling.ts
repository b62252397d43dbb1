// The scoring ceiling: DuckDB running only the bare feature query over the usage store's Parquet
// files, in a process of its own with nothing else around it (no PostgreSQL, no model, no writing),
// as a scoring run states it (feature-slices.ts materializeFeatures): the usage aggregates written
// to Parquet, then the feature query once per slice of FEATURE_SLICE_SUBSCRIBERS, unordered, each
// slice to its own file — in one statement it ran out of the 2 GB memory limit at 10M. Both
// bench:scale and bench:score run it.
//
//   run-ts bench/support/scale-ceiling.ts <usageDir> <asOf YYYY-MM-DD> <tempDir>
//
// The store is only read: the current files come from manifest.json and are opened with
// read_parquet; no lock is taken and nothing is cleaned up. The feature query
// (featureQuerySql, the same SQL `vipdesk score` runs) joins a table of relational facts that
// `vipdesk score` exports from PostgreSQL; here it is a stand-in with one row per subscriber that
// has a bill in the as-of month and a usage row on the as-of day, and constant profile columns,
// so only the Parquet side (6-month bill series, 30-day usage aggregates, zero-call runs) is timed.
// Prints one JSON line: {"rows", "slices", "standInSeconds", "featureQuerySeconds"} (the query's
// seconds include the usage aggregates).

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { featureQuerySql, usageStatsSelect } from '#src/features/scoring/features/feature-query.sql';
import {
  FEATURE_ROW_GROUP,
  FEATURE_SLICE_SUBSCRIBERS,
  sliceRanges,
} from '#src/features/scoring/features/feature-slices';
import { readManifest } from '#src/usage/manifest';

const [usageDir, asOf, tempDir] = process.argv.slice(2);
if (!usageDir || !asOf || !tempDir) throw new Error('usage: scale-ceiling <usageDir> <asOf> <tempDir>');
mkdirSync(tempDir, { recursive: true });

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const manifest = await readManifest(usageDir);
const filesOf = (dataset: 'bills' | 'usage') =>
  Object.values(manifest.datasets[dataset])
    .flat()
    .map((file) => quote(join(usageDir, file)));
const bills = filesOf('bills');
const usage = filesOf('usage');
if (bills.length === 0 || usage.length === 0) throw new Error(`no bills or usage in ${usageDir}`);

// The same settings as the usage store's own DuckDB (src/usage/duckdb.ts).
const instance = await DuckDBInstance.create(':memory:', {
  memory_limit: process.env.VIPDESK_DUCKDB_MEMORY_LIMIT ?? '2GB',
  temp_directory: tempDir,
  preserve_insertion_order: 'true',
});
const connection = await instance.connect();
await connection.run(
  `CREATE TEMP VIEW bills AS SELECT * FROM read_parquet([${bills.join(', ')}], hive_partitioning = false)`,
);
await connection.run(
  `CREATE TEMP VIEW usage AS SELECT * FROM read_parquet([${usage.join(', ')}], hive_partitioning = false)`,
);

const began = performance.now();
const factsPath = join(tempDir, 'facts.parquet');
await connection.run(`COPY (
  SELECT subscriber_id::BIGINT AS subscriber_id, 'gotone' AS brand, 1 AS plan_id, 'G128' AS plan_code,
    12800 AS plan_monthly_fee_fen, 500 AS plan_included_minutes, 30720 AS plan_included_data_mb,
    '南京市' AS city, '鼓楼区' AS district, 'gold' AS vip_level, false AS is_group_customer,
    'active' AS status, DATE '2010-01-01' AS status_since, DATE '2010-01-01' AS join_date,
    DATE '1980-01-01' AS birth_date, 'iPhone 15 Pro' AS handset_model, NULL::VARCHAR AS scene_tags,
    NULL::DATE AS contract_end, 0 AS complaints_90, 0 AS open_complaints, 0 AS overdue_complaints,
    NULL::DATE AS oldest_overdue_due_date, NULL::DATE AS last_complaint_resolved_date,
    0 AS service_contacts_90, 0 AS consultations_180, NULL::DATE AS last_business_contact_date,
    0 AS revisit_low_90, NULL::INTEGER AS last_revisit_score
  FROM (
    SELECT subscriber_id FROM bills WHERE month = DATE '${asOf.slice(0, 7)}-01'
    INTERSECT
    SELECT subscriber_id FROM usage WHERE date = DATE '${asOf}'
  ) population
  ORDER BY subscriber_id) TO ${quote(factsPath)} (FORMAT parquet)`);
const standInDone = performance.now();
const facts = `read_parquet(${quote(factsPath)})`;
const selects = usageStatsSelect(asOf);
const precomputed = {
  usageStats: `read_parquet(${quote(join(tempDir, 'usage-stats.parquet'))})`,
  lastActivity: `read_parquet(${quote(join(tempDir, 'last-activity.parquet'))})`,
};
await connection.run(
  `COPY (${selects.usageStats}) TO ${quote(join(tempDir, 'usage-stats.parquet'))} (FORMAT parquet)`,
);
await connection.run(
  `COPY (${selects.lastActivity}) TO ${quote(join(tempDir, 'last-activity.parquet'))} (FORMAT parquet)`,
);
const counted = await connection.runAndReadAll(`SELECT count(*)::BIGINT FROM ${facts}`);
const ranges = await sliceRanges(
  connection,
  facts,
  Number(counted.getRowsJS()[0]?.[0] ?? 0),
  FEATURE_SLICE_SUBSCRIBERS,
);
const outputs: string[] = [];
for (const [index, range] of ranges.entries()) {
  const out = quote(join(tempDir, `features-${index}.parquet`));
  await connection.run(
    `COPY (${featureQuerySql(asOf, precomputed, { ordered: false, facts, range })}) TO ${out}
       (FORMAT parquet, ROW_GROUP_SIZE ${FEATURE_ROW_GROUP}, COMPRESSION uncompressed)`,
  );
  outputs.push(out);
}
const queryDone = performance.now();
const reader = await connection.runAndReadAll(
  `SELECT count(*)::INTEGER AS n FROM read_parquet([${outputs.join(', ')}])`,
);
const rows = Number(reader.getRowsJS()[0]?.[0] ?? 0);
connection.closeSync();
instance.closeSync();

const seconds = (ms: number) => Math.round(ms / 10) / 100;
console.log(
  JSON.stringify({
    rows,
    slices: ranges.length,
    standInSeconds: seconds(standInDone - began),
    featureQuerySeconds: seconds(queryDone - standInDone),
  }),
);
