// What the crash proof checks in PostgreSQL once the faults are over, from its own connection:
// every acknowledged write is there under the ids it was acknowledged with; no write took effect
// twice (each proof row carries its key in its free text, so effects are counted by key, whatever
// the server does with the Idempotency-Key header); and no multi-row write is half there — each of
// the three writes is one transaction in its service (outcome.service.ts, contacts.service.ts,
// tickets.service.ts), so every row it writes must be there with every other.
import pg from 'pg';
import type { CrashCluster } from './proof-crash-cluster';
import { type Journal, MARKER_SQL_PATTERN, markerOf } from './proof-crash-journal';
import { PROOF_TASK_REASON } from './proof-crash-operator';

export type VerifyReport = {
  acknowledged: number;
  /** Acknowledged writes with any acknowledged id missing (or not carrying its key). */
  lost: number;
  lostSample: string[];
  /** Extra rows beyond one per key and table. */
  duplicates: number;
  duplicateSample: string[];
  /** Violations of the multi-row invariants, by check. */
  halfApplied: Record<string, number>;
  /** Writes the server refused (4xx) that nevertheless left a row. */
  refusedWithEffect: number;
  /** Writes still without an answer after the last replay. */
  unresolved: number;
  /**
   * Acknowledged writes without exactly one stored Idempotency-Key answering 2xx (the server keeps
   * the key in the write's own transaction); null when this server has no idempotency_keys table.
   */
  keysMissing: number | null;
};

/** Each check names rows that break one invariant of a multi-row write; it must find none. */
const INVARIANTS: Record<string, string> = {
  // outcome: the attempt row and the task's update are one transaction.
  'task attempts = its contact attempts': `
    select t.id from call_tasks t
     where t.reasons::jsonb @> jsonb_build_array(jsonb_build_object('code', $1::text))
       and t.attempts <> (select count(*) from contact_attempts a where a.task_id = t.id)`,
  "task state = its latest outcome's": `
    select t.id from call_tasks t
      join lateral (select a.disposition from contact_attempts a where a.task_id = t.id
                     order by a.id desc limit 1) last on true
     where t.reasons::jsonb @> jsonb_build_array(jsonb_build_object('code', $1::text))
       and case when last.disposition = 'not_reached'
                then not (t.status in ('open', 'claimed', 'cancelled')
                          or (t.status = 'done' and t.closed_reason = 'attempts_exhausted'))
                else not (t.status = 'done' and t.closed_reason = last.disposition) end`,
  'outcome audited once': `
    select a.id from proof_attempts a
     where (select count(*) from audit_log l where l.action = 'call.outcome'
              and l.details->>'contactAttemptId' = a.id::text) <> 1`,
  'call_back has its callback task': `
    select a.id from proof_attempts a
     where a.disposition = 'call_back'
       and (select count(*) from call_tasks t where t.kind = 'callback'
              and t.reasons::jsonb -> 0 -> 'params' ->> 'contactAttemptId' = a.id::text) <> 1`,
  'do_not_call marks the subscriber': `
    select a.id from proof_attempts a join subscribers s on s.id = a.subscriber_id
     where a.disposition = 'do_not_call' and not s.do_not_call`,
  'complaint outcome has its contact and ticket': `
    select a.id from proof_attempts a
     where a.disposition = 'complaint'
       and (select count(*) from service_contacts c join tickets k on k.id = c.ticket_id
             where c.call_task_id = a.task_id and c.summary like '%' || a.marker || '%'
               and k.contact_id = c.id and k.source = 'call') <> 1`,
  // contact: the contact, its ticket and the audit entry are one transaction.
  'contact audited once': `
    select c.id from proof_contacts c
     where (select count(*) from audit_log l where l.action = 'contact.log'
              and l.target = 'contact:' || c.id) <> 1`,
  'contact asking for a ticket has it': `
    select c.id from proof_contacts c join journal j on j.key = c.key
     where j.wants_ticket
       and not exists (select 1 from tickets k where k.id = c.ticket_id and k.contact_id = c.id)`,
  'ticket of a contact points back': `
    select k.id from proof_tickets k
     where k.contact_id is not null
       and not exists (select 1 from service_contacts c where c.id = k.contact_id and c.ticket_id = k.id)`,
  // ticket: the row, its timeline, its SLA terms and the audit entry are one transaction.
  'ticket opened and dispatched': `
    select k.id from proof_tickets k
     where (select count(*) from ticket_events e where e.ticket_id = k.id and e.kind = 'opened') <> 1
        or (select count(*) from ticket_events e where e.ticket_id = k.id and e.kind = 'dispatched') <> 1`,
  'ticket has SLA terms and a due time': `
    select k.id from proof_tickets k where k.sla_terms is null or k.sla_terms = 'null'::jsonb or k.due_at is null`,
  'ticket audited once': `
    select k.id from proof_tickets k
     where (select count(*) from audit_log l where l.action = 'ticket.open'
              and l.target = 'T' || lpad(k.id::text, 6, '0')) <> 1`,
};

/** Effects by key, per table: a key on more than one row of a table took effect more than once. */
const EFFECTS_SQL = `
  select 'contact_attempts' as tbl, key, count(*)::int as n from proof_attempts group by key
  union all select 'service_contacts', key, count(*)::int from proof_contacts group by key
  union all select 'tickets', key, count(*)::int from proof_tickets group by key`;

