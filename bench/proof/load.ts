// Proof part 1, load: 200 agents at once on a 1M-subscriber operator on real PostgreSQL, each
// walking an agent's day — search their book, open a 360, claim the next call, read its briefing,
// save the disposition, log a contact — through the real server (`vipdesk start`, a child process)
// over loopback, one autocannon connection and one session cookie per agent. A warm-up is run and
// not counted. Per endpoint: req/s, p50, p95 (< 200 ms), p99 (< 500 ms), errors (< 0.1%: 5xx,
// socket errors, timeouts, and 4xx other than the documented race answers, which are counted apart
// and each checked against the database).
//
//   node bin/run-ts.js bench/proof/load.ts            1M subscribers, 200 agents, 15 s + 60 s
//   node bin/run-ts.js bench/proof/load.ts --short    20,000 subscribers, 20 agents, a few seconds
//   options: --fresh (rebuild the cached operator)  --think MS  --seconds N  --warmup N
import { cpus } from 'node:os';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { TARGETS } from '../support/console-load';
import { signInAll, startServer } from '../support/console-server';
import { log, vipdeskBin } from '../support/console-setup';
import { BENCH_PASSWORD } from '../support/console-staff';
import { type AgentLoadResult, createAgentLoad } from '../support/proof-load-client';
import { type CpuPerRequest, type CpuSample, cpuPerRequest, sampleCpu } from '../support/proof-load-cpu';
import { LOAD_TIME_ZONE, type LoadOperator, prepareLoadOperator } from '../support/proof-load-setup';
import { ENDPOINTS } from '../support/proof-load-steps';
import { atLeast, below, exactly, type Figure, formatFigures, type ProofOptions, timing } from './figures';

const PART = 'load';

export type LoadSettings = {
  subscribers: number;
  teams: number;
  agentsPerTeam: number;
  warmupSeconds: number;
  seconds: number;
  /** Mean pause of an agent between an answer and their next request. */
  thinkMs: number;
  cache: boolean;
  fresh: boolean;
};

/**
 * An agent pauses two seconds (±50%) between an answer and their next request: ~30 requests a
 * minute. A phone manager on the floor makes one call every five or six minutes (the plan's
 * handle time), about six requests each (claim, briefing, dial, outcome, a search or a 360), so the
 * 200 agents here ask ~30 times what a real floor of 200 would. Measured on the 2-core box the proof
 * runs on, this mix costs ~12 ms of CPU per request (server ~6, PostgreSQL ~5, load ~1): with a
 * one-second pause the 200 agents would ask for ~180 requests a second, ~2.2 cores' worth — more
 * than the box has, and every figure would measure the queue rather than the server.
 */
export const FULL: LoadSettings = {
  subscribers: 1_000_000,
  teams: 10,
  agentsPerTeam: 20,
  warmupSeconds: 15,
  seconds: 60,
  thinkMs: 2000,
  cache: true,
  fresh: false,
};

export const SHORT: LoadSettings = {
  subscribers: 20_000,
  teams: 2,
  agentsPerTeam: 10,
  warmupSeconds: 3,
  seconds: 8,
  thinkMs: 500,
  cache: true,
  fresh: false,
};

const fmtMs = (ms: number) => (Number.isFinite(ms) ? Number(ms.toFixed(ms < 10 ? 1 : 0)) : Number.NaN);

/** Race answers whose task the database shows cancelled by a "do not call" (the one race the loop can meet). */
async function explainedRaces(url: string, taskIds: readonly number[]): Promise<number> {
  if (taskIds.length === 0) return 0;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      `select count(*)::int as n from call_tasks
        where id = any($1::bigint[]) and status = 'cancelled' and closed_reason = 'do_not_call'`,
      [taskIds],
    );
    return result.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

function figuresOf(
  settings: LoadSettings,
  operator: LoadOperator,
  result: AgentLoadResult,
  explained: number,
): Figure[] {
  const agents = settings.teams * settings.agentsPerTeam;
  // The pace the agents would keep with instant answers, halved: below it the server held them up.
  const pace = (agents * 1000) / settings.thinkMs / 2;
  const figures: Figure[] = [
    atLeast(PART, 'operator size', operator.subscribers, 'subscribers', settings.subscribers),
    exactly(PART, 'agents, one connection and session each', result.connections, 'agents', agents),
    atLeast(PART, 'requests measured (all endpoints)', result.total.requests, 'requests', agents),
    timing(
      atLeast(PART, 'throughput (all endpoints)', Number(result.total.perSecond.toFixed(1)), 'req/s', pace),
    ),
  ];
  for (const e of result.endpoints) {
    const perSecond = Number(e.perSecond.toFixed(1));
    figures.push(
      timing(
        atLeast(
          PART,
          `${e.endpoint} req/s`,
          perSecond,
          'req/s',
          Number((pace / ENDPOINTS.length).toFixed(1)),
        ),
      ),
      timing(below(PART, `${e.endpoint} p50`, fmtMs(e.p50), 'ms', TARGETS.p95Ms)),
      timing(below(PART, `${e.endpoint} p95`, fmtMs(e.p95), 'ms', TARGETS.p95Ms)),
      timing(below(PART, `${e.endpoint} p99`, fmtMs(e.p99), 'ms', TARGETS.p99Ms)),
      below(
        PART,
        `${e.endpoint} errors`,
        Number((e.errorShare * 100).toFixed(3)),
        '%',
        TARGETS.errorShare * 100,
      ),
    );
  }
  const races = result.endpoints.reduce((sum, e) => sum + e.races, 0);
  const empty = result.endpoints.reduce((sum, e) => sum + e.empty, 0);
  figures.push(
    exactly(
      PART,
      'endpoints exercised',
      result.endpoints.filter((e) => e.requests > 0).length,
      'of 6',
      ENDPOINTS.length,
    ),
    exactly(PART, 'claims that found no call due', empty, '', 0),
    atLeast(PART, 'race answers (task cancelled by another agent first)', races, '', 0),
    exactly(PART, 'race answers the database does not explain', result.raceTaskIds.length - explained, '', 0),
    atLeast(
      PART,
      'writes acknowledged (dispositions + contacts)',
      result.acknowledged.dispositions + result.acknowledged.contacts,
      '',
      1,
    ),
  );
  return figures;
}

