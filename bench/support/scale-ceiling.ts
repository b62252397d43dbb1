// bench:scale's ceiling: DuckDB running only the bare feature query over the usage store's Parquet
// files, in a process of its own with nothing else around it (no PostgreSQL, no model, no writing),
// as a scoring run states it: unordered, written to one Parquet file (feature-slices.ts
// materializeFeatures). Otherwise bench/support/duckdb-features.ts, whose stand-in lacks the
// revisit columns the feature query reads since satisfaction revisits were added.
//
//   run-ts bench/support/scale-ceiling.ts <usageDir> <asOf YYYY-MM-DD> <tempDir>
//
// The store is only read: the current files come from manifest.json and are opened with
// read_parquet; no lock is taken and nothing is cleaned up. The feature query
// (featureQuerySql, the same SQL `vipdesk score` runs) joins a table of relational facts that
// `vipdesk score` exports from PostgreSQL; here it is a stand-in with one row per subscriber that
// has a bill in the as-of month and a usage row on the as-of day, and constant profile columns,
// so only the Parquet side (6-month bill series, 30-day usage aggregates, zero-call runs) is timed.
// Prints one JSON line: {"rows", "standInSeconds", "featureQuerySeconds"}.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { featureQuerySql } from '#src/features/scoring/features/feature-query.sql';
import { FEATURE_ROW_GROUP } from '#src/features/scoring/features/feature-slices';
import { RELATIONAL_FACTS_TABLE } from '#src/features/scoring/features/relational-facts';
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
await connection.run(`CREATE TEMP TABLE ${RELATIONAL_FACTS_TABLE} AS
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
  ORDER BY subscriber_id`);
const standInDone = performance.now();
const out = join(tempDir, 'features.parquet').replaceAll("'", "''");
await connection.run(
  `COPY (${featureQuerySql(asOf, undefined, { ordered: false })}) TO '${out}'
     (FORMAT parquet, ROW_GROUP_SIZE ${FEATURE_ROW_GROUP}, COMPRESSION uncompressed)`,
);
const queryDone = performance.now();
const reader = await connection.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${out}')`);
const rows = Number(reader.getRowsJS()[0]?.[0] ?? 0);
connection.closeSync();
instance.closeSync();

const seconds = (ms: number) => Math.round(ms / 10) / 100;
console.log(
  JSON.stringify({
    rows,
    standInSeconds: seconds(standInDone - began),
    featureQuerySeconds: seconds(queryDone - standInDone),
  }),
);
