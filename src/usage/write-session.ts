import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { isMonth, type UsageDataset } from './datasets';
import { dataFilePath, removeOrphans, removeSuperseded, stagingDirectory } from './layout';
import { readManifest, syncDirectory, withMonthsReplaced, writeManifest } from './manifest';
import type { WriteLock } from './write-lock';

export type WriteSessionParts = {
  usageDir: string;
  importId: string;
  connection: DuckDBConnection;
  lock: WriteLock;
  beforeSwap: (() => Promise<void> | void) | undefined;
};

/**
 * One writer's turn at the store: a private DuckDB connection (its temp tables vanish with it), a
 * staging directory on the store's file system, and `commit` to make finished files current.
 * Always `close()` it, committed or not.
 */
export class UsageWriteSession {
  readonly importId: string;
  readonly stagingDir: string;
  readonly connection: DuckDBConnection;
  private closed = false;

  private constructor(private readonly parts: WriteSessionParts) {
    this.importId = parts.importId;
    this.connection = parts.connection;
    this.stagingDir = stagingDirectory(parts.usageDir, parts.importId);
  }

  /** Starts a session; the caller has taken the write lock, which the session now owns. */
  static async start(parts: WriteSessionParts): Promise<UsageWriteSession> {
    try {
      // Leftovers of a crashed writer go first, while nobody else can be writing.
      await removeOrphans(parts.usageDir, await readManifest(parts.usageDir));
      await mkdir(stagingDirectory(parts.usageDir, parts.importId), { recursive: true });
    } catch (error) {
      parts.connection.closeSync();
      await parts.lock.release();
      throw error;
    }
    return new UsageWriteSession(parts);
  }

  /**
   * Makes `files` (month → finished Parquet file in the staging directory) the whole content of
   * those months. New files are moved into place and flushed first; then the manifest swap makes
   * them current in one atomic step; only then are the superseded files deleted. A crash before
   * the swap leaves the old months (the moved files are unlisted orphans, removed on next open);
   * a crash after it leaves the new months (the old files are orphans).
   */
  async commit(dataset: UsageDataset, files: ReadonlyMap<string, string>): Promise<void> {
    const { usageDir, importId } = this.parts;
    const replacement: Record<string, string[]> = {};
    for (const [month, stagedPath] of files) {
      if (!isMonth(month)) throw new Error(`not a month: ${month}`);
      const relative = dataFilePath(dataset, month, importId);
      const target = join(usageDir, relative);
      await mkdir(dirname(target), { recursive: true });
      await flushFile(stagedPath);
      await rename(stagedPath, target);
      await syncDirectory(dirname(target));
      replacement[month] = [relative];
    }
    if (Object.keys(replacement).length === 0) return;
    await this.parts.beforeSwap?.();
    const current = await readManifest(usageDir);
    const { manifest, superseded } = withMonthsReplaced(current, dataset, replacement);
    await writeManifest(usageDir, manifest);
    await removeSuperseded(usageDir, superseded);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    try {
      this.connection.closeSync();
      await rm(this.stagingDir, { recursive: true, force: true });
    } finally {
      await this.parts.lock.release();
    }
  }
}

async function flushFile(path: string): Promise<void> {
  const file = await open(path, 'r');
  try {
    await file.sync();
  } finally {
    await file.close();
  }
}