function printDetail(
  settings: LoadSettings,
  operator: LoadOperator,
  result: AgentLoadResult,
  cpu: CpuPerRequest | null,
): void {
  log(
    `${result.agents} agents on ${operator.subscribers.toLocaleString('en-US')} subscribers (PostgreSQL, ` +
      `${cpus().length} cores, server, database and load on one machine), think ${settings.thinkMs} ms, ` +
      `${settings.warmupSeconds}s warm-up excluded, ${result.seconds.toFixed(1)}s measured: ` +
      `${result.total.requests.toLocaleString('en-US')} requests, ${result.total.perSecond.toFixed(1)} req/s`,
  );
  for (const e of result.endpoints) {
    log(
      `  ${e.endpoint.padEnd(12)} ${String(e.requests).padStart(7)} req ${e.perSecond.toFixed(1).padStart(6)} req/s  ` +
        `p50 ${fmtMs(e.p50)}  p95 ${fmtMs(e.p95)}  p99 ${fmtMs(e.p99)}  max ${fmtMs(e.max)} ms  ` +
        `errors ${e.errors} (5xx ${e.serverErrors}, socket ${e.socketErrors})  races ${e.races}  ` +
        `${JSON.stringify(e.statusCounts)}`,
    );
  }
  log(
    `  acknowledged: ${result.acknowledged.dispositions} dispositions, ${result.acknowledged.contacts} contacts; ` +
      `calls due at the start: ${operator.tasksDue} (each agent owning ≥ ${operator.fewestOwned})`,
  );
  if (cpu) {
    log(
      `  CPU per request: server ${cpu.server.toFixed(2)} ms (busy ${(cpu.serverBusy * 100).toFixed(0)}% of a core), ` +
        `PostgreSQL ${cpu.postgres.toFixed(2)} ms, load generator ${cpu.load.toFixed(2)} ms`,
    );
  }
}

export async function runLoad(settings: LoadSettings): Promise<Figure[]> {
  const operator = await prepareLoadOperator(settings);
  let server: Awaited<ReturnType<typeof startServer>> | undefined;
  try {
    const began = performance.now();
    server = await startServer(vipdeskBin, operator.cluster.env);
    const cookies = await signInAll(
      server.baseUrl,
      operator.agents.map((a) => a.username),
      BENCH_PASSWORD,
    );
    log(
      `server up and ${cookies.size} agents signed in in ${((performance.now() - began) / 1000).toFixed(1)}s`,
    );
    const agents = operator.agents.map((a) => {
      const cookie = cookies.get(a.username);
      if (!cookie) throw new Error(`${a.username} is not signed in`);
      return { userId: a.id, cookie, book: a.book };
    });
    const load = createAgentLoad({
      baseUrl: server.baseUrl,
      agents,
      seconds: settings.seconds,
      warmupSeconds: settings.warmupSeconds,
      thinkMs: settings.thinkMs,
      timeZone: LOAD_TIME_ZONE,
    });
    const { pid } = server;
    const pgDir = operator.cluster.pgDir;
    let measuredFrom: CpuSample | null = null;
    const timer = setTimeout(() => {
      measuredFrom = sampleCpu(pid, pgDir);
    }, settings.warmupSeconds * 1000);
    const result = await load.done;
    clearTimeout(timer);
    const to = sampleCpu(pid, pgDir);
    const cpu = measuredFrom && to ? cpuPerRequest(measuredFrom, to, result.total.requests) : null;
    printDetail(settings, operator, result, cpu);
    const warnings = server.stderrTail().trim();
    if (warnings) log(`server stderr (last lines):\n${warnings.split('\n').slice(-10).join('\n')}`);
    const explained = await explainedRaces(operator.cluster.url, result.raceTaskIds);
    return figuresOf(settings, operator, result, explained);
  } finally {
    await server?.stop();
    operator.cluster.stop();
  }
}

/** The proof part `npm run proof` calls. */
export async function runLoadProof(options: ProofOptions): Promise<Figure[]> {
  return runLoad(options.short ? SHORT : FULL);
}

function parseArgs(argv: readonly string[]): LoadSettings {
  let settings = argv.includes('--short') ? { ...SHORT } : { ...FULL };
  const numeric: Record<string, keyof LoadSettings> = {
    '--think': 'thinkMs',
    '--seconds': 'seconds',
    '--warmup': 'warmupSeconds',
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--short') continue;
    if (arg === '--fresh') settings = { ...settings, fresh: true };
    else if (arg in numeric) {
      const value = Number(argv[++i]);
      const key = numeric[arg];
      if (!key || !Number.isFinite(value) || value < 0) throw new Error(`${arg} needs a number`);
      settings = { ...settings, [key]: value };
    } else
      throw new Error(
        `usage: load.ts [--short] [--fresh] [--think MS] [--seconds N] [--warmup N]; got ${arg}`,
      );
  }
  return settings;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await runLoad(parseArgs(process.argv.slice(2)));
  console.log(formatFigures(figures));
  const short = process.argv.includes('--short');
  process.exitCode = figures.some((f) => !f.pass && !(short && f.timing)) ? 1 : 0;
}
