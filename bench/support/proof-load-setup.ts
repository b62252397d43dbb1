// The load proof's operator: the console benchmark's (a throwaway cluster loaded through the real
// `vipdesk migrate | import | score` from the cached synthetic files, teams of agents with every
// non-group subscriber in one agent's book) plus the plan benchmark's campaigns and contact history,
// kept as a snapshot between runs (proof-load-cache.ts). Made fresh on every run: the day's plan by
// the real plan service, shifted so that every planned call is due now — the agents are mid-shift.
import { openDatabase } from '#src/db/client';
import { queryRows } from '#src/db/raw';
import type { Actor } from '#src/features/auth/actor';
import { permissionsOf } from '#src/features/auth/permissions';
import { planInputsSchema } from '#src/features/planning/plan-inputs';
import { createPlan } from '#src/features/planning/planning.service';
import { addDays } from '#src/lib/months';
import { todayIn } from '#src/lib/time';
import { AS_OF_MONTH, type Cluster, loadOperator, log, startCluster } from './console-setup';
import { ADMIN_USERNAME, createStaff, vacuumAnalyze } from './console-staff';
import { insertContactHistory, launchBenchCampaigns } from './plan-setup';
import { findSnapshot, saveSnapshot, snapshotName } from './proof-load-cache';

/** Bump when what the snapshot holds changes in a way its other inputs do not show. */
const SETUP_VERSION = 1;
export const LOAD_TIME_ZONE = 'Asia/Shanghai';

export type LoadOperatorOptions = {
  subscribers: number;
  teams: number;
  agentsPerTeam: number;
  /** Reuse (and make) a snapshot of the loaded operator; `fresh` rebuilds it. */
  cache: boolean;
  fresh?: boolean;
};

export type LoadOperatorAgent = { id: number; username: string; teamId: number; book: number[] };

export type LoadOperator = {
  cluster: Cluster;
  subscribers: number;
  agents: LoadOperatorAgent[];
  /** Open tasks due now, and the fewest any agent owns. */
  tasksDue: number;
  fewestOwned: number;
  fromSnapshot: boolean;
};

const seconds = (began: number) => ((performance.now() - began) / 1000).toFixed(1).padStart(6);

/** Builds (or restores) the operator and plans today's calls. The caller stops the cluster. */
export async function prepareLoadOperator(options: LoadOperatorOptions): Promise<LoadOperator> {
  const prefix = `load-${options.subscribers}`;
  const name = snapshotName(prefix, {
    version: SETUP_VERSION,
    subscribers: options.subscribers,
    teams: options.teams,
    agentsPerTeam: options.agentsPerTeam,
    asOf: AS_OF_MONTH,
  });
  const snapshot = options.cache && !options.fresh ? findSnapshot(name) : null;
  let began = performance.now();
  const cluster = startCluster(snapshot ?? undefined);
  try {
    if (snapshot) {
      log(`setup  restore snapshot     ${seconds(began)}s  .bench/proof/${name}`);
    } else {
      await buildOperator(cluster, options);
      if (options.cache) {
        began = performance.now();
        saveSnapshot(cluster, name, prefix);
        log(`setup  save snapshot        ${seconds(began)}s  .bench/proof/${name}`);
      }
    }
    return { ...(await planToday(cluster)), cluster, fromSnapshot: snapshot !== null };
  } catch (error) {
    cluster.stop();
    throw error;
  }
}

