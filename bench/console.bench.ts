// npm run bench:console — the console's server response times at 1M subscribers, in one run:
//   the subscriber 360 (GET /api/subscribers/:id/360) as agents, each on their own book, and the
//   subscriber search (GET /api/subscribers) as agents (book scope), a team lead (team scope) and an
//   admin (all subscribers): number suffix, name prefix, tier, risk band, signal and city.
// Setup (not timed against the target): a throwaway PostgreSQL cluster; the scoring benchmark's
// synthetic operator (bench/support/generate-scoring-files.ts, cached in .bench/score/) through the
// real `vipdesk migrate | import | score`; 10 teams × 20 agents with a lead each and one admin; every
// non-group subscriber in one agent's book (~4,400 each at 1M); VACUUM ANALYZE. Then the real
// server (`vipdesk start`) as a child process, everyone signed in through POST /api/auth/sign-in,
// and a small local autocannon load per scenario (loopback; warm-up excluded). Last, EXPLAIN
// (ANALYZE, BUFFERS) of each search shape exactly as findSubscriberPage sends it.
// Targets per scenario: p95 < 200 ms, p99 < 500 ms, errors (non-2xx + socket errors) < 0.1%.
//
//   npm run bench:console                                1,000,000 subscribers
//   npm run bench:console -- --subscribers 20000         a quick smoke run
//   options: --seconds 20 (measured, per scenario)  --warmup 5  --connections 20 (360)  --search-connections 10
import { cpus } from 'node:os';
import { CITIES } from '#src/features/demo/places';
import { type ExplainedShape, explainSearches, type SearchShape, totalMs } from './support/console-explain';
import { type LoadResult, runScenario, type Scenario, TARGETS, verdict } from './support/console-load';
import { getJson, type Server, signInAll, startServer } from './support/console-server';
import { type Cluster, loadOperator, log, startCluster, vipdeskBin } from './support/console-setup';
import { ADMIN_USERNAME, BENCH_PASSWORD, createStaff, vacuumAnalyze } from './support/console-staff';

const TEAMS = 10;
const AGENTS_PER_TEAM = 20;
const SURNAMES = [...'王李张刘陈'];
/** Requests of the one-connection pass each scenario starts with (after its warm-up). */
const IDLE_REQUESTS = 100;

type Options = {
  subscribers: number;
  seconds: number;
  warmup: number;
  connections: number;
  searchConnections: number;
};

function parseOptions(argv: readonly string[]): Options {
  const options: Options = {
    subscribers: 1_000_000,
    seconds: 20,
    warmup: 5,
    connections: 20,
    searchConnections: 10,
  };
  const keys: Record<string, keyof Options> = {
    '--subscribers': 'subscribers',
    '--seconds': 'seconds',
    '--warmup': 'warmup',
    '--connections': 'connections',
    '--search-connections': 'searchConnections',
  };
  for (let i = 0; i < argv.length; i += 2) {
    const key = keys[argv[i] ?? ''];
    const value = Number((argv[i + 1] ?? '').replaceAll('_', ''));
    if (!key || !Number.isInteger(value) || value < 0) {
      throw new Error(
        `usage: console.bench.ts [${Object.keys(keys).join(' N] [')} N]; got ${argv.join(' ')}`,
      );
    }
    options[key] = value;
  }
  if (options.subscribers < 1000) throw new Error('--subscribers must be at least 1000');
  return options;
}

