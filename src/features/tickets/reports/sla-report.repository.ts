import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { CountedKey, SlaReportDimension } from './sla-report';

// Whitelisted column per dimension: never text from the request.
const KEY_COLUMN: Record<SlaReportDimension, string> = {
  category: 'category',
  group: 'group_name',
  level: 'vip_level',
};

/**
 * One GROUP BY over the tickets opened in [from, until): each ticket counted once by where its
 * SLA stands at `asOf`. Closed: resolved_at (when the clock stopped) against due_at (final once
 * closed). Still open: past due_at at `asOf` is breached — due_at is kept current by every change
 * and the sweep, and reading it here rather than sla_state does not wait for the next sweep.
 * $1 from, $2 until (exclusive), $3 asOf.
 */
export function slaCountsSql(by: SlaReportDimension): string {
  const key = KEY_COLUMN[by];
  return `
    select ${key} as key,
           count(*)::int as total,
           count(*) filter (where status = 'closed')::int as closed,
           count(*) filter (where status = 'closed' and resolved_at <= due_at)::int as closed_on_time,
           count(*) filter (where status = 'closed' and (resolved_at is null or resolved_at > due_at))::int
             as closed_late,
           count(*) filter (where status <> 'closed' and due_at <= $3::timestamptz)::int as open_breached,
           count(*) filter (where status <> 'closed' and due_at > $3::timestamptz)::int as open_on_track
      from tickets
     where opened_at >= $1::timestamptz and opened_at < $2::timestamptz
     group by ${key}`;
}

type CountsRow = {
  key: string;
  total: number;
  closed: number;
  closed_on_time: number;
  closed_late: number;
  open_breached: number;
  open_on_track: number;
};

export async function countTicketsBySla(
  engine: Engine,
  by: SlaReportDimension,
  period: { from: Date; until: Date; asOf: Date },
): Promise<CountedKey[]> {
  const rows = await queryRows<CountsRow>(engine, slaCountsSql(by), [
    period.from.toISOString(),
    period.until.toISOString(),
    period.asOf.toISOString(),
  ]);
  return rows.map((row) => ({
    key: row.key,
    counts: {
      total: row.total,
      closed: row.closed,
      closedOnTime: row.closed_on_time,
      closedLate: row.closed_late,
      openBreached: row.open_breached,
      openOnTrack: row.open_on_track,
    },
  }));
}
