// npm run bench:import — import throughput and memory next to the ceilings, in one run:
//   1M subscribers into real PostgreSQL   vs  psql \copy of the same file (plain table; and same indexes + FK)
//   1M bill rows into Parquet             vs  DuckDB's own COPY of the same file to Parquet
//   2.5M and 10M daily usage rows         vs  DuckDB's own COPY (memory should stay flat as files grow)
// Each stage runs in its own process (the real `vipdesk import` command), so its peak RSS is its own.
// Target: ≥ 70% of each ceiling's rows/s.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  BENCH_PLANS_CSV,
  writeBillsCsv,
  writeSubscribersCsv,
  writeUsageCsv,
} from './support/generate-import-files';
import { measureChild } from './support/measure-child';

const SUBSCRIBERS = Number(process.argv[2] ?? 1_000_000);
const USAGE_DAYS = 10;
const SMALL_USAGE_SUBSCRIBERS = Math.round(SUBSCRIBERS / 4);
const MONTH = '2026-09';
const TARGET_RATIO = 0.7;

const root = resolve('.');
const work = resolve('.bench/import');
const files = {
  plans: join(work, 'plans.csv'),
  subscribers: join(work, `subscribers-${SUBSCRIBERS}.csv`),
  bills: join(work, `bills-${SUBSCRIBERS}.csv`),
  usageSmall: join(work, `usage-${SMALL_USAGE_SUBSCRIBERS * USAGE_DAYS}.csv`),
  usage: join(work, `usage-${SUBSCRIBERS * USAGE_DAYS}.csv`),
};

type Row = {
  stage: string;
  rows: number;
  oursSeconds: number;
  oursRssMb: number;
  ceilingName: string;
  ceilingSeconds: number;
  ceilingRssMb: number;
};

async function prepareFiles(): Promise<void> {
  mkdirSync(work, { recursive: true });
  writeFileSync(files.plans, `${BENCH_PLANS_CSV}\n`);
  const started = performance.now();
  if (!existsSync(files.subscribers)) await writeSubscribersCsv(files.subscribers, SUBSCRIBERS);
  if (!existsSync(files.bills)) await writeBillsCsv(files.bills, SUBSCRIBERS, MONTH);
  if (!existsSync(files.usageSmall))
    await writeUsageCsv(files.usageSmall, SMALL_USAGE_SUBSCRIBERS, MONTH, USAGE_DAYS);
  if (!existsSync(files.usage)) await writeUsageCsv(files.usage, SUBSCRIBERS, MONTH, USAGE_DAYS);
  console.log(`input files ready in ${((performance.now() - started) / 1000).toFixed(1)}s (${work})`);
}

/** The import's own duration as the command prints it ("… imported in 12.3s"). */
function importSeconds(stdout: string): number {
  const match = /imported in ([\d.]+)s/.exec(stdout);
  if (!match?.[1]) throw new Error(`could not read the import time from: ${stdout}`);
  return Number(match[1]);
}

