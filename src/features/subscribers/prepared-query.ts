import type { Database } from '#src/db/client';

/**
 * A query built once per database and only executed after that. Drizzle builds a query's SQL on
 * every call, and on the screens' hot paths that costs more CPU than PostgreSQL spends answering
 * (the load proof, bench/proof/load.ts: ~0.8 ms of server CPU for findSubscriberById built each
 * time, ~0.35 ms prepared; a 360 or a call briefing runs a dozen such lookups on one Node thread).
 * Give it a unique name: PostgreSQL then parses it once per connection as well. Each database — the
 * app's, a test's, a transaction's — gets its own copy, so it works on both engines and inside
 * transactions (where it is built per transaction, as before).
 */
export function preparedPerDatabase<Query>(build: (db: Database) => Query): (db: Database) => Query {
  const built = new WeakMap<Database, Query>();
  return (db) => {
    let query = built.get(db);
    if (query === undefined) {
      query = build(db);
      built.set(db, query);
    }
    return query;
  };
}
