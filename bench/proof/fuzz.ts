// Proof part 4: API fuzzing from the OpenAPI document. Every operation of the generated document,
// as every role and as nobody, gets `numRuns` generated requests (about half valid with real ids
// of a seeded demo operator, half with one mutation); no answer may be a 5xx, break the declared
// responses, or let invalid input through without a 4xx naming the field.
//
//   node bin/run-ts.js bench/proof/fuzz.ts [--short] [--engine pglite|postgres|both] [--runs N]
//                                          [--workers N] [--only 'POST /api/plans,/forecasts'] [--verbose]
//
// Engines: PGlite in a temp directory (default); PostgreSQL from VIPDESK_FUZZ_DATABASE_URL (a server
// URL: a fresh database is created in it) or else a throwaway cluster. `npm run proof` fuzzes both
// (its short version PGlite only) unless VIPDESK_FUZZ_ENGINE names one.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import type { DbHandle } from '#src/db/client';
import { type FuzzReport, runFuzz } from '#test/fuzz/fuzz-runner';
import { createFuzzWorld, FUZZ_ROLES } from '#test/fuzz/fuzz-world';
import { atLeast, below, exactly, type Figure, formatFigures, type ProofPart, timing } from './figures';

const PART = 'fuzz';
/** Requests per operation and role: the issue's 500 in full; enough in CI to touch every kind of mutation. */
export const FULL_RUNS = 500;
export const SHORT_RUNS = 20;
/** The full run must finish well inside half an hour (≈ 400k requests). */
const FULL_RUN_MINUTES = 30;
/** The full run splits the operations over two processes: one per core of the proof machine. */
const DEFAULT_WORKERS = 2;

type Engine = 'pglite' | 'postgres';

export type FuzzProofOptions = {
  numRuns: number;
  engine: Engine;
  /** An empty PostgreSQL database for the postgres engine. */
  databaseUrl?: string;
  /** A migrated, empty database already open (tests pass theirs); the caller closes it. */
  handle?: DbHandle;
  only?: string;
  /**
   * Processes side by side, each with its own world and a share of the operations: PGlite runs in
   * the process, so one process uses one core. Default 1 (in this process).
   */
  workers?: number;
  log?: (line: string) => void;
};

type WorkerResult = { report: FuzzReport; documentOperations: number };

/** One fuzz run on one engine and its figures. */
export async function fuzzOnEngine(
  options: FuzzProofOptions,
): Promise<{ figures: Figure[]; report: FuzzReport }> {
  const { report, documentOperations } =
    (options.workers ?? 1) > 1
      ? await fuzzInWorkers(options)
      : await fuzzHere(options, { index: 0, count: 1 });
  const expected = options.only ? report.operations : documentOperations;
  return { figures: figuresOf(report, options, expected), report };
}

