import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { jsonNumber, jsonText } from '#src/usage/duckdb';
import type { UsageStore } from '#src/usage/usage-store';
import type { MonthValue } from './series-granularity';

/** Revenue (fen) and minutes summed per billing month over every imported bill. */
export async function findMonthlyBillTotals(
  usage: UsageStore,
): Promise<{ month: string; revenueFen: number; minutes: number }[]> {
  const rows = await usage.query(`
    SELECT strftime(month, '%Y-%m') AS month,
           sum(total_fen) AS revenue_fen,
           sum(minutes) AS minutes
    FROM bills
    GROUP BY month
    ORDER BY month`);
  return rows.map((row) => ({
    month: jsonText(row.month) ?? '',
    revenueFen: jsonNumber(row.revenue_fen ?? 0),
    minutes: jsonNumber(row.minutes ?? 0),
  }));
}

/**
 * Subscribers with a VIP level in service (any status but churned) on at least one day of each
 * month, from the status history. The VIP level is today's (subscribers keep no history of it), so
 * a subscriber who became VIP last month also counts in earlier months: an approximation.
 */
export async function findMonthlyVipCounts(engine: Engine, months: readonly string[]): Promise<MonthValue[]> {
  if (months.length === 0) return [];
  const rows = await queryRows<{ month: string; n: number | string }>(
    engine,
    `SELECT to_char(m.first_day, 'YYYY-MM') AS month,
            (SELECT count(DISTINCT h.subscriber_id)
               FROM subscriber_status_history h
               JOIN subscribers s ON s.id = h.subscriber_id
              WHERE s.vip_level <> 'none'
                AND h.status <> 'churned'
                AND h.valid_from < (m.first_day + interval '1 month')::date
                AND (h.valid_to IS NULL OR h.valid_to > m.first_day)) AS n
       FROM unnest($1::date[]) AS m(first_day)
      ORDER BY 1`,
    [months.map((m) => `${m}-01`)],
  );
  return rows.map((row) => ({ month: row.month, value: Number(row.n) }));
}

/** Subscribers whose status turned to churned in each month, from the status history. */
export async function findMonthlyChurners(engine: Engine, months: readonly string[]): Promise<MonthValue[]> {
  if (months.length === 0) return [];
  const rows = await queryRows<{ month: string; n: number | string }>(
    engine,
    `SELECT to_char(m.first_day, 'YYYY-MM') AS month,
            (SELECT count(DISTINCT h.subscriber_id)
               FROM subscriber_status_history h
              WHERE h.status = 'churned'
                AND h.valid_from >= m.first_day
                AND h.valid_from < (m.first_day + interval '1 month')::date) AS n
       FROM unnest($1::date[]) AS m(first_day)
      ORDER BY 1`,
    [months.map((m) => `${m}-01`)],
  );
  return rows.map((row) => ({ month: row.month, value: Number(row.n) }));
}