export async function verifyWrites(cluster: CrashCluster, journal: Journal): Promise<VerifyReport> {
  const client = new pg.Client({ connectionString: cluster.url });
  client.on('error', () => undefined);
  await client.connect();
  try {
    await loadJournal(client, journal);
    const lostRows = await rows<{ key: string }>(client, LOST_SQL);
    const effects = await rows<{ tbl: string; key: string; n: number }>(client, EFFECTS_SQL);
    const duplicated = effects.filter((e) => e.n > 1);
    const halfApplied: Record<string, number> = {};
    for (const [name, sql] of Object.entries(INVARIANTS)) {
      const found = await rows<{ id: string }>(client, sql, sql.includes('$1') ? [PROOF_TASK_REASON] : []);
      halfApplied[name] = found.length;
    }
    const refused = new Set(journal.entries.filter((e) => e.state === 'refused').map((e) => e.key));
    const refusedWithEffect = new Set(effects.filter((e) => refused.has(e.key)).map((e) => e.key)).size;
    const acknowledged = journal.withState('acked').length;
    const [keysTable] = await rows<{ exists: boolean }>(
      client,
      "select to_regclass('idempotency_keys') is not null as exists",
    );
    const keysMissing = keysTable?.exists
      ? (await rows<{ key: string }>(client, KEYS_MISSING_SQL)).length
      : null;
    return {
      acknowledged,
      lost: lostRows.length,
      lostSample: lostRows.slice(0, 10).map((r) => r.key),
      duplicates: duplicated.reduce((sum, e) => sum + e.n - 1, 0),
      duplicateSample: duplicated.slice(0, 10).map((e) => `${e.tbl}:${e.key}×${e.n}`),
      halfApplied,
      refusedWithEffect,
      unresolved: journal.withState('pending').length,
      keysMissing,
    };
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function rows<T extends pg.QueryResultRow>(client: pg.Client, sql: string, params: unknown[] = []) {
  return (await client.query<T>(sql, params)).rows;
}

/**
 * The journal as a temp table, and the proof's rows (found by the marker in their free text) as
 * temp tables with their key pulled out, so every check is one set-based statement.
 */
async function loadJournal(client: pg.Client, journal: Journal): Promise<void> {
  const e = journal.entries;
  await client.query(
    `create temp table journal as
     select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[],
                          $7::bigint[], $8::boolean[])
       as j(key, kind, state, id, task_id, callback_task_id, ticket_id, wants_ticket)`,
    [
      e.map((x) => x.key),
      e.map((x) => x.kind),
      e.map((x) => x.state),
      e.map((x) => x.ack?.id ?? null),
      e.map((x) => x.ack?.taskId ?? null),
      e.map((x) => x.ack?.callbackTaskId ?? null),
      e.map((x) => x.ack?.ticketId ?? null),
      e.map((x) => x.body.ticket !== undefined || x.body.complaint !== undefined),
    ],
  );
  const key = (column: string) => `substring(${column} from '${MARKER_SQL_PATTERN}')`;
  const like = (column: string) => `${column} like '%[[cp-%'`;
  await client.query(
    `create temp table proof_attempts as
     select subscriber_id, id, task_id, disposition, ${key('notes')} as key, '' as marker
       from contact_attempts where ${like('notes')}`,
  );
  await client.query(`update proof_attempts set marker = '[[' || key || ']]'`);
  await client.query(
    `create temp table proof_contacts as
     select id, ticket_id, call_task_id, ${key('summary')} as key from service_contacts where ${like('summary')}`,
  );
  await client.query(
    `create temp table proof_tickets as
     select id, contact_id, source, sla_terms, due_at, ${key('title')} as key
       from tickets where ${like('title')}`,
  );
  await client.query(
    'analyze journal; analyze proof_attempts; analyze proof_contacts; analyze proof_tickets',
  );
  // The marker is built in SQL the same way as in TypeScript: keep the two in step.
  if (markerOf('x') !== '[[x]]') throw new Error('markerOf changed: update the SQL markers');
}

/** Acknowledged writes whose acknowledged ids are not all there, each with its own key. */
const LOST_SQL = `
  select j.key from journal j
   where j.state = 'acked'
     and (
       (j.kind = 'outcome' and not exists
          (select 1 from proof_attempts a where a.id = j.id and a.key = j.key and a.task_id = j.task_id))
       or (j.kind = 'contact' and not exists (select 1 from proof_contacts c where c.id = j.id and c.key = j.key))
       or (j.kind = 'ticket' and not exists (select 1 from proof_tickets k where k.id = j.id and k.key = j.key))
       or (j.callback_task_id is not null and not exists (select 1 from call_tasks t where t.id = j.callback_task_id))
       or (j.ticket_id is not null and not exists (select 1 from proof_tickets k where k.id = j.ticket_id and k.key = j.key))
     )`;

/** Acknowledged writes whose key the server does not hold exactly once, with a 2xx answer. */
const KEYS_MISSING_SQL = `
  select j.key from journal j
   where j.state = 'acked'
     and (select count(*) from idempotency_keys k
           where k.key = j.key and k.response_status between 200 and 299) <> 1`;