async function buildOperator(cluster: Cluster, options: LoadOperatorOptions): Promise<void> {
  const load = await loadOperator(options.subscribers, cluster.env);
  if (!load.scored) throw new Error('the scoring run scored nobody');
  let began = performance.now();
  const staff = await createStaff(cluster.url, options.teams, options.agentsPerTeam);
  log(`setup  staff and books      ${seconds(began)}s  ${staff.agents.length} agents`);
  const handle = await openDatabase({ kind: 'postgres', url: cluster.url });
  try {
    began = performance.now();
    const today = todayIn(LOAD_TIME_ZONE);
    const campaigns = await launchBenchCampaigns(handle, today);
    const retention = campaigns.find((c) => c.kind === 'retention');
    if (!retention) throw new Error('no retention campaign');
    const attempts = await insertContactHistory(handle, retention.id, addDays(today, 1));
    log(`setup  campaigns, history   ${seconds(began)}s  ${attempts} past attempts`);
  } finally {
    await handle.close();
  }
  began = performance.now();
  await vacuumAnalyze(cluster.url);
  log(`setup  vacuum analyze       ${seconds(began)}s`);
}

/**
 * Tomorrow's plan by the real plan service (tomorrow always has a whole shift ahead, whatever the
 * hour), then every planned call moved earlier by the same amount so the last is due a minute ago:
 * the order and spacing the plan chose are kept, and each agent has a full day of calls to claim.
 */
async function planToday(cluster: Cluster) {
  const handle = await openDatabase({ kind: 'postgres', url: cluster.url });
  try {
    const began = performance.now();
    const [admin] = await queryRows<{ id: number; display_name: string }>(
      handle.engine,
      'select id, display_name from users where username = $1',
      [ADMIN_USERNAME],
    );
    if (!admin) throw new Error('no bench admin');
    const actor: Actor = {
      userId: admin.id,
      username: ADMIN_USERNAME,
      displayName: admin.display_name,
      role: 'admin',
      teamId: null,
      permissions: permissionsOf('admin'),
      sourceIp: null,
    };
    const day = addDays(todayIn(LOAD_TIME_ZONE), 1);
    const plan = await createPlan(handle, actor, planInputsSchema.parse({ day }), {
      timeZone: LOAD_TIME_ZONE,
    });
    await queryRows(
      handle.engine,
      `update call_tasks
          set due_at = due_at - (select max(due_at) from call_tasks where plan_id = $1) + now() - interval '1 minute'
        where plan_id = $1 and status = 'open'`,
      [plan.id],
    );
    await queryRows(handle.engine, 'analyze call_tasks');
    const [due] = await queryRows<{ n: number }>(
      handle.engine,
      "select count(*)::int as n from call_tasks where status = 'open' and due_at <= now()",
    );
    const agents = await readAgents(handle.engine);
    const owned = await queryRows<{ owner: number; n: number }>(
      handle.engine,
      `select owner_user_id as owner, count(*)::int as n from call_tasks
        where status = 'open' and due_at <= now() and owner_user_id is not null group by 1`,
    );
    const ownedBy = new Map(owned.map((r) => [Number(r.owner), r.n]));
    const fewestOwned = Math.min(...agents.map((a) => ownedBy.get(a.id) ?? 0));
    const [count] = await queryRows<{ n: number }>(
      handle.engine,
      'select count(*)::int as n from subscribers',
    );
    log(
      `setup  plan for ${day}     ${seconds(began)}s  plan ${plan.id}: ${due?.n ?? 0} calls due now, ` +
        `${agents.length} agents, each owning ≥ ${fewestOwned}`,
    );
    return { subscribers: count?.n ?? 0, agents, tasksDue: due?.n ?? 0, fewestOwned };
  } finally {
    await handle.close();
  }
}

async function readAgents(engine: Parameters<typeof queryRows>[0]): Promise<LoadOperatorAgent[]> {
  const rows = await queryRows<{ id: number; username: string; team_id: number; book: string[] | null }>(
    engine,
    `select u.id, u.username, u.team_id,
            (select array_agg(b.subscriber_id order by b.subscriber_id)
               from subscriber_books b where b.agent_user_id = u.id) as book
       from users u where u.role = 'agent' and u.username like 'bench-agent%' order by u.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    teamId: r.team_id,
    book: (r.book ?? []).map(Number),
  }));
}
