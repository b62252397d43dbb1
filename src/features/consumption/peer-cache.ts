import type { Engine } from '#src/db/client';
import { aggregatePeers, type PeerAggregateRow } from './consumption.repository';

/**
 * Peer quartiles per run × tier × city, kept in memory: a succeeded run never changes, so an
 * aggregate computed once stays true. Only the newest run's entries are worth keeping; when another
 * run is asked for, the old ones are dropped. Concurrent first requests share one query. Keyed by
 * the engine too, since one process (tests) may hold two databases whose run ids coincide.
 */
const MAX_ENTRIES = 10_000;
type RunCache = { runId: number; entries: Map<string, Promise<PeerAggregateRow>> };
const caches = new WeakMap<Engine, RunCache>();

export function peerAggregatesFor(
  engine: Engine,
  runId: number,
  tier: string,
  city: string,
): Promise<PeerAggregateRow> {
  let cache = caches.get(engine);
  if (!cache || cache.runId !== runId) {
    cache = { runId, entries: new Map() };
    caches.set(engine, cache);
  }
  const { entries } = cache;
  const key = `${tier}\u0000${city}`;
  const hit = entries.get(key);
  if (hit) return hit;
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const pending = aggregatePeers(engine, runId, tier, city);
  entries.set(key, pending);
  // A failed query must not be remembered: the next request tries again.
  pending.catch(() => entries.delete(key));
  return pending;
}
