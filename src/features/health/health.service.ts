import { pingDatabase } from '#src/db/client';
import type { Stores } from '#src/server/stores';
import type { HealthReport } from './health.schemas';

/** Probes both stores; a failing store is reported by name, never with driver text. */
export async function checkHealth(stores: Stores): Promise<HealthReport> {
  const relationalStart = performance.now();
  let relationalOk = true;
  try {
    await pingDatabase(stores.handle.engine);
  } catch {
    relationalOk = false;
  }
  const relational = {
    engine: stores.handle.engine.kind,
    ok: relationalOk,
    latencyMs: elapsed(relationalStart),
    ...(relationalOk ? {} : { error: 'relational store unreachable' }),
  };

  const usageStart = performance.now();
  let usage: HealthReport['usage'];
  try {
    await stores.usage.ping();
    const [billMonths, usageMonths] = await Promise.all([
      stores.usage.listMonths('bills'),
      stores.usage.listMonths('usage'),
    ]);
    usage = { ok: true, latencyMs: elapsed(usageStart), billMonths, usageMonths };
  } catch {
    usage = {
      ok: false,
      latencyMs: elapsed(usageStart),
      billMonths: [],
      usageMonths: [],
      error: 'usage store unreadable',
    };
  }
  return { status: relational.ok && usage.ok ? 'ok' : 'degraded', relational, usage };
}

function elapsed(start: number): number {
  return Math.round((performance.now() - start) * 10) / 10;
}