async function main(): Promise<void> {
  await prepareFiles();
  const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-bench-'));
  chmodSync(scratch, 0o755);
  const script = join(root, 'scripts/throwaway-postgres.sh');
  const url = execFileSync(script, ['start', join(scratch, 'pg')], { encoding: 'utf8' }).trim();
  const env = {
    ...process.env,
    DATABASE_URL: url,
    VIPDESK_DATA_DIR: join(scratch, 'data'),
    LOG_LEVEL: 'silent',
    CI: 'true',
  };
  const vipdesk = (...args: string[]) => measureChild('node', [join(root, 'bin/vipdesk.js'), ...args], env);
  const psql = (sql: string) =>
    measureChild('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', url, '-c', sql], env);
  const duckdbCopy = (csv: string) =>
    measureChild(
      'node',
      [
        join(root, 'bin/run-ts.js'),
        join(root, 'bench/support/duckdb-copy.ts'),
        csv,
        join(scratch, 'ceiling.parquet'),
      ],
      env,
    );
  const rows: Row[] = [];
  try {
    await vipdesk('migrate');
    await vipdesk('import', 'plans', files.plans);

    const subs = await vipdesk('import', 'subscribers', files.subscribers);
    const again = await vipdesk('import', 'subscribers', files.subscribers);
    // Two ceilings for the same file: a plain table with only a primary key, and a table shaped
    // like ours (the same secondary indexes and a foreign key to the plan catalogue).
    const columns = `msisdn text PRIMARY KEY, name text, gender text, birth_date date, id_number text,
      province text, city text, district text, join_date date, brand text, plan_code text, status text,
      status_since date, is_group_customer boolean, vip_level text, contract_end date, handset_model text,
      marketing_consent boolean, do_not_call boolean, profiling_opt_out boolean, scene_tags text`;
    await psql(`CREATE TABLE ceiling_plain (${columns})`);
    await psql(`CREATE TABLE ceiling_plans (code text PRIMARY KEY); INSERT INTO ceiling_plans VALUES ('B19'), ('B58'), ('B128');
      CREATE TABLE ceiling_shaped (${columns});
      ALTER TABLE ceiling_shaped ADD FOREIGN KEY (plan_code) REFERENCES ceiling_plans (code);
      CREATE INDEX ON ceiling_shaped (province, city); CREATE INDEX ON ceiling_shaped (status);
      CREATE INDEX ON ceiling_shaped (plan_code)`);
    const plain = await psql(`\\copy ceiling_plain FROM '${files.subscribers}' CSV HEADER`);
    const shaped = await psql(`\\copy ceiling_shaped FROM '${files.subscribers}' CSV HEADER`);
    for (const [ceilingName, ceiling] of [
      ['psql \\copy, plain table', plain],
      ['psql \\copy, same indexes + FK', shaped],
    ] as const) {
      rows.push({
        stage: 'subscribers → PostgreSQL (first load)',
        rows: SUBSCRIBERS,
        oursSeconds: importSeconds(subs.stdout),
        oursRssMb: subs.peakRssMb,
        ceilingName,
        ceilingSeconds: ceiling.seconds,
        ceilingRssMb: ceiling.peakRssMb,
      });
      rows.push({
        stage: 'subscribers again (idempotent upsert)',
        rows: SUBSCRIBERS,
        oursSeconds: importSeconds(again.stdout),
        oursRssMb: again.peakRssMb,
        ceilingName,
        ceilingSeconds: ceiling.seconds,
        ceilingRssMb: ceiling.peakRssMb,
      });
    }

    for (const [stage, file, n] of [
      ['bills → Parquet', files.bills, SUBSCRIBERS],
      ['daily usage → Parquet (small)', files.usageSmall, SMALL_USAGE_SUBSCRIBERS * USAGE_DAYS],
      ['daily usage → Parquet', files.usage, SUBSCRIBERS * USAGE_DAYS],
    ] as const) {
      const ours = await vipdesk('import', stage.startsWith('bills') ? 'bills' : 'usage', file);
      const ceiling = await duckdbCopy(file);
      rows.push({
        stage,
        rows: n,
        oursSeconds: importSeconds(ours.stdout),
        oursRssMb: ours.peakRssMb,
        ceilingName: 'DuckDB COPY',
        ceilingSeconds: ceiling.seconds,
        ceilingRssMb: ceiling.peakRssMb,
      });
    }
  } finally {
    execFileSync(script, ['stop', join(scratch, 'pg')]);
    rmSync(scratch, { recursive: true, force: true });
  }
  printTable(rows);
}

function printTable(rows: Row[]): void {
  const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
  console.log(
    '\nstage | rows | vipdesk rows/s | peak RSS MB | ceiling | ceiling rows/s | peak RSS MB | ratio | target',
  );
  console.log('---|---:|---:|---:|---|---:|---:|---:|---');
  const summary = [];
  for (const r of rows) {
    const ours = r.rows / r.oursSeconds;
    const ceiling = r.rows / r.ceilingSeconds;
    const ratio = ours / ceiling;
    summary.push({
      stage: r.stage,
      rows: r.rows,
      oursRowsPerSec: Math.round(ours),
      ceilingRowsPerSec: Math.round(ceiling),
      ratio: Number(ratio.toFixed(2)),
      oursPeakRssMb: r.oursRssMb,
      ceilingPeakRssMb: r.ceilingRssMb,
    });
    console.log(
      `${r.stage} | ${fmt(r.rows)} | ${fmt(ours)} | ${r.oursRssMb} | ${r.ceilingName} | ${fmt(ceiling)} | ${r.ceilingRssMb} | ${(ratio * 100).toFixed(0)}% | ${ratio >= TARGET_RATIO ? 'met' : 'MISSED'} (≥ ${TARGET_RATIO * 100}%)`,
    );
  }
  console.log(JSON.stringify({ bench: 'import', results: summary }));
}

await main();
