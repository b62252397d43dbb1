import type { Engine } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import { TICKET_CATEGORIES, type TicketCategory } from '#src/features/tickets/sla/sla-matrix';

/** Where and what: an area (city × district) and a top-level category. */
export type HotSpotCellKey = { city: string; district: string; category: TicketCategory };

export type CellWeekCount = HotSpotCellKey & { weekStart: string; count: number };

/** A category code (child `network_signal.no_signal` or top-level) as its top-level category;
 * an imported complaint's category outside the tree counts as 'other'. $4 = the top-level codes. */
function topLevelSql(column: string): string {
  return `case when split_part(${column}, '.', 1) = any($4::text[]) then split_part(${column}, '.', 1) else 'other' end`;
}

/**
 * Every complaint once: the tickets, plus the imported complaints no ticket was made from (a
 * ticket carries its complaint's number, so a complaint turned into a ticket is not counted twice).
 * The area is the ticket's at opening, the subscriber's for an imported complaint.
 * $1 start, $2 end (exclusive), $4 top-level categories ($3 is the caller's).
 */
const EVENTS = `
  events as (
    select t.subscriber_id, 'ticket' as source, t.id as ticket_id, t.complaint_no, t.status, t.title,
           coalesce(t.city, s.city) as city, coalesce(t.district, s.district) as district,
           t.category as code, ${topLevelSql('t.category')} as category, t.opened_at
      from tickets t
      join subscribers s on s.id = t.subscriber_id
     where t.opened_at >= $1::timestamptz and t.opened_at < $2::timestamptz
    union all
    select c.subscriber_id, 'complaint', null, c.complaint_no, c.status, c.description,
           s.city, s.district, c.category, ${topLevelSql('c.category')}, c.opened_at
      from complaints c
      join subscribers s on s.id = c.subscriber_id
     where c.opened_at >= $1::timestamptz and c.opened_at < $2::timestamptz
       and not exists (
         select 1 from tickets t where t.subscriber_id = c.subscriber_id and t.complaint_no = c.complaint_no)
  )`;

/** Monday of the business-zone week (date_trunc('week') starts on Monday, as ISO weeks do). */
const WEEK_START = `to_char(date_trunc('week', opened_at at time zone $3)::date, 'YYYY-MM-DD')`;

/** The hot-spot counting query, exported so a test can compare it with a direct count. */
export function cellWeekCountsSql(filtered: boolean): string {
  return `
    with ${EVENTS}
    select city, district, category, ${WEEK_START} as week_start, count(*)::int as n
      from events
     where district is not null ${filtered ? 'and city = $5 and district = $6 and category = $7' : ''}
     group by 1, 2, 3, 4`;
}

/** Complaints per area × top-level category × week, in one GROUP BY; cells with none are absent. */
export async function countComplaintsByCellWeek(
  engine: Engine,
  range: { start: Date; end: Date; timeZone: string; cell?: HotSpotCellKey },
): Promise<CellWeekCount[]> {
  const cell = range.cell ? [range.cell.city, range.cell.district, range.cell.category] : [];
  const rows = await queryRows<{
    city: string;
    district: string;
    category: TicketCategory;
    week_start: string;
    n: number;
  }>(engine, cellWeekCountsSql(cell.length > 0), [
    range.start.toISOString(),
    range.end.toISOString(),
    range.timeZone,
    [...TICKET_CATEGORIES],
    ...cell,
  ]);
  return rows.map((row) => ({
    city: row.city,
    district: row.district,
    category: row.category,
    weekStart: row.week_start,
    count: row.n,
  }));
}

/** The business-zone date of the first complaint or ticket on record; null when there is none. */
export async function firstComplaintDate(engine: Engine, timeZone: string): Promise<string | null> {
  const [row] = await queryRows<{ first: string | null }>(
    engine,
    `select to_char(min(opened_at) at time zone $1, 'YYYY-MM-DD') as first
       from (select min(opened_at) as opened_at from tickets
             union all select min(opened_at) from complaints) firsts`,
    [timeZone],
  );
  return row?.first ?? null;
}

export type CellItemRow = {
  source: 'ticket' | 'complaint';
  ticket_id: number | string | null;
  complaint_no: string | null;
  status: string;
  title: string | null;
  code: string;
  opened_at: Date | string;
  name: string;
};

/** The tickets and complaints of one cell in [start, end), oldest first (at most `limit`; $3). */
export async function findCellItems(
  engine: Engine,
  range: { start: Date; end: Date; cell: HotSpotCellKey; limit: number },
): Promise<CellItemRow[]> {
  return queryRows<CellItemRow>(
    engine,
    `with ${EVENTS}
     select e.source, e.ticket_id, e.complaint_no, e.status, e.title, e.code, e.opened_at, s.name
       from events e
       join subscribers s on s.id = e.subscriber_id
      where e.city = $5 and e.district = $6 and e.category = $7
      order by e.opened_at, e.ticket_id nulls last, e.complaint_no
      limit $3::int`,
    [
      range.start.toISOString(),
      range.end.toISOString(),
      range.limit,
      [...TICKET_CATEGORIES],
      range.cell.city,
      range.cell.district,
      range.cell.category,
    ],
  );
}
