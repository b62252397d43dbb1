// The 10M-subscriber operator's input files for bench:scale: the scoring benchmark's generator
// (generate-scoring-files.ts) with DuckDB kept to a memory limit and spilling under .bench/scale/.
// Cached like .bench/score/: the same (subscribers, as-of month) reuses the files.
//   run-ts bench/support/scale-files.ts [subscribers]    generate ahead of a bench run
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { generateScoringFiles, type ScoringFiles } from './generate-scoring-files';

export const SCALE_AS_OF_MONTH = '2026-09';
export const scaleDir = resolve('.bench/scale');
/** The target of issue 8: a whole `vipdesk score` of 10M subscribers within 5 minutes. */
export const SCALE_TARGET_SECONDS = 300;
/** Where bench:scale leaves its figures for bench/proof/scale.ts. */
export const LAST_RUN_FILE = join(scaleDir, 'last-run.json');

export async function scaleFiles(subscribers: number): Promise<{ files: ScoringFiles; generated: boolean }> {
  const tempDirectory = join(scaleDir, 'duckdb-tmp');
  mkdirSync(tempDirectory, { recursive: true });
  return generateScoringFiles({
    subscribers,
    asOfMonth: SCALE_AS_OF_MONTH,
    dir: scaleDir,
    memoryLimit: '8GB',
    tempDirectory,
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const subscribers = Number((process.argv[2] ?? '10000000').replaceAll('_', ''));
  const began = performance.now();
  const { files, generated } = await scaleFiles(subscribers);
  console.log(
    `${generated ? 'generated' : 'reused'} in ${((performance.now() - began) / 1000).toFixed(1)}s:`,
    JSON.stringify(files),
  );
}