/** mulberry32: a small seeded generator, so two runs ask for the same subscribers. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(items: readonly T[], random: () => number): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('pick from an empty list');
  return item;
}

const digits4 = (random: () => number) => String(Math.floor(random() * 10_000)).padStart(4, '0');
const searchPath = (query: Record<string, string>) =>
  `/api/subscribers?${new URLSearchParams({ ...query, lang: 'zh-CN' }).toString()}`;

const fmtMs = (ms: number) => (Number.isFinite(ms) ? ms.toFixed(ms < 10 ? 1 : 0) : '–');
const fmtInt = (n: number) => Math.round(n).toLocaleString('en-US');
const passFail = (ok: boolean) => (ok ? 'PASS' : 'FAIL');

type Cookies = { agents: { id: number; cookie: string }[]; lead: string; admin: string; leadTeam: number };

function scenarios(
  options: Options,
  cookies: Cookies,
  books: Map<number, number[]>,
): { scenario: Scenario; shape?: SearchShape }[] {
  const random = seeded(20261123);
  const agents = cookies.agents.filter((a) => (books.get(a.id)?.length ?? 0) > 0);
  if (agents.length === 0) throw new Error('no agent has a book');
  const firstAgent = agents[0];
  if (!firstAgent) throw new Error('no agent');
  const agentSearch = (name: string, query: () => Record<string, string>, shape: Record<string, string>) => ({
    scenario: {
      name,
      connections: options.searchConnections,
      next: () => ({ path: searchPath(query()), cookie: pick(agents, random).cookie }),
    },
    shape: { name, scope: { kind: 'book', agentUserId: firstAgent.id } as const, query: shape },
  });
  const adminSearch = (name: string, query: () => Record<string, string>, shape: Record<string, string>) => ({
    scenario: {
      name,
      connections: options.searchConnections,
      next: () => ({ path: searchPath(query()), cookie: cookies.admin }),
    },
    shape: { name, scope: { kind: 'all' } as const, query: shape },
  });
  const smallestCity = [...CITIES].sort((a, b) => a.population - b.population)[0]?.name ?? '镇江市';
  return [
    {
      scenario: {
        name: 'agent · 360 of own-book subscriber',
        connections: options.connections,
        next: () => {
          const agent = pick(agents, random);
          const id = pick(books.get(agent.id) ?? [], random);
          return { path: `/api/subscribers/${id}/360?lang=zh-CN`, cookie: agent.cookie };
        },
      },
    },
    agentSearch('agent · search q=<4 digits>', () => ({ q: digits4(random) }), { q: '0427' }),
    agentSearch('agent · search q=<surname>', () => ({ q: pick(SURNAMES, random) }), { q: '王' }),
    {
      scenario: {
        name: 'lead · search tier=churn_warning',
        connections: options.searchConnections,
        next: () => ({ path: searchPath({ tier: 'churn_warning' }), cookie: cookies.lead }),
      },
      shape: {
        name: 'lead · search tier=churn_warning',
        scope: { kind: 'team', teamId: cookies.leadTeam },
        query: { tier: 'churn_warning' },
      },
    },
    adminSearch('admin · search q=<4 digits>', () => ({ q: digits4(random) }), { q: '0427' }),
    adminSearch('admin · search q=<surname>', () => ({ q: pick(SURNAMES, random) }), { q: '王' }),
    adminSearch('admin · tier=churn_warning', () => ({ tier: 'churn_warning' }), { tier: 'churn_warning' }),
    adminSearch('admin · riskBand=high', () => ({ riskBand: 'high' }), { riskBand: 'high' }),
    adminSearch('admin · signal=USAGE_DROP', () => ({ signal: 'USAGE_DROP' }), { signal: 'USAGE_DROP' }),
    adminSearch('admin · city=<random city>', () => ({ city: pick(CITIES, random).name }), {
      city: smallestCity,
    }),
  ];
}

/** One 360 as a sanity check: it answers, and it carries a real score from the scoring run. */
async function check360(server: Server, cookies: Cookies, books: Map<number, number[]>): Promise<void> {
  const agent = cookies.agents.find((a) => (books.get(a.id)?.length ?? 0) > 0);
  const id = agent ? books.get(agent.id)?.[0] : undefined;
  if (!agent || id === undefined) throw new Error('no agent with a book');
  const body = await getJson(server.baseUrl, `/api/subscribers/${id}/360?lang=zh-CN`, agent.cookie);
  const score =
    typeof body === 'object' && body !== null && 'score' in body ? (body as { score: unknown }).score : null;
  if (typeof score !== 'object' || score === null) throw new Error(`the 360 of ${id} has no score`);
  const s = score as Record<string, unknown>;
  log(
    `360 check: subscriber ${id} probability ${String(s.probability)}, risk band ${String(s.riskBand)}, ` +
      `tier ${String(s.tier)}, ${JSON.stringify(body).length.toLocaleString('en-US')} bytes of JSON`,
  );
}

