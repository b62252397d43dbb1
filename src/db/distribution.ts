/**
 * Where every table goes when PostgreSQL becomes a Citus cluster (docs/scaling.md): the one place
 * that says it, so the documentation and the compatibility check (test/schema/) read the same plan.
 *
 * - distributed: hash-sharded on the subscriber (`subscriber_id`; `id` on subscribers itself), all
 *   in one co-location group, so every per-subscriber join and transaction stays on one worker.
 * - reference: small tables copied to every worker, so distributed rows can join and point at them.
 * - local: kept on the coordinator only. Each says why: these are never joined with distributed
 *   tables, and replicating their writes to every worker would buy nothing.
 *
 * A table added to the schema must be added here too: the check fails on an unclassified table.
 */
export type TablePlacement =
  | {
      kind: 'distributed';
      column: string;
      /** Tables of one group are sharded alike and may join and reference each other on a worker;
       * a table that is never joined with subscriber rows may form its own (default: subscriber). */
      colocation?: string;
    }
  | { kind: 'reference' }
  | { kind: 'local'; why: string };

/** The distribution column every big table carries. */
export const DISTRIBUTION_COLUMN = 'subscriber_id';

/** The co-location group of the subscriber tables, anchored by subscribers.id. */
export const SUBSCRIBER_COLOCATION = 'subscriber';

const distributed: TablePlacement = { kind: 'distributed', column: DISTRIBUTION_COLUMN };
const reference: TablePlacement = { kind: 'reference' };

export const CITUS_PLAN: Readonly<Record<string, TablePlacement>> = {
  // The anchor of the co-location group: its `id` is every other table's subscriber_id.
  subscribers: { kind: 'distributed', column: 'id' },
  subscriber_status_history: distributed,
  contracts: distributed,
  complaints: distributed,
  subscriber_books: distributed,
  subscriber_agent_tags: distributed,
  subscriber_scores: distributed,
  campaign_members: distributed,
  call_tasks: distributed,
  contact_attempts: distributed,
  sms_outbox: distributed,
  service_contacts: distributed,
  tickets: distributed,
  ticket_events: distributed,
  satisfaction_revisits: distributed,
  demo_churn_truth: distributed,

  plans: reference,
  offers: reference,
  scripts: reference,
  sms_templates: reference,
  users: reference,
  teams: reference,
  service_groups: reference,
  service_group_members: reference,
  campaigns: reference,
  call_plans: reference,
  churn_models: reference,
  scoring_runs: reference,
  scoring_settings_versions: reference,
  decision_settings_versions: reference,
  service_settings_versions: reference,
  team_targets: reference,
  work_orders: reference,

  audit_log: {
    kind: 'local',
    why:
      'append-only by trigger (Citus refuses triggers on distributed and reference tables unless ' +
      'citus.enable_unsafe_triggers is set); many rows name no subscriber (sign-in, admin), and a ' +
      'NULL distribution value cannot be inserted; rate limits read it by actor and time, never ' +
      'joined with subscriber tables. At province scale it becomes time-partitioned on the coordinator.',
  },
  user_sessions: {
    kind: 'local',
    why:
      'read and touched by every request (last_seen_at once a minute per session), joined only ' +
      'with users and teams; a reference table would turn each touch into a write on every worker.',
  },
  idempotency_keys: {
    kind: 'local',
    why:
      'keyed by user, not subscriber (imports have no subscriber at all), and unique on (user_id, key); ' +
      'written in the transaction of the write it guards, which on a cluster commits the coordinator ' +
      'and that subscriber’s worker together (two-phase commit).',
  },
  import_runs: {
    kind: 'local',
    why: 'bookkeeping of the coordinator’s own import jobs, read alone by the imports screen.',
  },
  report_jobs: {
    kind: 'local',
    why: 'progress counters updated per report while a bulk job runs, read alone by the console.',
  },
  score_rollup_runs: {
    kind: 'local',
    why: 'marker of the run rollups below; read with scoring_runs (reference) only.',
  },
  score_rollups: {
    kind: 'local',
    why:
      'written once per run from a grouped query over the distributed scores and read alone by the ' +
      'dashboards; copying up to ~10⁵ rows a run to every worker would serve no join.',
  },
  score_signal_rollups: {
    kind: 'local',
    why: 'as score_rollups: one grouped write per run, read alone by the signals dashboard.',
  },
};

/**
 * Rules the schema still breaks, each with the change that lifts it (docs/scaling.md §3). The
 * check expects exactly these, so a new violation fails it, and so does lifting one without
 * deleting its entry here. Kept because the change touches the subscribers import's hot upsert,
 * which is worth its own measured step rather than a change on the way past.
 */
export const KNOWN_CITUS_GAPS: readonly { violation: string; fix: string }[] = [
  {
    violation:
      'subscribers: [uniqueness] unique subscribers_msisdn_unique (msisdn) does not include id: Citus can only enforce it within a shard',
    fix: 'an MSISDN directory subscriber_msisdns (msisdn primary key, subscriber_id) distributed by msisdn; subscribers keep a plain msisdn index and the import upserts on id (docs/scaling.md §3)',
  },
];
