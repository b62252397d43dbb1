import { join } from 'node:path';
import type { Config } from '#src/config/config';
import type { Stores } from '#src/server/stores';
import type { ScoringContext } from './run-scoring';

/** The scoring run's view of the app: both stores, the business zone, a work folder under data/. */
export function scoringContextFor(config: Config, stores: Stores): ScoringContext {
  return {
    handle: stores.handle,
    usage: stores.usage,
    timeZone: config.timeZone,
    workRoot: join(config.dataDir, 'work', 'scoring'),
  };
}
