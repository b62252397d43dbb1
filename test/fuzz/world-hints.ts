// Real values of the seeded world for the generator: path ids by operation (the subscriber,
// ticket, task … an id in that path names) and fields by name (subscriberId, teamId, offerCodes …).
// Pools are read again before each operation, so rows the fuzzer itself created (work orders,
// report jobs, users) are drawn too. A hinted value the document would refuse is never offered.
import fc from 'fast-check';
import { queryRows } from '#src/db/raw';
import { listSummaryFiles } from '#src/features/daily-summary/daily-summary-files';
import { DEMO_PASSWORD } from '#src/features/demo/demo-staff';
import type { DocumentValidator } from './document-validator';
import type { FuzzWorld } from './fuzz-world';
import type { Location, Operation, Schema } from './openapi-operations';
import type { Hint } from './schema-arbitrary';

type PoolName =
  | 'subscribers'
  | 'users'
  | 'victims'
  | 'victimNames'
  | 'teams'
  | 'runs'
  | 'scoringVersions'
  | 'models'
  | 'offers'
  | 'scripts'
  | 'smsTemplates'
  | 'planCodes'
  | 'campaigns'
  | 'callPlans'
  | 'tasks'
  | 'serviceGroups'
  | 'tickets'
  | 'revisits'
  | 'workOrders'
  | 'reportJobs'
  | 'summaryDates'
  | 'summaryFiles'
  | 'cities'
  | 'versions'
  | 'etags'
  | 'passwords';

export type Pools = Record<PoolName, readonly unknown[]>;

const LIMIT = 40;

/** The world's current values, each pool small and deterministic (ordered, limited). */
export async function loadPools(world: FuzzWorld): Promise<Pools> {
  const engine = world.stores.handle.engine;
  const column = async (sql: string, params: unknown[] = []) =>
    (await queryRows<{ v: unknown }>(engine, sql, params)).map((row) =>
      typeof row.v === 'string' && /^\d+$/.test(row.v) ? Number(row.v) : row.v,
    );
  const actorIds = Object.values(world.actors).flatMap((a) => (a.userId === null ? [] : [a.userId]));
  const agent = world.actors.agent.userId ?? 0;
  const files = await listSummaryFiles(world.config.dataDir, null);
  return {
    // The agent's own book first, so the agent's requests reach its subscribers.
    subscribers: unique([
      ...(await column(
        `select subscriber_id as v from subscriber_books where agent_user_id = $1 order by 1 limit ${LIMIT / 2}`,
        [agent],
      )),
      ...(await column(`select id as v from subscribers order by id limit ${LIMIT}`)),
    ]),
    users: await column(`select id as v from users order by id limit ${LIMIT}`),
    victims: await column(`select id as v from users where id <> all($1::int[]) order by id limit ${LIMIT}`, [
      actorIds,
    ]),
    victimNames: await column(
      `select username as v from users where id <> all($1::int[]) order by id limit ${LIMIT}`,
      [actorIds],
    ),
    teams: await column('select id as v from teams order by id'),
    runs: await column(`select id as v from scoring_runs order by id desc limit ${LIMIT}`),
    scoringVersions: await column(
      `select version as v from scoring_settings_versions order by 1 desc limit ${LIMIT}`,
    ),
    models: await column(`select id as v from churn_models order by id desc limit ${LIMIT}`),
    offers: await column(`select code as v from offers order by id limit ${LIMIT}`),
    scripts: await column(`select code as v from scripts order by id limit ${LIMIT}`),
    smsTemplates: await column(`select code as v from sms_templates order by code limit ${LIMIT}`),
    planCodes: await column(`select code as v from plans order by id limit ${LIMIT}`),
    campaigns: await column(`select id as v from campaigns order by id desc limit ${LIMIT}`),
    callPlans: await column(`select id as v from call_plans order by id desc limit ${LIMIT}`),
    tasks: unique([
      ...(await column(
        `select id as v from call_tasks where claimed_by_user_id = $1 order by id limit ${LIMIT / 2}`,
        [agent],
      )),
      ...(await column(
        `select id as v from call_tasks where owner_user_id = $1 order by id limit ${LIMIT / 2}`,
        [agent],
      )),
      ...(await column(`select id as v from call_tasks order by id limit ${LIMIT / 2}`)),
    ]),
    serviceGroups: await column('select id as v from service_groups order by id'),
    tickets: unique([
      ...(await column(
        `select id as v from tickets where assignee_user_id = $1 order by id limit ${LIMIT / 2}`,
        [agent],
      )),
      ...(await column(`select id as v from tickets order by id desc limit ${LIMIT}`)),
    ]),
    revisits: await column(`select id as v from satisfaction_revisits order by id desc limit ${LIMIT}`),
    workOrders: await column(`select id as v from work_orders order by id desc limit ${LIMIT}`),
    reportJobs: await column(`select id as v from report_jobs order by id desc limit ${LIMIT}`),
    summaryDates: unique(files.map((f) => f.date)),
    summaryFiles: unique(files.map((f) => `${f.teamId}.csv`)),
    cities: await column(
      `select distinct city as v from subscribers where city is not null order by 1 limit ${LIMIT}`,
    ),
    // Versioned writes (tickets, work orders, scripts, settings) name the version they read: rows
    // the fuzz has not touched are at their first few versions, so small numbers often match.
    versions: [1, 2, 3, 4],
    etags: ['"1"', '"2"', '"3"', 'W/"1"'],
    passwords: [DEMO_PASSWORD],
  };
}

