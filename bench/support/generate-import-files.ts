// Writes the benchmark's input files with DuckDB's set-based generators (fast and deterministic).
import { DuckDBInstance } from '@duckdb/node-api';

const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;

export const BENCH_PLANS_CSV = [
  'plan_code,name,brand,monthly_fee_yuan,included_minutes,included_data_mb,included_sms,overage_voice_yuan_per_minute,overage_data_yuan_per_mb,overage_sms_yuan,is_active',
  'B19,神州行19元,easyown,19,50,1024,0,0.19,0.29,0.1,true',
  'B58,动感地带58元,mzone,58,200,20480,50,0.15,0.05,0.1,true',
  'B128,全球通128元,gotone,128,800,40960,100,0.15,0.03,0.1,true',
].join('\n');

/** n subscribers with MSISDNs 138xxxxxxxx, spread over cities, brands and plans. */
export async function writeSubscribersCsv(path: string, n: number): Promise<void> {
  await runSql(`COPY (
    SELECT (13800000000 + i)::VARCHAR AS msisdn,
           '用户' || i AS name,
           CASE WHEN i % 2 = 0 THEN 'M' ELSE 'F' END AS gender,
           DATE '1960-01-01' + (i % 15000)::INTEGER AS birth_date,
           '320102' || strftime(DATE '1960-01-01' + (i % 15000)::INTEGER, '%Y%m%d') || lpad((i % 1000)::VARCHAR, 3, '0') || 'X' AS id_number,
           '江苏省' AS province,
           ['南京市','苏州市','无锡市','常州市','南通市'][1 + i % 5] AS city,
           '中心区' AS district,
           DATE '2000-01-01' + (i % 9000)::INTEGER AS join_date,
           ['gotone','mzone','easyown'][1 + i % 3] AS brand,
           ['B128','B58','B19'][1 + i % 3] AS plan_code,
           'active' AS status,
           DATE '2000-01-01' + (i % 9000)::INTEGER AS status_since,
           i % 17 = 0 AS is_group_customer,
           ['none','silver','gold','platinum','diamond'][1 + i % 5] AS vip_level,
           DATE '2027-01-01' + (i % 700)::INTEGER AS contract_end,
           'Huawei Mate 60' AS handset_model,
           i % 3 <> 0 AS marketing_consent,
           i % 31 = 0 AS do_not_call,
           false AS profiling_opt_out,
           CASE WHEN i % 4 = 0 THEN 'family' ELSE '' END AS scene_tags
    FROM range(${n}) t(i)) TO ${quote(path)} (HEADER, DELIMITER ',')`);
}

/** One month of bills for subscribers 0..n-1. */
export async function writeBillsCsv(path: string, n: number, month: string): Promise<void> {
  await runSql(`COPY (
    SELECT (13800000000 + i)::VARCHAR AS msisdn, '${month}' AS month,
           round(58 + (i % 200) + 0.5, 2) AS total_yuan, round(20 + (i % 50), 2) AS voice_yuan,
           round(30 + (i % 100), 2) AS data_yuan, 1.5 AS sms_yuan, round((i % 10) * 1.0, 2) AS value_added_yuan,
           round((i % 7) * 1.0, 2) AS overage_yuan, (i % 900) AS minutes, round((i % 40000) * 1.5, 1) AS data_mb,
           (i % 60) AS sms_count
    FROM range(${n}) t(i)) TO ${quote(path)} (HEADER, DELIMITER ',')`);
}

/** `days` daily rows for each of subscribers 0..n-1 in one month. */
export async function writeUsageCsv(path: string, n: number, month: string, days: number): Promise<void> {
  await runSql(`COPY (
    SELECT (13800000000 + s)::VARCHAR AS msisdn,
           strftime(DATE '${month}-01' + d::INTEGER, '%Y-%m-%d') AS date,
           (s + d) % 12 AS calls_out, (s * 3 + d) % 9 AS calls_in, (s + d * 7) % 95 AS minutes,
           (s + d) % 15 AS distinct_contacts, round(((s * 13 + d) % 3000) * 1.1, 1) AS data_mb,
           round(((s * 13 + d) % 3000) * 0.2, 1) AS night_data_mb,
           CASE WHEN (s + d) % 97 = 0 THEN 1 ELSE 0 END AS competitor_hotline_calls,
           CASE WHEN (s + d) % 131 = 0 THEN 1 ELSE 0 END AS competitor_marketing_contacts
    FROM range(${n}) a(s), range(${days}) b(d)
    ORDER BY d, s) TO ${quote(path)} (HEADER, DELIMITER ',')`);
}

async function runSql(sql: string): Promise<void> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  try {
    await connection.run(sql);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}
