import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { USAGE_DATASETS, type UsageDataset } from './datasets';
import { isNotFound, MANIFEST_TEMP_PREFIX, type Manifest, referencedFiles } from './manifest';
import { isProcessAlive } from './write-lock';

// <usageDir>/<dataset>/month=YYYY-MM/<importId>.parquet  data, listed in manifest.json
// <usageDir>/.staging/<importId>/                          an import's work files (same file system)
// <usageDir>/.duckdb-tmp/<pid>-<id>/                       DuckDB spill files of one open store
export const STAGING_DIR = '.staging';
export const DUCKDB_TEMP_DIR = '.duckdb-tmp';

/** Where a month's file from one import lives, relative to the store directory. */
export function dataFilePath(dataset: UsageDataset, month: string, importId: string): string {
  return `${dataset}/month=${month}/${importId}.parquet`;
}

export function stagingDirectory(usageDir: string, importId: string): string {
  return join(usageDir, STAGING_DIR, importId);
}

/** Spill directory of one open store; named by pid so a sweep can tell a dead owner's. */
export function duckDbTempDirectory(usageDir: string, instanceId: string): string {
  return join(usageDir, DUCKDB_TEMP_DIR, `${process.pid}-${instanceId}`);
}

/**
 * Removes what a crashed or failed writer left behind: data files the manifest does not list,
 * staging directories, half-written manifests, and spill directories of processes that are gone.
 * Call only while holding the write lock (another writer's new files are not yet listed either).
 * Returns the removed paths, relative to the store directory.
 */
export async function removeOrphans(usageDir: string, manifest: Manifest): Promise<string[]> {
  const listed = referencedFiles(manifest);
  const removed: string[] = [];
  for (const dataset of USAGE_DATASETS) {
    for (const monthDir of await listNames(join(usageDir, dataset))) {
      const relativeDir = `${dataset}/${monthDir}`;
      const files = await listNames(join(usageDir, relativeDir));
      let kept = 0;
      for (const file of files) {
        const relative = `${relativeDir}/${file}`;
        if (listed.has(relative)) {
          kept += 1;
          continue;
        }
        await rm(join(usageDir, relative), { recursive: true, force: true });
        removed.push(relative);
      }
      if (kept === 0) await removeEmptyDirectory(join(usageDir, relativeDir));
    }
  }
  for (const name of await listNames(join(usageDir, STAGING_DIR))) {
    await rm(join(usageDir, STAGING_DIR, name), { recursive: true, force: true });
    removed.push(`${STAGING_DIR}/${name}`);
  }
  for (const name of await listNames(usageDir)) {
    if (!name.startsWith(MANIFEST_TEMP_PREFIX)) continue;
    await rm(join(usageDir, name), { force: true });
    removed.push(name);
  }
  for (const name of await listNames(join(usageDir, DUCKDB_TEMP_DIR))) {
    const pid = Number(name.split('-')[0]);
    if (Number.isInteger(pid) && (pid === process.pid || isProcessAlive(pid))) continue;
    await rm(join(usageDir, DUCKDB_TEMP_DIR, name), { recursive: true, force: true });
    removed.push(`${DUCKDB_TEMP_DIR}/${name}`);
  }
  return removed;
}

/** Deletes files a manifest swap superseded; a month directory left empty goes too. */
export async function removeSuperseded(usageDir: string, files: readonly string[]): Promise<void> {
  for (const file of files) {
    await rm(join(usageDir, file), { force: true });
    const dir = file.slice(0, file.lastIndexOf('/'));
    if (dir) await removeEmptyDirectory(join(usageDir, dir));
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if (isNotFound(error)) return [];
    throw error;
  }
}

async function removeEmptyDirectory(dir: string): Promise<void> {
  try {
    await rmdir(dir);
  } catch (error) {
    // Not empty (another file still listed) or already gone: both fine.
    if (
      error instanceof Error &&
      'code' in error &&
      (error.code === 'ENOTEMPTY' || error.code === 'ENOENT')
    ) {
      return;
    }
    throw error;
  }
}
