// Writes the scoring benchmark's operator: the six CSV import kinds for n subscribers, all with
// DuckDB's set-based generators. Deterministic: every "random" choice is hash(row index, salt),
// so the same (n, asOfMonth) always gives the same files, and no JavaScript loop touches a row.
//
// What is planted (so a churn model has something to learn):
//   ~8% of subscribers churn in one of the 6 billed months (status 'churned', status_since that day);
//   80% of them show precursors in the months before: falling minutes, data and spend (dropped
//   add-ons), zero-call days, competitor hotline calls and competitor marketing contacts, and a
//   contract that ended around the churn. ~4% of subscribers still active show the same
//   precursors at the end of the window (the future churners); ~4% of stayers show one month of
//   noise. ~2% are arrears_suspended in the last 60 days. Bills and usage stop at the churn.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { CITIES, PROVINCE } from '#src/features/demo/places';
import { addDays, addMonths, daysBetween, monthEnd } from '#src/lib/months';

/** Bumped whenever the generated data changes, so stale files are not reused. */
const GENERATOR_VERSION = 1;
export const SCORING_BILL_MONTHS = 6;
export const SCORING_USAGE_DAYS = 30;

export type ScoringFiles = {
  plans: string;
  subscribers: string;
  contracts: string;
  complaints: string;
  /** All billed months in one file (the importer replaces each month it holds). */
  bills: string;
  /** The 30 daily-usage days in one file (every month's rows in the same file). */
  usage: string;
};

export type GenerateScoringOptions = {
  subscribers: number;
  /** The last billed month, YYYY-MM; must be complete (its last day before today). */
  asOfMonth?: string;
  dir: string;
  /** DuckDB's memory_limit and spill directory while generating (default: DuckDB's own, 80% of RAM
   * and a .tmp folder in the working directory); the 10M operator of bench:scale sets both. */
  memoryLimit?: string;
  tempDirectory?: string;
};

type PlanSpec = {
  code: string;
  name: string;
  brand: 'gotone' | 'mzone' | 'easyown';
  feeYuan: number;
  minutes: number;
  dataMb: number;
  sms: number;
  voiceYuanPerMinute: number;
  dataYuanPerMb: number;
  smsYuan: number;
  isActive: boolean;
  /** Share of the fee booked as voice. */
  voiceShare: number;
};

const GB = 1024;
const plan = (
  code: string,
  name: string,
  brand: PlanSpec['brand'],
  feeYuan: number,
  minutes: number,
  dataMb: number,
  sms: number,
  dataYuanPerMb: number,
  voiceShare: number,
  isActive = true,
): PlanSpec => ({
  code,
  name,
  brand,
  feeYuan,
  minutes,
  dataMb,
  sms,
  voiceYuanPerMinute: brand === 'gotone' ? 0.15 : 0.19,
  dataYuanPerMb,
  smsYuan: 0.1,
  isActive,
  voiceShare,
});

/** A handful of plans in the style of BENCH_PLANS_CSV; the order inside a brand is cheap → dear. */
export const SCORING_PLANS: readonly PlanSpec[] = [
  plan('G128', '全球通128元', 'gotone', 128, 500, 30 * GB, 100, 0.01, 0.35),
  plan('G188', '全球通188元', 'gotone', 188, 800, 50 * GB, 150, 0.01, 0.35),
  plan('G288', '全球通288元', 'gotone', 288, 1200, 80 * GB, 200, 0.01, 0.35),
  plan('G388', '全球通388元', 'gotone', 388, 1800, 100 * GB, 300, 0.01, 0.35),
  plan('G588', '全球通588元', 'gotone', 588, 3000, 150 * GB, 500, 0.01, 0.35),
  plan('M39', '动感地带39元', 'mzone', 39, 100, 15 * GB, 50, 0.03, 0.2),
  plan('M58', '动感地带58元', 'mzone', 58, 200, 30 * GB, 50, 0.03, 0.2),
  plan('M98', '动感地带98元', 'mzone', 98, 300, 50 * GB, 100, 0.03, 0.2),
  plan('E19', '神州行19元', 'easyown', 19, 100, GB, 10, 0.29, 0.5),
  plan('E38', '神州行38元', 'easyown', 38, 300, 5 * GB, 50, 0.03, 0.5),
  plan('B58', '动感地带58元(旧)', 'mzone', 58, 200, 20 * GB, 50, 0.05, 0.2, false),
];