async function fuzzHere(
  options: FuzzProofOptions,
  shard: { index: number; count: number },
): Promise<WorkerResult> {
  const log = options.log ?? (() => undefined);
  let database: { url: string; drop(): Promise<void> } | undefined = options.databaseUrl
    ? { url: options.databaseUrl, drop: async () => undefined }
    : undefined;
  if (options.engine === 'postgres' && !database && !options.handle)
    database = await freshPostgresDatabase(log);
  const started = performance.now();
  const world = await createFuzzWorld(
    options.handle ? { handle: options.handle } : database ? { databaseUrl: database.url } : {},
  );
  log(`[fuzz] ${options.engine}: demo world ready in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  try {
    const documentOperations = Object.values(
      (world.app.swagger() as { paths: Record<string, object> }).paths,
    ).reduce((n, item) => n + Object.keys(item).length, 0);
    const only = options.only;
    const report = await runFuzz(world, {
      numRuns: options.numRuns,
      shard,
      ...(only ? { only: (key: string) => only.split(',').some((part) => key.includes(part)) } : {}),
      log,
    });
    return { report, documentOperations };
  } finally {
    await world.close();
    await database?.drop();
  }
}

/** The same run split over child processes (this file with --worker k/n), reports merged. */
async function fuzzInWorkers(options: FuzzProofOptions): Promise<WorkerResult> {
  const count = options.workers ?? 2;
  const log = options.log ?? (() => undefined);
  const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-fuzz-workers-'));
  // One PostgreSQL server for all workers; each creates its own database in it.
  const server = options.engine === 'postgres' ? await postgresServer(log) : undefined;
  try {
    const results = await Promise.all(
      Array.from({ length: count }, async (_, index) => {
        const file = join(scratch, `worker-${index}.json`);
        const args = [
          resolve('bin/run-ts.js'),
          fileURLToPath(import.meta.url),
          '--worker',
          `${index}/${count}`,
        ];
        args.push('--engine', options.engine, '--runs', String(options.numRuns), '--report-file', file);
        if (options.only) args.push('--only', options.only);
        const env = { ...process.env, ...(server ? { VIPDESK_FUZZ_DATABASE_URL: server.url } : {}) };
        await new Promise<void>((done, fail) => {
          const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'inherit'] });
          child.stdout.on('data', (chunk: Buffer) => {
            for (const line of chunk.toString().split('\n').filter(Boolean)) log(`[worker ${index}] ${line}`);
          });
          child.on('exit', (code) =>
            code === 0 ? done() : fail(new Error(`fuzz worker ${index} exited with ${code}`)),
          );
        });
        return JSON.parse(readFileSync(file, 'utf8')) as WorkerResult;
      }),
    );
    return {
      report: mergeReports(results.map((r) => r.report)),
      documentOperations: results[0]?.documentOperations ?? 0,
    };
  } finally {
    server?.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

function mergeReports(reports: FuzzReport[]): FuzzReport {
  const sum = (pick: (r: FuzzReport) => number) => reports.reduce((n, r) => n + pick(r), 0);
  const counts = { ...(reports[0] as FuzzReport).counts };
  for (const key of Object.keys(counts) as (keyof typeof counts)[]) counts[key] = sum((r) => r.counts[key]);
  return {
    operations: sum((r) => r.operations),
    pairs: sum((r) => r.pairs),
    requests: sum((r) => r.requests),
    validRequests: sum((r) => r.validRequests),
    invalidRequests: sum((r) => r.invalidRequests),
    minRequestsPerPair: Math.min(...reports.map((r) => r.minRequestsPerPair)),
    counts,
    failures: reports.flatMap((r) => r.failures),
    notes: [...new Set(reports.flatMap((r) => r.notes))],
    generatorDisagreements: sum((r) => r.generatorDisagreements),
    validAnswered2xx: sum((r) => r.validAnswered2xx),
    operationsWith2xx: sum((r) => r.operationsWith2xx),
    operationsWithout2xx: reports.flatMap((r) => r.operationsWithout2xx),
    validStatuses: Object.assign({}, ...reports.map((r) => r.validStatuses)),
    validRefusalExamples: Object.assign({}, ...reports.map((r) => r.validRefusalExamples)),
    otherField: sum((r) => r.otherField),
    otherFieldExamples: reports.flatMap((r) => r.otherFieldExamples),
    sessionsReopened: sum((r) => r.sessionsReopened),
    // Side by side: the run took as long as its slowest worker.
    seconds: Math.max(...reports.map((r) => r.seconds)),
  };
}

function figuresOf(report: FuzzReport, options: FuzzProofOptions, documentOperations: number): Figure[] {
  const on = (name: string) => `${name} [${options.engine}]`;
  const breaks =
    report.counts['undeclared status'] +
    report.counts['undeclared media type'] +
    report.counts['schema break'];
  const unrefused =
    report.counts['invalid input accepted'] + report.counts['invalid input without field path'];
  const minutes = report.seconds / 60;
  return [
    exactly(PART, on('operations fuzzed'), report.operations, '', documentOperations),
    atLeast(
      PART,
      on('requests sent'),
      report.requests,
      '',
      report.operations * FUZZ_ROLES.length * options.numRuns,
    ),
    atLeast(PART, on('min requests per operation × role'), report.minRequestsPerPair, '', options.numRuns),
    atLeast(PART, on('invalid requests sent'), report.invalidRequests, '', 1),
    exactly(PART, on('5xx responses'), report.counts['server error'], '', 0),
    exactly(PART, on('responses breaking their declared schema'), breaks, '', 0),
    exactly(PART, on('invalid requests without 4xx + field path'), unrefused, '', 0),
    timing(atLeast(PART, on('requests per second'), Math.round(report.requests / report.seconds), '/s', 0)),
    timing(below(PART, on('fuzz duration'), Number(minutes.toFixed(2)), 'min', FULL_RUN_MINUTES)),
  ];
}

/** Prints what a reader needs to fix a failure: the notes, the counts, and the first failures whole. */
export function printReport(report: FuzzReport, engine: Engine, show = 8, verbose = false): void {
  console.log(
    `\nfuzz on ${engine}: ${report.requests} requests (${report.validRequests} valid, ${report.invalidRequests} invalid) in ${report.seconds.toFixed(0)} s`,
  );
  for (const note of report.notes) console.log(`  note: ${note}`);
  console.log(
    `  reach: ${report.validAnswered2xx} valid requests answered 2xx; ${report.operationsWith2xx} of ${report.operations} operations answered 2xx at least once` +
      (report.operationsWithout2xx.length ? '; never:' : ''),
  );
  for (const key of report.operationsWithout2xx) {
    console.log(`    ${key}: valid requests answered ${JSON.stringify(report.validStatuses[key] ?? {})}`);
    const refusal = report.validRefusalExamples[key];
    if (refusal && verbose) console.log(`      e.g. ${refusal}`);
  }
  if (report.generatorDisagreements)
    console.log(
      `  generator: ${report.generatorDisagreements} "valid" requests the document refuses (treated as valid)`,
    );
  if (report.otherField) {
    console.log(
      `  ${report.otherField} invalid requests were refused naming another field than the mutated one (a rule the document cannot express broke first), e.g.:`,
    );
    for (const example of report.otherFieldExamples.slice(0, 3)) console.log(`    ${example}`);
  }
  if (report.sessionsReopened)
    console.log(`  sessions: ${report.sessionsReopened} actor sessions found ended and reopened`);
  const counted = Object.entries(report.counts).filter(([, n]) => n > 0);
  if (counted.length === 0) return;
  console.log(`  failures: ${counted.map(([kind, n]) => `${kind} ${n}`).join(', ')}`);
  const seen = new Set<string>();
  let shown = 0;
  for (const failure of report.failures) {
    const key = `${failure.kind} ${failure.operation}`;
    if (seen.has(key) || shown >= show) continue;
    seen.add(key);
    shown++;
    console.log(
      `\n  ✗ ${failure.kind}: ${failure.operation} as ${failure.role} → ${failure.status}: ${failure.detail}`,
    );
    console.log(`    request:  ${JSON.stringify(failure.request)}`);
    console.log(`    response: ${failure.response}`);
  }
}

/** A PostgreSQL server: VIPDESK_FUZZ_DATABASE_URL, or a throwaway cluster stopped by `stop`. */
async function postgresServer(log: (line: string) => void): Promise<{ url: string; stop(): void }> {
  const given = process.env.VIPDESK_FUZZ_DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  const scratch = mkdtempSync(join(tmpdir(), 'vipdesk-fuzz-pg-'));
  chmodSync(scratch, 0o755);
  const script = resolve('scripts/throwaway-postgres.sh');
  const url = execFileSync(script, ['start', join(scratch, 'pg')], { encoding: 'utf8' }).trim();
  log('[fuzz] throwaway PostgreSQL cluster started');
  return {
    url,
    stop: () => {
      execFileSync(script, ['stop', join(scratch, 'pg')]);
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** A new empty database on the server (dropped with the server's own stop when it is throwaway). */
async function freshPostgresDatabase(
  log: (line: string) => void,
): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await postgresServer(log);
  const name = `vipdesk_fuzz_${process.pid}_${Date.now()}`;
  await adminQuery(server.url, `CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await adminQuery(server.url, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      server.stop();
    },
  };
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function enginesFrom(value: string | undefined): Engine[] {
  if (!value || value === 'pglite') return ['pglite'];
  if (value === 'postgres') return ['postgres'];
  if (value === 'both') return ['pglite', 'postgres'];
  throw new Error(`engine must be pglite, postgres or both; got ${value}`);
}

export const runFuzzProof: ProofPart = async ({ short }) => {
  const figures: Figure[] = [];
  // Full: both engines the product runs on; short (CI): PGlite, the PostgreSQL run costs minutes.
  for (const engine of enginesFrom(process.env.VIPDESK_FUZZ_ENGINE ?? (short ? 'pglite' : 'both'))) {
    const run = await fuzzOnEngine({
      numRuns: short ? SHORT_RUNS : FULL_RUNS,
      engine,
      workers: short ? 1 : DEFAULT_WORKERS,
      log: console.log,
    });
    printReport(run.report, engine);
    figures.push(...run.figures);
  }
  return figures;
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const option = (flag: string) => {
    const at = args.indexOf(flag);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const short = args.includes('--short');
  const runs = Number(option('--runs') ?? (short ? SHORT_RUNS : FULL_RUNS));
  const only = option('--only');
  const worker = option('--worker');
  if (worker) {
    // A worker of fuzzInWorkers: its share of the operations, the report into a file.
    const [index, count] = worker.split('/').map(Number);
    const engine = enginesFrom(option('--engine'))[0] as Engine;
    const result = await fuzzHere(
      { numRuns: runs, engine, ...(only ? { only } : {}), log: console.log },
      {
        index: index ?? 0,
        count: count ?? 1,
      },
    );
    writeFileSync(option('--report-file') ?? 'fuzz-worker.json', JSON.stringify(result));
  } else {
    const workers = Number(option('--workers') ?? (short ? 1 : DEFAULT_WORKERS));
    const figures: Figure[] = [];
    for (const engine of enginesFrom(option('--engine') ?? process.env.VIPDESK_FUZZ_ENGINE)) {
      const run = await fuzzOnEngine({
        numRuns: runs,
        engine,
        workers,
        ...(only ? { only } : {}),
        log: console.log,
      });
      printReport(run.report, engine, 40, args.includes('--verbose'));
      figures.push(...run.figures);
    }
    console.log(`\n${formatFigures(figures)}`);
    process.exitCode = figures.some((f) => !f.pass && !(short && f.timing)) ? 1 : 0;
  }
}