/** Path parameters by operation: which pool an id in that path comes from. */
const PATH_POOLS: [RegExp, string, PoolName][] = [
  [/^\/api\/users\/\{id\}/, 'id', 'victims'],
  [/^\/api\/subscribers\/\{id\}/, 'id', 'subscribers'],
  [/^\/api\/scoring\/runs\/\{id\}/, 'id', 'runs'],
  [/^\/api\/scoring\/settings\/versions\/\{version\}/, 'version', 'scoringVersions'],
  [/^\/api\/models\/\{id\}/, 'id', 'models'],
  [/^\/api\/offers\/\{code\}/, 'code', 'offers'],
  [/^\/api\/scripts\/\{code\}/, 'code', 'scripts'],
  [/^\/api\/sms\/templates\/\{code\}/, 'code', 'smsTemplates'],
  [/^\/api\/campaigns\/\{id\}/, 'id', 'campaigns'],
  [/^\/api\/plans\/\{id\}/, 'id', 'callPlans'],
  [/^\/api\/tasks\/\{id\}/, 'id', 'tasks'],
  [/^\/api\/service-groups\/\{id\}/, 'id', 'serviceGroups'],
  [/^\/api\/tickets\/\{id\}/, 'id', 'tickets'],
  [/^\/api\/revisits\/\{id\}/, 'id', 'revisits'],
  [/^\/api\/work-orders\/\{id\}/, 'id', 'workOrders'],
  [/^\/api\/service-reports\/jobs\/\{id\}/, 'id', 'reportJobs'],
  [/^\/api\/daily-summary\/files\/\{date\}/, 'date', 'summaryDates'],
  [/^\/api\/daily-summary\/files\/\{date\}\/\{file\}/, 'file', 'summaryFiles'],
];

/** Query and body fields by name (the last name on the path; array items take their array's name). */
const FIELD_POOLS: Record<string, PoolName> = {
  subscriberId: 'subscribers',
  teamId: 'teams',
  groupId: 'serviceGroups',
  assignee: 'users',
  agentUserId: 'users',
  assigneeUserId: 'users',
  userId: 'users',
  leadUserId: 'users',
  managerUserId: 'users',
  members: 'users',
  callTaskId: 'tasks',
  campaignId: 'campaigns',
  offerCode: 'offers',
  offerCodes: 'offers',
  scriptCode: 'scripts',
  templateCode: 'smsTemplates',
  targetPlanCode: 'planCodes',
  planCodes: 'planCodes',
  city: 'cities',
  version: 'versions',
  expectedVersion: 'versions',
};

/** Sign-in names the victims (never an actor: a lockout must not end the run) and sometimes knows the password. */
const SIGN_IN_FIELDS: Record<string, PoolName> = { username: 'victimNames', password: 'passwords' };

export function hintsFor(
  op: Operation,
  pools: Pools,
  validator: DocumentValidator,
): (location: Location) => Hint | undefined {
  const fromPool = (pool: PoolName, schema: Schema): fc.Arbitrary<unknown> | undefined => {
    const accepted = pools[pool].filter((value) => validator.errors(schema, value).length === 0);
    return accepted.length ? fc.constantFrom(...accepted) : undefined;
  };
  const signIn = op.key === 'POST /api/auth/sign-in';
  return (location) => {
    if (location === 'headers')
      return (path, schema) => (path[0] === 'if-match' ? fromPool('etags', schema) : undefined);
    if (location === 'params') {
      return (path, schema) => {
        const name = path[0];
        const rule = PATH_POOLS.find(([pattern, param]) => param === name && pattern.test(op.path));
        return rule ? fromPool(rule[2], schema) : undefined;
      };
    }
    return (path, schema) => {
      const name = [...path].reverse().find((segment) => segment !== '*' && !/^\d+$/.test(segment));
      if (!name) return undefined;
      const pool = (signIn ? SIGN_IN_FIELDS[name] : undefined) ?? FIELD_POOLS[name];
      return pool ? fromPool(pool, schema) : undefined;
    };
  };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
