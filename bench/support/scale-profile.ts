// Profiling aid for a scoring run's per-row JavaScript, outside a run (no worker thread, no write):
//   run-ts bench/support/scale-profile.ts export DIR      the env's feature files → DIR/features-*.parquet
//   run-ts bench/support/scale-profile.ts score DIR [N] [prior]   read, score and encode the first N rows,
//                                   each step timed apart; prints a hash of the COPY text ('prior': the
//                                   signal prior instead of the active model)
// Run the second under `node --cpu-prof bin/run-ts.js …` for a profile of exactly what a worker does;
// the hash shows whether a change to the per-row code left every score as it was.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { configOrExit, withStores } from '#src/cli/context';
import { signalPriorScorer } from '#src/features/model/churn-scorer';
import { loadScorer } from '#src/features/model/load-scorer';
import { doubleSelectList, forEachFeatureChunk } from '#src/features/scoring/features/feature-rows';
import { materializeFeatures } from '#src/features/scoring/features/feature-slices';
import type { PopulationStats } from '#src/features/scoring/features/subscriber-features';
import { ByteWriter } from '#src/features/scoring/runs/byte-writer';
import { scoreRow } from '#src/features/scoring/runs/score-batch';
import { writeScoreCopyLine } from '#src/features/scoring/runs/score-record';
import { populationPercentiles } from '#src/features/scoring/settings/scoring-settings';
import { currentSettings } from '#src/features/scoring/settings/settings.service';

const [mode, dir, limitArg, scorerArg] = process.argv.slice(2);
if ((mode !== 'export' && mode !== 'score') || !dir)
  throw new Error('usage: scale-profile export|score DIR [N]');
const asOf = '2026-09-30';
const config = configOrExit();

class Enough extends Error {}

await withStores(config, async (stores) => {
  const settings = (await currentSettings(stores.handle.db)).settings;
  if (mode === 'export') {
    const result = await materializeFeatures({
      engine: stores.handle.engine,
      usage: stores.usage,
      asOf,
      workDir: dir,
      timeZone: config.timeZone,
      percentiles: populationPercentiles(settings),
    });
    await writeFile(join(dir, 'population.json'), JSON.stringify(result.population));
    console.log(JSON.stringify(result.seconds), result.subscribers);
    return;
  }
  const population: PopulationStats = JSON.parse(readFileSync(join(dir, 'population.json'), 'utf8'));
  // 'prior': the signal prior instead of the active model (the scorer before any model is trained).
  const scorer =
    scorerArg === 'prior'
      ? signalPriorScorer(1, settings)
      : await loadScorer({ ...stores, timeZone: config.timeZone, workDir: dir }, settings, asOf);
  const limit = Number(limitArg ?? 200_000);
  const cpu = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const hash = createHash('sha256');
  let rows = 0;
  let bytes = 0;
  let read = 0;
  let score = 0;
  let encode = 0;
  let mark = cpu();
  // Chunk by chunk (2,048 rows) as a worker goes, so the heap holds one chunk's rows at a time.
  const instance = await DuckDBInstance.create(':memory:', { threads: '1' });
  const connection = await instance.connect();
  try {
    const path = join(dir, 'features-*.parquet').replaceAll("'", "''");
    // In subscriber order, so the hash compares runs whatever order the file was written in.
    const select = await doubleSelectList(connection, `SELECT * FROM read_parquet('${path}')`);
    const result = await connection.stream(
      `SELECT ${select} FROM read_parquet('${path}') ORDER BY subscriber_id`,
    );
    await forEachFeatureChunk(result, asOf, (chunk) => {
      if (rows >= limit) throw new Enough();
      const t0 = cpu();
      const features = Array.from({ length: chunk.rowCount }, (_, i) => chunk.row(i));
      const t1 = cpu();
      const records = features.map((row) => scoreRow(row, population, settings, scorer));
      const t2 = cpu();
      // As a worker writes them: COPY lines as bytes into one buffer per chunk.
      const out = new ByteWriter(1 << 20);
      for (const record of records) writeScoreCopyLine(out, 1, scorer.modelId, record);
      const bytesOut = out.bytes;
      const t3 = cpu();
      read += t0 - mark + (t1 - t0);
      score += t2 - t1;
      encode += t3 - t2;
      bytes += bytesOut.length;
      hash.update(bytesOut);
      rows += chunk.rowCount;
      mark = cpu();
    });
  } catch (error) {
    if (!(error instanceof Enough)) throw error;
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
  const us = (ms: number) => ((ms * 1000) / rows).toFixed(1);
  console.log(
    `${rows} rows, CPU time: read ${us(read)} µs/row, score ${us(score)} µs/row, encode ${us(encode)} µs/row, ` +
      `${(bytes / rows).toFixed(0)} bytes/row, sha256 ${hash.digest('hex').slice(0, 16)}`,
  );
});
