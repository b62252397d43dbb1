// The imported operator of a bench:scale size, kept between runs: at 10M subscribers generating is
// cached already (.bench/scale/*.csv) but the import still takes ~30 minutes, while what the bench
// holds to its target is the scoring run. So the cluster and the app's data directory stay in
// .bench/scale/operator-<size>-<hash>/ with the import's own figures (setup.json); the next run
// starts that cluster again, drops the previous runs' score partitions (9 GB each at 10M) and scores.
// The hash covers the migrations, the PostgreSQL version and the model kind (snapshotName): a
// change there imports afresh.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { snapshotName } from './proof-load-cache';
import type { StageFigure } from './scale-operator';

const scaleDir = resolve('.bench/scale');
const SETUP_FILE = 'setup.json';

export type KeptOperator = {
  dir: string;
  pgDir: string;
  dataDir: string;
  /** The figures of the import that made it, when it is complete; null: import it now. */
  setup: { at: string; stages: StageFigure[] } | null;
};

/** Where the operator of this size and model lives (made empty when no complete one is there). */
export function keptOperator(subscribers: number, model: string): KeptOperator {
  const prefix = `operator-${subscribers}`;
  const name = snapshotName(prefix, { subscribers, model });
  const dir = join(scaleDir, name);
  const kept = { dir, pgDir: join(dir, 'pg'), dataDir: join(dir, 'data') };
  const setupFile = join(dir, SETUP_FILE);
  if (existsSync(setupFile)) return { ...kept, setup: JSON.parse(readFileSync(setupFile, 'utf8')) };
  // Half-made (a run stopped during the import) or for other migrations: start again.
  mkdirSync(scaleDir, { recursive: true });
  for (const other of readdirSync(scaleDir).filter((d) => d === name || d.startsWith(`${prefix}-`)))
    rmSync(join(scaleDir, other), { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return { ...kept, setup: null };
}

/** Marks the operator complete: later runs start from it. */
export function saveSetup(operator: KeptOperator, stages: StageFigure[]): void {
  writeFileSync(
    join(operator.dir, SETUP_FILE),
    `${JSON.stringify({ at: new Date().toISOString(), stages }, null, 2)}\n`,
  );
}

/** Drops the score partitions of earlier runs, so a kept operator's disk does not grow per run. */
export async function dropEarlierScores(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      `SELECT c.relname AS name FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'subscriber_scores'`,
    );
    for (const { name } of rows) await client.query(`DROP TABLE ${pg.escapeIdentifier(name)}`);
    return rows.length;
  } finally {
    await client.end();
  }
}