const PLANS_HEADER =
  'plan_code,name,brand,monthly_fee_yuan,included_minutes,included_data_mb,included_sms,overage_voice_yuan_per_minute,overage_data_yuan_per_mb,overage_sms_yuan,is_active';

export function scoringPlansCsv(): string {
  const rows = SCORING_PLANS.map((p) =>
    [
      p.code,
      p.name,
      p.brand,
      p.feeYuan,
      p.minutes,
      p.dataMb,
      p.sms,
      p.voiceYuanPerMinute,
      p.dataYuanPerMb,
      p.smsYuan,
      p.isActive,
    ].join(','),
  );
  return `${[PLANS_HEADER, ...rows].join('\n')}\n`;
}

/** China Mobile number ranges; the row index picks the range and the last 8 digits. */
const PREFIXES =
  '134 135 136 137 138 139 147 150 151 152 157 158 159 172 178 182 183 184 187 188 195 197 198'.split(' ');
const SURNAMES = [...'王李张刘陈杨黄赵吴周徐孙马朱胡郭'];
const GIVEN = [...'伟芳娜敏静磊强军洋勇艳杰涛明超霞'];
/** The first HIGH_END are high-end; dear plans pick them more often. */
const HANDSETS = [
  'iPhone 15 Pro',
  'iPhone 15 Pro Max',
  'iPhone 16 Pro',
  'Huawei Mate 60 Pro',
  'Huawei Mate 60',
  'Huawei Pura 70',
  'Xiaomi 14 Ultra',
  'Xiaomi Redmi K70',
  'OPPO Reno 11',
  'vivo X100',
  'vivo Y36',
  'Honor X50',
  'iPhone 13',
  'Huawei nova 12',
  'OPPO A2',
];
const HIGH_END = 7;
const COMPLAINT_CATEGORIES = [
  ['network_signal', '室内信号差，经常掉线'],
  ['billing_dispute', '对本月账单有异议'],
  ['broadband_fault', '宽带频繁断网'],
  ['plan_change', '套餐变更未生效'],
  ['handset', '合约机故障'],
  ['value_added', '未订购的增值业务扣费'],
] as const;

const quote = (text: string) => `'${text.replaceAll("'", "''")}'`;
const list = (items: readonly string[]) => `[${items.map(quote).join(', ')}]`;

/** Paths of the files for (n, asOfMonth) under dir; named by both so repeated runs reuse them. */
export function scoringFilePaths(dir: string, subscribers: number, asOfMonth = '2026-09'): ScoringFiles {
  const tag = `v${GENERATOR_VERSION}-${asOfMonth}-${subscribers}`;
  return {
    plans: join(dir, `plans-v${GENERATOR_VERSION}.csv`),
    subscribers: join(dir, `subscribers-${tag}.csv`),
    contracts: join(dir, `contracts-${tag}.csv`),
    complaints: join(dir, `complaints-${tag}.csv`),
    bills: join(dir, `bills-${tag}.csv`),
    usage: join(dir, `usage-${tag}.csv`),
  };
}

/**
 * Writes any of the six files that are missing (each through a temporary name, so an interrupted
 * run never leaves a half file to be reused). Returns the paths and whether anything was written.
 */
export async function generateScoringFiles(
  options: GenerateScoringOptions,
): Promise<{ files: ScoringFiles; generated: boolean }> {
  const n = options.subscribers;
  const asOfMonth = options.asOfMonth ?? '2026-09';
  if (!Number.isInteger(n) || n < 1) throw new Error(`subscribers must be a positive integer, got ${n}`);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(asOfMonth)) throw new Error(`asOfMonth must be YYYY-MM: ${asOfMonth}`);
  const asOf = monthEnd(asOfMonth);
  const today = new Date().toISOString().slice(0, 10);
  if (asOf >= today) throw new Error(`asOfMonth ${asOfMonth} is not complete yet (today is ${today})`);
  mkdirSync(options.dir, { recursive: true });
  const files = scoringFilePaths(options.dir, n, asOfMonth);
  if (!existsSync(files.plans)) writeFileSync(files.plans, scoringPlansCsv());
  const pending = (['subscribers', 'contracts', 'complaints', 'bills', 'usage'] as const).filter(
    (kind) => !existsSync(files[kind]),
  );
  if (pending.length === 0) return { files, generated: false };

  const instance = await DuckDBInstance.create(':memory:', {
    ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
    ...(options.tempDirectory ? { temp_directory: options.tempDirectory } : {}),
  });
  const connection = await instance.connect();
  try {
    for (const statement of setupSql(n, asOfMonth)) await connection.run(statement);
    for (const kind of pending) {
      const temp = `${files[kind]}.tmp`;
      rmSync(temp, { force: true });
      await connection.run(`COPY (${FILE_SQL[kind](asOfMonth)}) TO ${quote(temp)} (HEADER, DELIMITER ',')`);
      renameSync(temp, files[kind]);
    }
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  return { files, generated: true };
}