function explainedMs(explained: readonly ExplainedShape[], name: string): number | null {
  const shape = explained.find((e) => e.name === name);
  return shape ? Number(totalMs(shape).toFixed(2)) : null;
}

function printResult(r: LoadResult): void {
  const v = verdict(r);
  log(
    `${r.name.padEnd(38)} ${fmtInt(r.requests).padStart(7)} req ${r.perSecond.toFixed(1).padStart(7)} req/s  ` +
      `p50 ${fmtMs(r.p50).padStart(5)}  p95 ${fmtMs(r.p95).padStart(5)}  p99 ${fmtMs(r.p99).padStart(5)} ms  ` +
      `non-2xx ${r.non2xx} errors ${r.errors}  ${passFail(v.all)}  ${JSON.stringify(r.statusCounts)}  ` +
      `idle (1 conn) p50 ${fmtMs(r.idle.p50)} p95 ${fmtMs(r.idle.p95)} ms`,
  );
}

function printTable(options: Options, results: LoadResult[], explained: ExplainedShape[]): void {
  console.log(
    `\nConsole response times at ${fmtInt(options.subscribers)} subscribers (PostgreSQL, ${cpus().length} cores, ` +
      `autocannon on loopback in the same machine; ${options.warmup}s warm-up excluded, ${options.seconds}s measured)`,
  );
  const header = [
    'scenario',
    'conns',
    'requests',
    'req/s',
    'p50 ms',
    `p95 ms (< ${TARGETS.p95Ms})`,
    `p99 ms (< ${TARGETS.p99Ms})`,
    'non-2xx',
    `errors (< ${TARGETS.errorShare * 100}%)`,
    'EXPLAIN ms',
    'idle p50 / p95 ms',
    'verdict',
  ];
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`);
  for (const r of results) {
    const v = verdict(r);
    const ms = explainedMs(explained, r.name);
    const failed = r.non2xx + r.errors;
    const share = r.requests + r.errors > 0 ? (100 * failed) / (r.requests + r.errors) : 0;
    console.log(
      `| ${[
        r.name,
        String(r.connections),
        fmtInt(r.requests),
        r.perSecond.toFixed(1),
        fmtMs(r.p50),
        `${fmtMs(r.p95)} ${passFail(v.p95)}`,
        `${fmtMs(r.p99)} ${passFail(v.p99)}`,
        String(r.non2xx),
        `${share.toFixed(2)}% ${passFail(v.errors)}`,
        ms === null ? '–' : ms.toFixed(1),
        `${fmtMs(r.idle.p50)} / ${fmtMs(r.idle.p95)}`,
        passFail(v.all),
      ].join(' | ')} |`,
    );
  }
  console.log(
    `Closed-loop load: each connection sends its next request as soon as the last answers, so under load ` +
      `latency ≈ connections ÷ throughput (p95 < ${TARGETS.p95Ms} ms with 20 connections needs ≳ 100 req/s). ` +
      `idle: ${IDLE_REQUESTS} requests on one connection right before the measured run.`,
  );
  console.log(
    'EXPLAIN ms: page + capped count statements of that search shape, one request on an idle server ' +
      '(agent: the first agent, 4 digits 0427, surname 王; city: the smallest city).',
  );
}

function printPlans(results: LoadResult[], explained: ExplainedShape[]): void {
  const slowest = [...explained].sort((a, b) => totalMs(b) - totalMs(a))[0];
  const slowUnderLoad = results.filter((r) => !verdict(r).p95).map((r) => r.name);
  for (const shape of explained) {
    if (shape !== slowest && !slowUnderLoad.includes(shape.name)) continue;
    console.log(
      `\nEXPLAIN (ANALYZE, BUFFERS) — ${shape.name} ${JSON.stringify(shape.query)}` +
        `${shape === slowest ? ' (slowest shape)' : ''}${slowUnderLoad.includes(shape.name) ? ' (p95 over target)' : ''}`,
    );
    for (const statement of shape.statements) {
      console.log(`-- ${statement.executionMs.toFixed(2)} ms; params ${JSON.stringify(statement.params)}`);
      console.log(statement.sql);
      console.log(statement.plan);
    }
  }
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  log(
    `console benchmark: ${fmtInt(options.subscribers)} subscribers, ${TEAMS * AGENTS_PER_TEAM} agents in ${TEAMS} teams`,
  );
  let cluster: Cluster | undefined;
  let server: Server | undefined;
  const cleanUp = async () => {
    await server?.stop();
    cluster?.stop();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void cleanUp().finally(() => process.exit(130));
    });
  }
  try {
    cluster = startCluster();
    const load = await loadOperator(options.subscribers, cluster.env);
    if (!load.scored) throw new Error('the scoring run scored nobody');
    let began = performance.now();
    const staff = await createStaff(cluster.url, TEAMS, AGENTS_PER_TEAM);
    const sizes = [...staff.books.values()].map((b) => b.length);
    log(
      `setup  staff and books      ${((performance.now() - began) / 1000).toFixed(1).padStart(6)}s  ` +
        `${staff.agents.length} agents, ${staff.leads.length} leads, 1 admin; ${fmtInt(staff.assigned)} assigned, ` +
        `book size ${Math.min(...sizes)}–${Math.max(...sizes)}`,
    );
    began = performance.now();
    await vacuumAnalyze(cluster.url);
    log(`setup  vacuum analyze       ${((performance.now() - began) / 1000).toFixed(1).padStart(6)}s`);

    began = performance.now();
    server = await startServer(vipdeskBin, cluster.env);
    log(`server started in ${((performance.now() - began) / 1000).toFixed(1)}s at ${server.baseUrl}`);
    began = performance.now();
    const lead = staff.leads[0];
    if (!lead) throw new Error('no lead');
    const usernames = [ADMIN_USERNAME, lead.username, ...staff.agents.map((a) => a.username)];
    const signedIn = await signInAll(server.baseUrl, usernames, BENCH_PASSWORD);
    log(`${signedIn.size} people signed in in ${((performance.now() - began) / 1000).toFixed(1)}s`);
    const cookieOf = (username: string) => {
      const cookie = signedIn.get(username);
      if (!cookie) throw new Error(`${username} is not signed in`);
      return cookie;
    };
    const cookies: Cookies = {
      agents: staff.agents.map((a) => ({ id: a.id, cookie: cookieOf(a.username) })),
      lead: cookieOf(lead.username),
      leadTeam: lead.teamId,
      admin: cookieOf(ADMIN_USERNAME),
    };
    await check360(server, cookies, staff.books);

    const plan = scenarios(options, cookies, staff.books);
    const results: LoadResult[] = [];
    for (const { scenario } of plan) {
      const result = await runScenario(server.baseUrl, scenario, {
        warmupSeconds: options.warmup,
        seconds: options.seconds,
        idleRequests: IDLE_REQUESTS,
      });
      results.push(result);
      printResult(result);
    }
    const warnings = server.stderrTail().trim();
    if (warnings) log(`server stderr (last lines):\n${warnings.split('\n').slice(-10).join('\n')}`);

    log('EXPLAIN (ANALYZE, BUFFERS) of each search shape …');
    const shapes = plan.flatMap((p) => (p.shape ? [p.shape] : []));
    const explained = await explainSearches(cluster.url, shapes);
    printTable(options, results, explained);
    printPlans(results, explained);
    console.log(
      JSON.stringify({
        bench: 'console',
        subscribers: options.subscribers,
        scored: load.scored,
        setupSeconds: Object.fromEntries(load.stages.map((s) => [s.label, Number(s.seconds.toFixed(1))])),
        results: results.map((r) => ({
          ...r,
          explainMs: explainedMs(explained, r.name),
          verdict: passFail(verdict(r).all),
        })),
      }),
    );
    if (results.some((r) => !verdict(r).all)) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

await main();
