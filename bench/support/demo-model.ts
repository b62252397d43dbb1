// Moves a churn model trained on the demo operator into the benchmark's database.
//   node bin/run-ts.js bench/support/demo-model.ts export OUT.json   (reads the env's database)
//   node bin/run-ts.js bench/support/demo-model.ts install IN.json   (writes it, active)
// The benchmark's synthetic operator has 30 days of daily usage, too little history for
// `vipdesk model train` to learn from; a model learned on the demo operator (6 months of usage,
// the same feature columns) lets the benchmark time scoring with real trees and explanations.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadConfig } from '#src/config/config';
import { openDatabase } from '#src/db/client';
import { migrateDatabase } from '#src/db/migrate';
import { findActiveModel, insertModel, type NewModel } from '#src/features/model/models.repository';

const [mode, file] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'install') || !file) {
  console.error('usage: demo-model.ts export|install FILE');
  process.exit(1);
}
const handle = await openDatabase(loadConfig().database);
try {
  await migrateDatabase(handle.engine);
  if (mode === 'export') {
    const active = await findActiveModel(handle.db);
    if (active === undefined) throw new Error('no model is active');
    if (active.source !== 'operator_history') throw new Error(`the active model is a ${active.source}`);
    const { id: _id, isActive: _active, trainedAt: _at, ...row } = active;
    // A fresh checkout has no .bench/score yet (bench:scale may be the first benchmark run).
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(row));
    console.log(`model ${active.id} (${active.kind}, ${active.trainRows} rows) written to ${file}`);
  } else {
    const row: NewModel = JSON.parse(readFileSync(file, 'utf8'));
    const stored = await insertModel(
      handle.db,
      { ...row, trainedOn: `demo operator: ${row.trainedOn}` },
      true,
    );
    console.log(`model installed as ${stored.id} and made active`);
  }
} finally {
  await handle.close();
}