/** Macros, the plan/city/month tables and the per-subscriber table every file is drawn from. */
function setupSql(n: number, asOfMonth: string): string[] {
  const firstMonth = addMonths(asOfMonth, -(SCORING_BILL_MONTHS - 1));
  const asOf = monthEnd(asOfMonth);
  const joinMax = `${addMonths(asOfMonth, -2)}-01`;
  const joinSpan = daysBetween('1995-01-01', joinMax);
  const months = Array.from({ length: SCORING_BILL_MONTHS }, (_, k) => {
    const month = addMonths(firstMonth, k);
    return `(${k}, ${quote(month)}, DATE '${month}-01', ${Number(monthEnd(month).slice(8, 10))})`;
  });
  const plans = SCORING_PLANS.filter((p) => p.isActive).map(
    (p) =>
      `(${quote(p.code)}, ${quote(p.brand)}, ${p.feeYuan * 100}, ${p.minutes}, ${p.dataMb}, ${p.sms}, ` +
      `${Math.round(p.voiceYuanPerMinute * 100)}, ${p.dataYuanPerMb * 100}, ${p.voiceShare})`,
  );
  const totalPopulation = CITIES.reduce((sum, c) => sum + c.population, 0);
  let cumulative = 0;
  const cities = CITIES.map((c, index) => {
    const lo = cumulative / totalPopulation;
    cumulative += c.population;
    const hi = index === CITIES.length - 1 ? 1.0000001 : cumulative / totalPopulation;
    return (
      `(${quote(c.name)}, ${lo}, ${hi}, ${c.competitorPressure}, ` +
      `${list(c.districts.map((d) => d.name))}, ${list(c.districts.map((d) => d.code))})`
    );
  });
  return [
    // u(i, salt): a uniform number in [0, 1) from the row index; u3 adds a second index (month, day).
    'CREATE MACRO u(i, k) AS (hash(i, k) % 1000003)::DOUBLE / 1000003',
    'CREATE MACRO u3(i, j, k) AS (hash(i, j, k) % 1000003)::DOUBLE / 1000003',
    `CREATE TABLE months (k INTEGER, label VARCHAR, start DATE, days INTEGER)`,
    `INSERT INTO months VALUES ${months.join(', ')}`,
    `CREATE TABLE plans (code VARCHAR, brand VARCHAR, fee_fen INTEGER, incl_min INTEGER, incl_data INTEGER,
       incl_sms INTEGER, voice_rate_fen INTEGER, data_rate_fen DOUBLE, voice_share DOUBLE)`,
    `INSERT INTO plans VALUES ${plans.join(', ')}`,
    `CREATE TABLE plan_pick AS SELECT *,
       ROW_NUMBER() OVER (PARTITION BY brand ORDER BY fee_fen) - 1 AS rank,
       COUNT(*) OVER (PARTITION BY brand) AS brand_plans FROM plans`,
    `CREATE TABLE cities (name VARCHAR, lo DOUBLE, hi DOUBLE, pressure DOUBLE, districts VARCHAR[], codes VARCHAR[])`,
    `INSERT INTO cities VALUES ${cities.join(', ')}`,
    // One row per subscriber: profile, plan, status and the planted behaviour.
    `CREATE TABLE raw AS
     SELECT i,
       ${list(PREFIXES)}[1 + i % ${PREFIXES.length}] || lpad((i // ${PREFIXES.length})::VARCHAR, 8, '0') AS msisdn,
       CASE WHEN u(i, 1) < 0.5 THEN 'gotone' WHEN u(i, 1) < 0.75 THEN 'mzone' ELSE 'easyown' END AS brand,
       u(i, 2) AS r_plan, u(i, 3) AS r_city,
       DATE '1995-01-01' + floor(pow(u(i, 6), 0.7) * ${joinSpan})::INTEGER AS join_date,
       u(i, 7) AS r_status
     FROM range(${n}) t(i)`,
    `CREATE TABLE churn AS
     SELECT r.*,
       floor(u(i, 20) * ${SCORING_BILL_MONTHS})::INTEGER AS churn_k,
       CASE WHEN r_status < 0.08 THEN m.start + floor(u(i, 21) * m.days)::INTEGER END AS churn_try,
       CASE WHEN r_status >= 0.08 AND r_status < 0.10
            THEN DATE '${asOf}' - floor(u(i, 22) * 60)::INTEGER END AS suspended_try
     FROM raw r JOIN months m ON m.k = floor(u(r.i, 20) * ${SCORING_BILL_MONTHS})::INTEGER`,
    `CREATE TABLE subs AS
     SELECT c.i, c.msisdn, c.brand, c.join_date,
       p.code AS plan_code, p.fee_fen, p.incl_min, p.incl_data, p.incl_sms, p.voice_rate_fen, p.data_rate_fen,
       p.voice_share,
       ci.name AS city, ci.pressure,
       ci.districts[1 + floor(u(c.i, 4) * len(ci.districts))::INTEGER] AS district,
       ci.codes[1 + floor(u(c.i, 4) * len(ci.codes))::INTEGER] AS district_code,
       CASE WHEN c.churn_try > c.join_date + 30 THEN c.churn_try END AS churn_date,
       CASE WHEN c.churn_try > c.join_date + 30 THEN c.churn_k END AS churn_k,
       CASE WHEN c.suspended_try > c.join_date THEN c.suspended_try END AS suspended_since,
       -- 80% of churners show precursors; 4% of the rest are future churners, 4% noisy stayers.
       COALESCE(c.churn_try > c.join_date + 30, false) AND u(c.i, 23) < 0.8 AS precursors,
       c.r_status >= 0.10 AND c.r_status < 0.14 AS future_churner,
       c.r_status >= 0.14 AND c.r_status < 0.18 AS noisy,
       floor(u(c.i, 24) * ${SCORING_BILL_MONTHS})::INTEGER AS noise_k,
       p.incl_min * (0.25 + 0.8 * u(c.i, 11)) AS base_minutes,
       p.incl_data * (0.2 + 0.95 * u(c.i, 12)) AS base_data,
       CASE WHEN u(c.i, 13) < 0.4 THEN [500, 1000, 1500, 3000][1 + floor(u(c.i, 14) * 4)::INTEGER] ELSE 0 END
         AS value_added_fen
     FROM churn c
     JOIN plan_pick p ON p.brand = c.brand
       AND p.rank = LEAST(floor(pow(c.r_plan, 1.6) * p.brand_plans)::INTEGER, p.brand_plans - 1)
     JOIN cities ci ON c.r_city >= ci.lo AND c.r_city < ci.hi`,
    // Contracts: ~35%, drawn once so the subscribers file can carry contract_end.
    `CREATE TABLE contract AS
     SELECT s.i, s.msisdn, s.fee_fen,
       CASE WHEN u(s.i, 51) < 0.45 THEN 'handset' WHEN u(s.i, 51) < 0.85 THEN 'plan_commitment'
            ELSE 'broadband' END AS kind,
       CASE
         WHEN s.precursors THEN s.churn_date - floor(u(s.i, 52) * 40)::INTEGER
         WHEN s.future_churner THEN DATE '${asOf}' + floor(u(s.i, 52) * 60)::INTEGER
         ELSE (DATE '${asOfMonth}-01' - INTERVAL 3 MONTH)::DATE + floor(u(s.i, 52) * 820)::INTEGER
       END::DATE AS end_date,
       s.churn_date
     FROM subs s
     WHERE u(s.i, 50) < CASE WHEN s.precursors OR s.future_churner THEN 0.6 ELSE 0.35 END`,
  ];
}

