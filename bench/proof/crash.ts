// Issue 8 part 2, crash safety. Under a write load of many agents, kill -9 the vipdesk server and,
// in other cycles, stop PostgreSQL immediately while the server keeps running; then check that every
// acknowledged write is there, none took effect twice after its replay, no multi-row write is half
// there, the server rode out every outage and reconnected by itself, and pg_amcheck and the page
// checksums find nothing. Then kill -9 scoring runs and imports mid-way: the state on show stays whole.
//
//   node bin/run-ts.js bench/proof/crash.ts [--short]
//
// The cluster runs with fsync on and data checksums (bench/support/proof-crash-cluster.ts).
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { createRandom } from '#src/ml/random';
import { freePort, signInAll } from '../support/console-server';
import { log } from '../support/console-setup';
import { ADMIN_USERNAME } from '../support/console-staff';
import { replayPending, type SignedInAgent, startWorkload, type Target } from '../support/proof-crash-agents';
import {
  killScoringRuns,
  killSubscriberImports,
  killUsageImports,
  strayUsageFiles,
} from '../support/proof-crash-batch-kills';
import { type CrashCluster, checksumFailures, startCrashCluster } from '../support/proof-crash-cluster';
import {
  type CycleContext,
  type CycleReport,
  faultPlan,
  runCycle,
  waitForServer,
} from '../support/proof-crash-cycles';
import { Journal } from '../support/proof-crash-journal';
import { loadCrashOperator, type OperatorSize, vipdesk } from '../support/proof-crash-operator';
import { killEveryServer, type ServerOptions, spawnServer } from '../support/proof-crash-server';
import { verifyWrites } from '../support/proof-crash-verify';
import {
  atLeast,
  atMost,
  exactly,
  type Figure,
  formatFigures,
  type ProofOptions,
  type ProofPart,
  timing,
} from './figures';

const PART = 'crash';

type Plan = {
  size: OperatorSize;
  /** Faults of each kind (kill -9 of the server; immediate stop of PostgreSQL). */
  cycles: number;
  loadMs: readonly [number, number];
  outageMs: readonly [number, number];
  scoringKills: number;
  subscriberImportKills: number;
  usageImportKills: number;
};

const FULL: Plan = {
  size: { subscribers: 20_000, teams: 5, agentsPerTeam: 8, tasksPerAgent: 400 },
  cycles: 20,
  loadMs: [2_000, 6_000],
  outageMs: [500, 8_000],
  scoringKills: 8,
  subscriberImportKills: 6,
  usageImportKills: 4,
};

const SHORT: Plan = {
  size: { subscribers: 5_000, teams: 2, agentsPerTeam: 6, tasksPerAgent: 150 },
  cycles: 3,
  loadMs: [1_500, 3_000],
  outageMs: [300, 2_000],
  scoringKills: 2,
  subscriberImportKills: 2,
  usageImportKills: 1,
};

const SEED = 20_260_808;

export const runCrashProof: ProofPart = async (options: ProofOptions): Promise<Figure[]> => {
  const plan = options.short ? SHORT : FULL;
  const random = createRandom(SEED);
  const cluster = await startCrashCluster();
  const cleanUp = () => {
    killEveryServer();
    cluster.destroy();
    process.exit(130);
  };
  process.once('SIGINT', cleanUp);
  try {
    return await prove(cluster, plan, random);
  } finally {
    killEveryServer();
    process.off('SIGINT', cleanUp);
    cluster.destroy();
  }
};

