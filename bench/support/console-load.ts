// A bounded local load run with autocannon (loopback only): a warm-up run whose figures are
// discarded, then the measured run. Every response's latency is recorded here, because
// autocannon's own histogram reports p90 and p97.5 but not the p95 the target is stated in.
import autocannon from 'autocannon';

export type Scenario = {
  name: string;
  connections: number;
  /** The next request's path and cookie; called once per request. */
  next(): { path: string; cookie: string };
};

export type LoadResult = {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** One connection, one request at a time, before the load: what a user sees on a quiet server. */
  idle: { requests: number; p50: number; p95: number };
  non2xx: number;
  errors: number;
  statusCounts: Record<string, number>;
};

export const TARGETS = { p95Ms: 200, p99Ms: 500, errorShare: 0.001 } as const;

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

async function runOnce(
  baseUrl: string,
  scenario: Scenario,
  bound: { seconds: number } | { amount: number; connections: number },
): Promise<{ latencies: number[]; statuses: Map<number, number>; errors: number; seconds: number }> {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const began = performance.now();
  const options: autocannon.Options = {
    url: baseUrl,
    ...('seconds' in bound
      ? { connections: scenario.connections, duration: bound.seconds }
      : { connections: bound.connections, amount: bound.amount }),
    timeout: 10,
    requests: [
      {
        method: 'GET',
        setupRequest: (request) => {
          const { path, cookie } = scenario.next();
          return { ...request, path, headers: { ...request.headers, cookie } };
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolveRun, reject) => {
    const instance = autocannon(options, (error, done) => (error ? reject(error) : resolveRun(done)));
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses.set(statusCode, (statuses.get(statusCode) ?? 0) + 1);
    });
  });
  return {
    latencies,
    statuses,
    errors: result.errors + result.timeouts,
    seconds: (performance.now() - began) / 1000,
  };
}

export async function runScenario(
  baseUrl: string,
  scenario: Scenario,
  options: { warmupSeconds: number; seconds: number; idleRequests: number },
): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await runOnce(baseUrl, scenario, { seconds: options.warmupSeconds });
  const quiet = await runOnce(baseUrl, scenario, { amount: options.idleRequests, connections: 1 });
  const quietSorted = Float64Array.from(quiet.latencies).sort();
  const run = await runOnce(baseUrl, scenario, { seconds: options.seconds });
  const sorted = Float64Array.from(run.latencies).sort();
  let non2xx = 0;
  const statusCounts: Record<string, number> = {};
  for (const [status, count] of [...run.statuses].sort((a, b) => a[0] - b[0])) {
    statusCounts[String(status)] = count;
    if (status < 200 || status > 299) non2xx += count;
  }
  return {
    name: scenario.name,
    connections: scenario.connections,
    seconds: run.seconds,
    requests: sorted.length,
    perSecond: sorted.length / run.seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
    idle: {
      requests: quietSorted.length,
      p50: percentile(quietSorted, 50),
      p95: percentile(quietSorted, 95),
    },
    non2xx,
    errors: run.errors,
    statusCounts,
  };
}

export function verdict(r: LoadResult): { p95: boolean; p99: boolean; errors: boolean; all: boolean } {
  const attempts = r.requests + r.errors;
  const failed = r.non2xx + r.errors;
  const p95 = r.p95 < TARGETS.p95Ms;
  const p99 = r.p99 < TARGETS.p99Ms;
  const errors = attempts > 0 && failed / attempts < TARGETS.errorShare;
  return { p95, p99, errors, all: p95 && p99 && errors };
}