const asOfOf = (asOfMonth: string) => monthEnd(asOfMonth);

const FILE_SQL: Record<Exclude<keyof ScoringFiles, 'plans'>, (asOfMonth: string) => string> = {
  subscribers: () => {
    const birth = `(s.join_date - (6570 + floor(u(s.i, 5) * 42 * 365))::INTEGER)`;
    return `SELECT s.msisdn,
       ${list(SURNAMES)}[1 + floor(u(s.i, 30) * ${SURNAMES.length})::INTEGER]
         || ${list(GIVEN)}[1 + floor(u(s.i, 31) * ${GIVEN.length})::INTEGER]
         || CASE WHEN u(s.i, 32) < 0.6 THEN ${list(GIVEN)}[1 + floor(u(s.i, 33) * ${GIVEN.length})::INTEGER] ELSE '' END
         AS name,
       CASE WHEN u(s.i, 34) < 0.52 THEN 'M' ELSE 'F' END AS gender,
       ${birth} AS birth_date,
       s.district_code || strftime(${birth}, '%Y%m%d') || lpad((s.i % 1000)::VARCHAR, 3, '0')
         || ['0','1','2','3','4','5','6','7','8','9','X'][1 + (s.i % 11)::INTEGER] AS id_number,
       ${quote(PROVINCE)} AS province, s.city, s.district, s.join_date, s.brand, s.plan_code,
       CASE WHEN s.churn_date IS NOT NULL THEN 'churned'
            WHEN s.suspended_since IS NOT NULL THEN 'arrears_suspended' ELSE 'active' END AS status,
       COALESCE(s.churn_date, s.suspended_since, s.join_date) AS status_since,
       u(s.i, 35) < 0.12 AS is_group_customer,
       CASE WHEN s.fee_fen >= 38800 AND u(s.i, 36) < 0.6 THEN 'diamond'
            WHEN s.fee_fen >= 28800 AND u(s.i, 36) < 0.6 THEN 'platinum'
            WHEN s.fee_fen >= 12800 AND u(s.i, 36) < 0.5 THEN 'gold'
            WHEN u(s.i, 36) < 0.45 THEN 'silver' ELSE 'none' END AS vip_level,
       c.end_date AS contract_end,
       CASE WHEN u(s.i, 37) < 0.04 THEN NULL
            WHEN s.fee_fen >= 18800 AND u(s.i, 38) < 0.7
              THEN ${list(HANDSETS)}[1 + floor(u(s.i, 39) * ${HIGH_END})::INTEGER]
            ELSE ${list(HANDSETS)}[1 + floor(u(s.i, 39) * ${HANDSETS.length})::INTEGER] END AS handset_model,
       u(s.i, 40) < 0.7 AS marketing_consent,
       u(s.i, 41) < 0.03 AS do_not_call,
       u(s.i, 42) < 0.01 AS profiling_opt_out,
       NULLIF(concat_ws(';',
         CASE WHEN u(s.i, 43) < 0.25 THEN 'family' END,
         CASE WHEN u(s.i, 44) < CASE WHEN s.brand = 'gotone' THEN 0.2 ELSE 0.04 END THEN 'business_traveller' END,
         CASE WHEN s.brand = 'mzone' AND u(s.i, 45) < 0.3 THEN 'student' END), '') AS scene_tags
     FROM subs s LEFT JOIN contract c ON c.i = s.i
     ORDER BY s.i`;
  },

  contracts: (asOfMonth) => {
    const asOf = asOfOf(asOfMonth);
    return `SELECT 'HT' || lpad(c.i::VARCHAR, 9, '0') AS contract_no, c.msisdn, c.kind,
       (c.end_date - CASE WHEN c.kind = 'handset' OR u(c.i, 53) < 0.4 THEN INTERVAL 24 MONTH
                          ELSE INTERVAL 12 MONTH END)::DATE AS start_date,
       c.end_date,
       CASE WHEN c.kind = 'broadband' THEN [0, 50, 100][1 + floor(u(c.i, 54) * 3)::INTEGER]
            ELSE round(c.fee_fen / 100.0, 2) END::DECIMAL(10, 2) AS monthly_commitment_yuan,
       CASE WHEN c.churn_date IS NOT NULL AND c.end_date >= c.churn_date THEN 'cancelled'
            WHEN c.end_date < DATE '${asOf}' THEN 'ended' ELSE 'active' END AS status
     FROM contract c ORDER BY c.i`;
  },

  complaints: (asOfMonth) => {
    const asOf = asOfOf(asOfMonth);
    const categories = COMPLAINT_CATEGORIES.map(([category]) => category);
    const descriptions = COMPLAINT_CATEGORIES.map(([, text]) => text);
    // Opened within 120 days before the as-of day (or before the churn), in business hours.
    return `WITH picked AS (
       SELECT s.i, s.msisdn, s.join_date, j.j,
         LEAST(COALESCE(s.churn_date - 1, DATE '${asOf}'), DATE '${asOf}') AS last_day,
         s.precursors OR s.future_churner AS at_risk
       FROM subs s, range(2) j(j)
       WHERE u(s.i, 60) < CASE WHEN s.precursors OR s.future_churner THEN 0.12 ELSE 0.025 END
         AND (j.j = 0 OR u(s.i, 61) < 0.25)
     ), opened AS (
       SELECT *,
         (last_day - floor(u3(i, j, 62) * 120)::INTEGER) + INTERVAL 8 HOUR
           + to_seconds(floor(u3(i, j, 63) * 12 * 3600)::BIGINT) AS opened_at,
         CASE WHEN at_risk AND u3(i, j, 64) < 0.6 THEN 1 + floor(u3(i, j, 65) * 2)::INTEGER
              ELSE 1 + floor(u3(i, j, 65) * ${categories.length})::INTEGER END AS category_index,
         u3(i, j, 66) AS r_status
       FROM picked
     )
     SELECT 'TS' || lpad(i::VARCHAR, 9, '0') || '-' || j AS complaint_no, msisdn,
       strftime(opened_at, '%Y-%m-%dT%H:%M:%S') || '+08:00' AS opened_at,
       ${list(categories)}[category_index] AS category,
       CASE WHEN r_status < 0.2 THEN 'open' WHEN r_status < 0.75 THEN 'resolved' ELSE 'closed' END AS status,
       strftime(opened_at + INTERVAL 72 HOUR, '%Y-%m-%dT%H:%M:%S') || '+08:00' AS sla_due_at,
       CASE WHEN r_status >= 0.2 THEN strftime(LEAST(opened_at + to_seconds(floor(3600 + u3(i, j, 67) * 9 * 86400)::BIGINT),
         DATE '${asOf}' + INTERVAL '23:59:59'), '%Y-%m-%dT%H:%M:%S') || '+08:00' END AS resolved_at,
       ${list(descriptions)}[category_index] AS description
     FROM opened
     WHERE opened_at::DATE >= join_date
     ORDER BY i, j`;
  },

  bills: () => {
    // intensity: 0 = normal behaviour, 1 = a subscriber about to leave.
    return `WITH sm AS (
       SELECT s.*, m.k, m.label, m.days, m.start,
         CASE
           WHEN s.precursors AND m.k = s.churn_k THEN 1.0
           WHEN s.precursors AND m.k = s.churn_k - 1 THEN 0.9
           WHEN s.precursors AND m.k = s.churn_k - 2 THEN 0.5
           WHEN s.precursors AND m.k = s.churn_k - 3 THEN 0.2
           WHEN s.future_churner AND m.k = ${SCORING_BILL_MONTHS - 1} THEN 0.9
           WHEN s.future_churner AND m.k = ${SCORING_BILL_MONTHS - 2} THEN 0.5
           WHEN s.future_churner AND m.k = ${SCORING_BILL_MONTHS - 3} THEN 0.2
           WHEN s.noisy AND m.k = s.noise_k THEN 0.5
           ELSE 0 END AS intensity,
         CASE WHEN m.k = s.churn_k THEN (s.churn_date - m.start + 1)::DOUBLE / m.days ELSE 1 END AS part
       FROM subs s JOIN months m
         ON m.start + (m.days - 1) >= s.join_date AND (s.churn_k IS NULL OR m.k <= s.churn_k)
     ), amounts AS (
       SELECT *,
         round(base_minutes * (1 - 0.7 * intensity) * (0.85 + 0.3 * u3(i, k, 100)) * part)::BIGINT AS minutes,
         round(base_data * (1 - 0.7 * intensity) * (0.85 + 0.3 * u3(i, k, 101)) * part * 10)::BIGINT AS data_tenths,
         floor(incl_sms * 0.5 * u3(i, k, 102))::BIGINT AS sms_count,
         round(fee_fen * (1 - 0.3 * intensity))::BIGINT AS fee_part,
         round(value_added_fen * (1 - intensity))::BIGINT AS va_fen
       FROM sm
     ), fen AS (
       SELECT *,
         GREATEST(minutes - incl_min, 0) * voice_rate_fen AS voice_over,
         round(GREATEST(data_tenths / 10.0 - incl_data, 0) * data_rate_fen)::BIGINT AS data_over,
         round(fee_part * voice_share)::BIGINT AS voice_base,
         GREATEST(sms_count - incl_sms, 0) * 10 AS sms_fen
       FROM amounts
     )
     SELECT msisdn, label AS month,
       ((voice_base + voice_over + fee_part - voice_base + data_over + sms_fen + va_fen) / 100)::DECIMAL(12, 2)
         AS total_yuan,
       ((voice_base + voice_over) / 100)::DECIMAL(12, 2) AS voice_yuan,
       ((fee_part - voice_base + data_over) / 100)::DECIMAL(12, 2) AS data_yuan,
       (sms_fen / 100)::DECIMAL(12, 2) AS sms_yuan,
       (va_fen / 100)::DECIMAL(12, 2) AS value_added_yuan,
       ((voice_over + data_over) / 100)::DECIMAL(12, 2) AS overage_yuan,
       minutes, (data_tenths / 10)::DECIMAL(14, 1) AS data_mb, sms_count
     FROM fen ORDER BY k, i`;
  },

  usage: (asOfMonth) => {
    const asOf = asOfOf(asOfMonth);
    const start = addDays(asOf, -(SCORING_USAGE_DAYS - 1));
    return `WITH sd AS (
       SELECT s.*, d.d, DATE '${start}' + d.d::INTEGER AS date,
         CASE
           WHEN s.precursors THEN GREATEST(0, 1 - (s.churn_date - (DATE '${start}' + d.d::INTEGER)) / 45.0)
           WHEN s.future_churner THEN 0.4 + 0.6 * d.d / ${SCORING_USAGE_DAYS - 1}
           WHEN s.noisy THEN 0.3
           ELSE 0 END AS intensity,
         s.suspended_since IS NOT NULL AND DATE '${start}' + d.d::INTEGER >= s.suspended_since AS suspended
       FROM range(${SCORING_USAGE_DAYS}) d(d), subs s
       WHERE DATE '${start}' + d.d::INTEGER >= s.join_date
         AND (s.churn_date IS NULL OR DATE '${start}' + d.d::INTEGER < s.churn_date)
     ), calls AS (
       SELECT *,
         u3(i, d, 200) < 0.04 + 0.5 * intensity AS zero_day,
         GREATEST(base_minutes, 240) / 30 / 5 * (1 - 0.6 * intensity) AS mean_calls,
         round(base_data / 30 * (1 - 0.5 * intensity) * (0.3 + 1.4 * u3(i, d, 201)) * 10)::BIGINT AS data_tenths
       FROM sd
     ), counted AS (
       SELECT *,
         CASE WHEN zero_day OR suspended THEN 0
              ELSE round(mean_calls * (0.4 + 1.2 * u3(i, d, 202)))::BIGINT END AS calls_out,
         CASE WHEN zero_day THEN 0 ELSE round(mean_calls * (0.4 + 1.2 * u3(i, d, 203)))::BIGINT END AS calls_in,
         CASE WHEN suspended THEN 0 ELSE data_tenths END AS data_t
       FROM calls
     )
     SELECT msisdn, strftime(date, '%Y-%m-%d') AS date, calls_out, calls_in,
       (calls_out + calls_in) * (1 + floor(u3(i, d, 204) * 4)::BIGINT) AS minutes,
       CASE WHEN calls_out + calls_in = 0 THEN 0
            ELSE 1 + floor(u3(i, d, 205) * (calls_out + calls_in))::BIGINT END AS distinct_contacts,
       (data_t / 10)::DECIMAL(14, 1) AS data_mb,
       (floor(data_t * (0.05 + 0.25 * u3(i, d, 206))) / 10)::DECIMAL(14, 1) AS night_data_mb,
       CASE WHEN u3(i, d, 207) < 0.001 + (CASE WHEN precursors OR future_churner THEN 0.06 ELSE 0 END) * intensity
            THEN 1 + floor(u3(i, d, 208) * 2)::BIGINT ELSE 0 END AS competitor_hotline_calls,
       CASE WHEN u3(i, d, 209) < pressure / 30 + 0.06 * intensity THEN 1 ELSE 0 END
         AS competitor_marketing_contacts
     FROM counted`;
  },
};
