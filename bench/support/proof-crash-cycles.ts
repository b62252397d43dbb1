// The crash proof's fault cycles, under the agents' load: kill -9 of the server (then a new server
// process, timed to its first authenticated, database-backed answer) and, separately, an immediate
// stop of PostgreSQL while the server keeps running (then PostgreSQL again, timed from accepting
// connections to the server's first 200; the server must still be the same process). Meanwhile each
// agent keeps sending its unanswered write with the same key until it is answered.
import type { RunStage } from '#src/features/scoring/runs/run-progress';
import type { Random } from '#src/ml/random';
import { log } from './console-setup';
import type { SignedInAgent, Target } from './proof-crash-agents';
import type { CrashCluster } from './proof-crash-cluster';
import { type CrashServer, type ServerOptions, spawnServer } from './proof-crash-server';

export type FaultKind = 'kill-app' | 'stop-postgres';

export type CycleReport = {
  kind: FaultKind;
  /** How long the load ran before the fault. */
  loadMs: number;
  /** PostgreSQL's time down (stop-postgres only). */
  downMs: number;
  /** kill-app: kill to the new process's first 200. stop-postgres: PostgreSQL up to the app's first 200. */
  recoveryMs: number;
  /** stop-postgres: the server process died during the outage (it must not). */
  appCrashed: boolean;
  /** stop-postgres: a scoring run (its run lock on a dedicated connection) was going when PostgreSQL stopped. */
  scoringRunMetOutage: boolean;
};

export type CycleContext = {
  cluster: CrashCluster;
  serverOptions: ServerOptions;
  /** The server now running; replaced after a kill. */
  server: { current: CrashServer };
  target: Target;
  agents: readonly SignedInAgent[];
  random: Random;
  /** Load before each fault, ms [min, max). */
  loadMs: readonly [number, number];
  /** PostgreSQL's time down in a stop cycle, ms [min, max). */
  outageMs: readonly [number, number];
  /** What the server wrote before it died on its own, for the report. */
  crashes: string[];
  /**
   * Starts a scoring run in the server (POST /api/scoring/runs) and returns its id, so an outage
   * meets a run holding its lock on a dedicated connection; null when the server refused.
   */
  startScoringRun?: () => Promise<number | null>;
};

const sleep = (ms: number) => new Promise((resolveSleep) => setTimeout(resolveSleep, ms));
const between = (random: Random, [min, max]: readonly [number, number]) => min + random() * (max - min);

/**
 * Polls an authenticated request that needs the database (the agent's queue: session lookup, expired
 * claims released, the queue query) until it answers 200; resolves with that moment.
 */
export async function waitForApp(target: Target, agent: SignedInAgent, timeoutMs = 120_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${target.baseUrl}/api/queue`, {
        headers: { cookie: agent.cookie },
        signal: AbortSignal.timeout(2_000),
      });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet, or reset: try again
    }
    await sleep(50);
  }
  throw new Error(`the server did not answer an authenticated request within ${timeoutMs / 1000}s`);
}

/** waitForApp for a server just started: one that exits instead of answering fails with its output. */
export async function waitForServer(
  server: CrashServer,
  target: Target,
  agent: SignedInAgent,
): Promise<number> {
  const answered = await Promise.race([waitForApp(target, agent), server.exited.then(() => null)]);
  if (answered === null) {
    throw new Error(
      `the server exited before answering: ${JSON.stringify(server.exit())}\n${server.outputTail()}`,
    );
  }
  return answered;
}

/** A seeded order of `count` faults of each kind, interleaved. */
export function faultPlan(count: number, random: Random): FaultKind[] {
  const plan: FaultKind[] = [];
  for (let i = 0; i < count; i++) plan.push('kill-app', 'stop-postgres');
  for (let i = plan.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const a = plan[i];
    const b = plan[j];
    if (a === undefined || b === undefined) continue;
    plan[i] = b;
    plan[j] = a;
  }
  return plan;
}

/** The stages a scoring run goes through before it publishes, in order. */
const RUN_STAGES: readonly RunStage[] = ['starting', 'model', 'features', 'scoring', 'writing'];

/**
 * Lets the load run before the fault, and returns for how long. With a scoring run started for
 * this cycle, the fault comes early once the run reaches a stage drawn at random: the short
 * proof's small operator scores in about a second, and outages that always came after the run had
 * published would prove nothing about the runs they interrupt.
 */
async function loadBeforeFault(ctx: CycleContext, runId: number | null): Promise<number> {
  const began = performance.now();
  const until = began + between(ctx.random, ctx.loadMs);
  if (runId === null) {
    await sleep(until - began);
    return until - began;
  }
  const aim = Math.floor(ctx.random() * RUN_STAGES.length);
  while (performance.now() < until) {
    const [run] = await ctx.cluster.query<{ status: string; stage: RunStage }>(
      'select status, stage from scoring_runs where id = $1',
      [runId],
    );
    if (run?.status !== 'running' || RUN_STAGES.indexOf(run.stage) >= aim) break;
    await sleep(50);
  }
  return performance.now() - began;
}

export async function runCycle(ctx: CycleContext, kind: FaultKind): Promise<CycleReport> {
  const firstAgent = ctx.agents[0];
  if (!firstAgent) throw new Error('no agents');
  const runId = kind === 'stop-postgres' && ctx.startScoringRun ? await ctx.startScoringRun() : null;
  const loadMs = await loadBeforeFault(ctx, runId);
  let downMs = 0;
  let recoveryMs: number;
  let appCrashed = false;
  let scoringRunMetOutage = false;
  if (kind === 'kill-app') {
    const killedAt = performance.now();
    await ctx.server.current.killHard();
    ctx.server.current = spawnServer(ctx.serverOptions);
    recoveryMs = (await waitForServer(ctx.server.current, ctx.target, firstAgent)) - killedAt;
  } else {
    const server = ctx.server.current;
    if (runId !== null) {
      const [run] = await ctx.cluster.query<{ status: string }>(
        'select status from scoring_runs where id = $1',
        [runId],
      );
      scoringRunMetOutage = run?.status === 'running';
    }
    const stoppedAt = performance.now();
    await ctx.cluster.stopImmediately();
    await sleep(between(ctx.random, ctx.outageMs));
    await ctx.cluster.restart();
    const upAt = performance.now();
    downMs = upAt - stoppedAt;
    // Give a dying process a moment to be noticed before asking whether it is still there.
    const answeredAt = await Promise.race([
      waitForApp(ctx.target, firstAgent),
      server.exited.then(() => null),
    ]);
    appCrashed = server.exit() !== null;
    if (appCrashed || answeredAt === null) {
      ctx.crashes.push(server.outputTail());
      log(`crash  the server died during a PostgreSQL outage: ${JSON.stringify(server.exit())}`);
      ctx.server.current = spawnServer(ctx.serverOptions);
      recoveryMs = (await waitForServer(ctx.server.current, ctx.target, firstAgent)) - upAt;
    } else {
      recoveryMs = answeredAt - upAt;
    }
  }
  return { kind, loadMs, downMs, recoveryMs, appCrashed, scoringRunMetOutage };
}
