// Bytes per row behind the 140M arithmetic of docs/scaling.md §2 (not a test; run by hand):
//   node bin/run-ts.js test/schema/row-widths.ts [subscribers=100000]
// Loads the scoring benchmark's operator (cached .bench/score files) into a throwaway PostgreSQL with
// the real `vipdesk migrate | import | score`, adds one synthetic row per subscriber to the work
// tables that operator leaves empty, then prints heap / index / total bytes per row of every table,
// where a score row's bytes go by column, and the Parquet bytes per row of each month file.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import pg from 'pg';
import { loadOperator, startCluster } from '../../bench/support/console-setup';

const subscribers = Number(process.argv[2] ?? 100_000);

// Widths like the real writers produce (reasons JSON, Chinese notes, offer codes); values made up.
const SYNTHETIC_ROWS = [
  `insert into teams (name) select 'team ' || g from generate_series(1, 10) g`,
  `insert into users (username, display_name, role, team_id)
   select 'agent' || g, '坐席' || g, 'agent', 1 + g % 10 from generate_series(1, 200) g`,
  `insert into subscriber_books (subscriber_id, agent_user_id, team_id)
   select s.id, 1 + s.id % 200, 1 + (s.id % 200) % 10 from subscribers s`,
  `insert into call_tasks (subscriber_id, kind, priority, reasons, owner_user_id, team_id, status, due_at,
     campaign_id, plan_id, action, offer_code, expected_value_fen, closed_reason)
   select s.id, 'campaign', random() * 100,
     '[{"code":"usage_drop","params":{"drop":0.42}},{"code":"contract_ending","params":{"days":21}}]'::json,
     1 + s.id % 200, 1 + (s.id % 200) % 10, 'done', now(), 1, 1, 'retention_offer', 'RET-BILL-20', 1234, 'done'
     from subscribers s`,
  `insert into contact_attempts (subscriber_id, campaign_id, task_id, agent_user_id, channel, purpose,
     started_at, ended_at, reached, disposition, offer_code, offer_cost_fen, notes, handle_seconds, details)
   select s.id, 1, s.id, 1 + s.id % 200, 'call', 'marketing', now() - interval '1 day', now(), true,
     'refused', 'RET-BILL-20', 2000, '客户表示近期不考虑更换套餐，月底再联系', 180, '{"action":"retention_offer"}'::jsonb
     from subscribers s`,
  `insert into service_contacts (subscriber_id, occurred_at, channel, direction, type, agent_user_id, summary)
   select s.id, now(), 'phone', 'inbound', 'complaint', 1 + s.id % 200, '网络信号差，家里经常掉线，要求尽快处理'
     from subscribers s`,
  `insert into audit_log (actor_user_id, actor_label, action, subscriber_id, target, source_ip, details)
   select 1 + s.id % 200, 'agent' || (1 + s.id % 200), 'subscriber.view', s.id, 'subscriber:' || s.id,
     '10.0.0.' || (s.id % 250), '{"route":"/api/subscribers/:id"}'::jsonb
     from subscribers s`,
];

// Partitions are summed into their parent (subscriber_scores' runs).
const TABLE_SIZES = `
  with parts as (
    select coalesce(i.inhparent, c.oid) as parent, c.oid
      from pg_class c
      join pg_namespace n on n.oid = c.relnamespace
      left join pg_inherits i on i.inhrelid = c.oid
     where n.nspname = 'public' and c.relkind = 'r'
  )
  select p.parent::regclass::text as table_name,
         sum(pg_relation_size(p.oid))::float8 as heap,
         sum(pg_indexes_size(p.oid))::float8 as indexes,
         sum((select reltuples from pg_class where oid = p.oid))::float8 as rows
    from parts p
   group by 1
   order by sum(pg_total_relation_size(p.oid)) desc`;

type SizeRow = { table_name: string; heap: number; indexes: number; rows: number };

async function printTableSizes(client: pg.Client): Promise<void> {
  const { rows } = await client.query<SizeRow>(TABLE_SIZES);
  console.log(
    '\nPostgreSQL (after VACUUM ANALYZE)\ntable | rows | heap B/row | index B/row | total B/row | total MB',
  );
  for (const r of rows) {
    if (r.rows < 1000) continue;
    const per = (bytes: number) => (bytes / r.rows).toFixed(0);
    const total = r.heap + r.indexes;
    console.log(
      `${r.table_name} | ${r.rows} | ${per(r.heap)} | ${per(r.indexes)} | ${per(total)} | ${(total / 2 ** 20).toFixed(1)}`,
    );
  }
}

async function printScoreColumns(client: pg.Client): Promise<void> {
  const { rows: columns } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns
      where table_schema = 'public' and table_name = 'subscriber_scores' order by ordinal_position`,
  );
  const averages = columns.map((c) => `avg(pg_column_size(${c.column_name}))::float8 as ${c.column_name}`);
  const { rows } = await client.query<Record<string, number>>(
    `select avg(pg_column_size(s.*))::float8 as whole_row, ${averages.join(', ')} from subscriber_scores s`,
  );
  console.log('\nsubscriber_scores: average bytes per column');
  for (const [name, bytes] of Object.entries(rows[0] ?? {}))
    console.log(`${name} | ${Number(bytes).toFixed(1)}`);
}

async function printParquetSizes(usageDir: string): Promise<void> {
  const duck = await DuckDBInstance.create(':memory:');
  const connection = await duck.connect();
  console.log('\nParquet usage store\ndataset | month | rows | bytes | B/row');
  for (const dataset of ['bills', 'usage']) {
    let allRows = 0;
    let allBytes = 0;
    for (const monthDir of readdirSync(join(usageDir, dataset)).sort()) {
      for (const file of readdirSync(join(usageDir, dataset, monthDir))) {
        const path = join(usageDir, dataset, monthDir, file);
        const bytes = statSync(path).size;
        const reader = await connection.runAndReadAll(`select count(*)::bigint from read_parquet('${path}')`);
        const n = Number(reader.getRowsJS()[0]?.[0] ?? 0);
        allRows += n;
        allBytes += bytes;
        console.log(`${dataset} | ${monthDir} | ${n} | ${bytes} | ${(bytes / n).toFixed(2)}`);
      }
    }
    console.log(`${dataset} | all | ${allRows} | ${allBytes} | ${(allBytes / allRows).toFixed(2)}`);
  }
  connection.closeSync();
}

const cluster = startCluster();
process.on('SIGINT', () => {
  cluster.stop();
  process.exit(130);
});
try {
  const report = await loadOperator(subscribers, cluster.env);
  console.log(`scored: ${report.scored}`);
  const client = new pg.Client({ connectionString: cluster.url });
  await client.connect();
  try {
    for (const statement of SYNTHETIC_ROWS) await client.query(statement);
    await client.query('vacuum analyze');
    await printTableSizes(client);
    await printScoreColumns(client);
  } finally {
    await client.end();
  }
  await printParquetSizes(join(cluster.dataDir, 'usage'));
} finally {
  cluster.stop();
}