async function prove(cluster: CrashCluster, plan: Plan, random: () => number): Promise<Figure[]> {
  const operator = await loadCrashOperator(cluster, plan.size);
  const port = await freePort();
  const target: Target = { baseUrl: `http://127.0.0.1:${port}` };
  const serverOptions: ServerOptions = {
    env: cluster.env,
    port,
    // No cron run: the proof starts its own runs where it wants them (see startScoringRun).
    scoringSchedule: 'off',
    logFile: process.env.VIPDESK_CRASH_SERVER_LOG,
  };
  const server = { current: spawnServer(serverOptions) };
  await waitForHealth(target);
  const cookies = await signInAll(
    target.baseUrl,
    [ADMIN_USERNAME, ...operator.agents.map((a) => a.username)],
    operator.password,
  );
  const adminCookie = cookies.get(ADMIN_USERNAME) ?? '';
  const agents: SignedInAgent[] = operator.agents.map((a) => ({
    ...a,
    cookie: cookies.get(a.username) ?? '',
  }));

  // ---- faults under load ----
  // Letters only: a run's keys never collide with an earlier run's, and never look like a number.
  const journal = new Journal(Array.from(randomBytes(5), (b) => String.fromCharCode(97 + (b % 26))).join(''));
  const workload = startWorkload({ target, agents, journal, seed: SEED });
  const context: CycleContext = {
    cluster,
    serverOptions,
    server,
    target,
    agents,
    random,
    loadMs: plan.loadMs,
    outageMs: plan.outageMs,
    crashes: [],
    startScoringRun: () => startScoringRunAs(target, adminCookie),
  };
  const cycles: CycleReport[] = [];
  for (const kind of faultPlan(plan.cycles, random)) {
    const report = await runCycle(context, kind);
    cycles.push(report);
    log(
      `crash  ${kind.padEnd(13)} load ${(report.loadMs / 1000).toFixed(1)}s` +
        `${report.downMs ? `, down ${(report.downMs / 1000).toFixed(1)}s` : ''}` +
        `, back in ${(report.recoveryMs / 1000).toFixed(2)}s` +
        `${report.appCrashed ? ', SERVER DIED' : ''}; ${journal.entries.length} writes so far`,
    );
  }
  await workload.stop();
  // Writes whose agent stopped retrying when the load stopped: sent again once more, same key.
  const lastReplay = await replayPending(target, agents, journal, 120_000);
  if (lastReplay.stillPending.size > 0)
    log(
      `crash  unanswered after the last replay, by status: ${JSON.stringify([...lastReplay.stillPending])}`,
    );
  const unexpectedExit = server.current.exit();
  if (unexpectedExit) context.crashes.push(server.current.outputTail());
  const verify = await verifyWrites(cluster, journal);
  const fromStore = journal.entries.filter((e) => e.answeredFromStore).length;
  log(
    `crash  writes: ${JSON.stringify({ ...verify, fromStore, unexpected: [...workload.counts.unexpected] })}`,
  );
  for (const tail of context.crashes) log(`crash  a server died on its own; its last output:\n${tail}`);

  // ---- batch jobs killed mid-way (no load; a new server, which tidies what the outages left) ----
  await server.current.stop();
  server.current = spawnServer(serverOptions);
  const firstAgent = agents[0];
  if (!firstAgent) throw new Error('no agents');
  await waitForServer(server.current, target, firstAgent);
  // Runs the outages cut short (started by the proof in the server) or a kill took down with the
  // server: the new server marks them interrupted at start.
  const runningAfterStart = await runsStillRunning(cluster);
  const [scored] = await cluster.query<{ id: string }>(
    `select s.subscriber_id as id from subscriber_scores s
      where s.run_id = (select max(id) from scoring_runs where status = 'succeeded') and s.subscriber_id = any($1)
      limit 1`,
    [firstAgent.book],
  );
  const readsWork = () => scoresReadable(target, firstAgent, Number(scored?.id));
  const scoring = await killScoringRuns(cluster, cluster.env, plan.scoringKills, random, readsWork);
  const nextRunOk = await vipdesk(cluster.env, 'score').then(
    () => true,
    () => false,
  );
  // The CLI runs killed above: the next run marks them interrupted when it takes the lock.
  const runningAfterNextRun = await runsStillRunning(cluster);
  const subscriberImports = await killSubscriberImports(
    cluster,
    cluster.env,
    { original: operator.files.subscribers, altered: operator.alteredSubscribers },
    plan.subscriberImportKills,
    random,
  );
  const bills = await killUsageImports(
    cluster,
    cluster.env,
    'bills',
    operator.files.bills,
    plan.usageImportKills,
    random,
  );
  const usage = await killUsageImports(
    cluster,
    cluster.env,
    'usage',
    operator.files.usage,
    plan.usageImportKills,
    random,
  );
  // The next import after the kills: it must succeed and leave nothing stray behind.
  const nextImportOk = await vipdesk(cluster.env, 'import', 'bills', operator.files.bills).then(
    () => true,
    () => false,
  );
  const stray = await strayUsageFiles(`${cluster.dataDir}/usage`);
  // A restart marks killed imports failed (if the server knows how); count what still says running.
  await server.current.stop();
  server.current = spawnServer(serverOptions);
  await waitForServer(server.current, target, firstAgent);
  const [importsRunning] = await cluster.query<{ n: number }>(
    "select count(*)::int as n from import_runs where status = 'running'",
  );
  for (const problem of [
    ...scoring.problems,
    ...subscriberImports.problems,
    ...bills.problems,
    ...usage.problems,
  ])
    log(`crash  ${problem}`);
  await server.current.stop();

  // ---- the cluster itself ----
  const amcheck = cluster.amcheck();
  if (amcheck.findings > 0) log(`crash  pg_amcheck:\n${amcheck.output.slice(0, 4000)}`);
  const failuresCounted = await checksumFailures(cluster);
  const offline = cluster.offlineChecksums();
  if (offline.badPages > 0) log(`crash  pg_checksums:\n${offline.output.slice(0, 4000)}`);

  const kills = cycles.filter((c) => c.kind === 'kill-app');
  const stops = cycles.filter((c) => c.kind === 'stop-postgres');
  const halfApplied = Object.values(verify.halfApplied).reduce((sum, n) => sum + n, 0);
  const replayed = journal.entries.filter((e) => e.sends > 1).length;
  const maxOf = (list: CycleReport[]) => Math.max(0, ...list.map((c) => c.recoveryMs)) / 1000;
  const usageKills = { kills: bills.kills + usage.kills, intact: bills.intact + usage.intact };
  return [
    atLeast(PART, 'kill -9 of the server under load', kills.length, 'cycles', plan.cycles),
    atLeast(PART, 'PostgreSQL stopped immediately under load', stops.length, 'cycles', plan.cycles),
    atLeast(PART, 'acknowledged writes', verify.acknowledged, 'writes', plan.cycles * 20),
    exactly(PART, 'acknowledged writes lost', verify.lost, 'writes', 0),
    atLeast(PART, 'unanswered writes sent again with their key', replayed, 'writes', 1),
    exactly(PART, 'writes still unanswered after replay', verify.unresolved, 'writes', 0),
    exactly(PART, 'duplicate effects after replay', verify.duplicates, 'rows', 0),
    ...(verify.keysMissing === null
      ? []
      : [exactly(PART, 'acknowledged writes without their stored key', verify.keysMissing, 'writes', 0)]),
    exactly(PART, 'half-applied multi-row writes', halfApplied + verify.refusedWithEffect, 'writes', 0),
    exactly(
      PART,
      'server crashes during PostgreSQL outages',
      stops.filter((c) => c.appCrashed).length + (unexpectedExit ? 1 : 0),
      'crashes',
      0,
    ),
    atLeast(
      PART,
      'scoring runs going in the server when PostgreSQL stopped',
      stops.filter((c) => c.scoringRunMetOutage).length,
      'runs',
      1,
    ),
    timing(atMost(PART, 'max reconnect after PostgreSQL is back', maxOf(stops), 's', 30)),
    timing(atMost(PART, 'max kill -9 to first authenticated answer', maxOf(kills), 's', 30)),
    exactly(PART, 'pg_amcheck findings (--all --heapallindexed)', amcheck.findings, 'findings', 0),
    exactly(
      PART,
      'checksum failures (counted + offline pg_checksums)',
      failuresCounted + offline.badPages,
      'pages',
      0,
    ),
    atLeast(PART, 'scoring runs killed mid-way', scoring.kills, 'kills', plan.scoringKills),
    exactly(
      PART,
      'scoring kills with the scores on show whole',
      scoring.intact,
      `of ${scoring.kills}`,
      scoring.kills,
    ),
    exactly(PART, 'score reads failing after a kill', scoring.readsFailed, 'reads', 0),
    exactly(PART, 'next scoring run after the kills', nextRunOk ? 1 : 0, 'succeeded', 1),
    exactly(
      PART,
      "killed scoring runs still 'running' after the next start or run",
      runningAfterStart + runningAfterNextRun,
      'runs',
      0,
    ),
    atLeast(
      PART,
      'subscriber imports killed mid-way',
      subscriberImports.kills,
      'kills',
      plan.subscriberImportKills,
    ),
    exactly(
      PART,
      'subscriber import kills with one file whole',
      subscriberImports.intact,
      `of ${subscriberImports.kills}`,
      subscriberImports.kills,
    ),
    atLeast(PART, 'bills/usage imports killed mid-way', usageKills.kills, 'kills', 2 * plan.usageImportKills),
    exactly(
      PART,
      'bills/usage import kills with the store whole',
      usageKills.intact,
      `of ${usageKills.kills}`,
      usageKills.kills,
    ),
    exactly(PART, 'next import after the kills', nextImportOk ? 1 : 0, 'succeeded', 1),
    exactly(PART, 'stray usage files after the next import', stray.length, 'files', 0),
    exactly(PART, "killed imports still 'running' after a restart", importsRunning?.n ?? -1, 'runs', 0),
  ];
}

