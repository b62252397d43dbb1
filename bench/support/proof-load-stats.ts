// Per-endpoint figures of an agent load: every answer's latency (exact percentiles, which
// autocannon's histogram does not give for p95), its status, and how it counts — ok, a documented
// race answer, an empty claim, or an error. Only requests sent after the warm-up are counted.
import { percentile } from './console-load';
import { ENDPOINTS, type Endpoint, type Verdict } from './proof-load-steps';

export type EndpointFigures = {
  endpoint: Endpoint;
  /** Answers received (any status). */
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** Unexpected non-2xx answers (5xx, and 4xx that are not a race answer) plus socket errors and timeouts. */
  errors: number;
  /** errors ÷ (answers + socket errors). */
  errorShare: number;
  serverErrors: number;
  socketErrors: number;
  /** The documented answers to another agent having changed the task first (see Verdict). */
  races: number;
  /** Claims that found no task due (claim next only). */
  empty: number;
  statusCounts: Record<string, number>;
};

type Tally = {
  latencies: number[];
  statuses: Map<number, number>;
  errors: number;
  serverErrors: number;
  socketErrors: number;
  races: number;
  empty: number;
};

export class LoadRecorder {
  private readonly tallies = new Map<Endpoint, Tally>();
  /** Tasks whose answer was a race: the proof checks the database explains each one. */
  readonly raceTaskIds = new Set<number>();

  constructor(private readonly measuredFrom: number) {
    for (const endpoint of ENDPOINTS) {
      this.tallies.set(endpoint, {
        latencies: [],
        statuses: new Map(),
        errors: 0,
        serverErrors: 0,
        socketErrors: 0,
        races: 0,
        empty: 0,
      });
    }
  }

  private tally(endpoint: Endpoint): Tally {
    const tally = this.tallies.get(endpoint);
    if (!tally) throw new Error(`no tally for ${endpoint}`);
    return tally;
  }

  /** One answer, `latencyMs` after it was sent; ignored when it was sent during the warm-up. */
  answer(
    endpoint: Endpoint,
    status: number,
    latencyMs: number,
    verdict: Verdict,
    taskId: number | null,
    now = performance.now(),
  ): void {
    if (now - latencyMs < this.measuredFrom) return;
    const tally = this.tally(endpoint);
    tally.latencies.push(latencyMs);
    tally.statuses.set(status, (tally.statuses.get(status) ?? 0) + 1);
    if (status >= 500) tally.serverErrors++;
    if (verdict === 'error') tally.errors++;
    if (verdict === 'empty') tally.empty++;
    if (verdict === 'race') {
      tally.races++;
      if (taskId !== null) this.raceTaskIds.add(taskId);
    }
  }

  /** A request lost to a socket error or a timeout (no answer). */
  lost(endpoint: Endpoint, now = performance.now()): void {
    if (now < this.measuredFrom) return;
    const tally = this.tally(endpoint);
    tally.socketErrors++;
    tally.errors++;
  }

  figures(seconds: number): EndpointFigures[] {
    return ENDPOINTS.map((endpoint) => {
      const t = this.tally(endpoint);
      const sorted = Float64Array.from(t.latencies).sort();
      const statusCounts: Record<string, number> = {};
      for (const [status, count] of [...t.statuses].sort((a, b) => a[0] - b[0])) {
        statusCounts[String(status)] = count;
      }
      const attempts = sorted.length + t.socketErrors;
      return {
        endpoint,
        requests: sorted.length,
        perSecond: seconds > 0 ? sorted.length / seconds : 0,
        p50: percentile(sorted, 50),
        p95: percentile(sorted, 95),
        p99: percentile(sorted, 99),
        max: sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN,
        errors: t.errors,
        errorShare: attempts > 0 ? t.errors / attempts : 0,
        serverErrors: t.serverErrors,
        socketErrors: t.socketErrors,
        races: t.races,
        empty: t.empty,
        statusCounts,
      };
    });
  }
}