/** Polls the public health endpoint until the new server answers at all (before anyone signs in). */
async function waitForHealth(target: Target, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = await fetch(`${target.baseUrl}/api/health`).then(
      (r) => r.arrayBuffer().then(() => r.status),
      () => 0,
    );
    if (status === 200) return;
    await new Promise((resolveSleep) => setTimeout(resolveSleep, 100));
  }
  throw new Error('the server did not become healthy');
}

async function runsStillRunning(cluster: CrashCluster): Promise<number> {
  const [row] = await cluster.query<{ n: number }>(
    "select count(*)::int as n from scoring_runs where status = 'running'",
  );
  return row?.n ?? -1;
}

/** POST /api/scoring/runs as the admin: the run's id, or null when refused (one is going). */
async function startScoringRunAs(target: Target, cookie: string): Promise<number | null> {
  const response = await fetch(`${target.baseUrl}/api/scoring/runs`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  }).catch(() => null);
  if (response?.status !== 202) {
    await response?.arrayBuffer();
    return null;
  }
  const body: unknown = await response.json();
  const runId: unknown = Reflect.get(Object(body), 'runId');
  return typeof runId === 'number' ? runId : null;
}

/** The screens' score reads: the list and one subscriber's score, as an agent. */
async function scoresReadable(target: Target, agent: SignedInAgent, subscriberId: number): Promise<boolean> {
  const paths = ['/api/scores?limit=5', `/api/subscribers/${subscriberId}/score`];
  for (const path of paths) {
    const response = await fetch(`${target.baseUrl}${path}`, { headers: { cookie: agent.cookie } }).catch(
      () => null,
    );
    await response?.arrayBuffer();
    if (response?.status !== 200) return false;
  }
  return true;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const short = process.argv.includes('--short');
  const figures = await runCrashProof({ short });
  console.log(formatFigures(figures));
  process.exitCode = figures.every((f) => f.pass || (short && f.timing)) ? 0 : 1;
}
