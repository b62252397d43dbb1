import { randomUUID } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { DATASET_COLUMNS, USAGE_DATASETS, type UsageDataset } from './datasets';
import {
  connectQuietly,
  createDuckDb,
  type JsonRow,
  queryJson,
  sqlIdentifier,
  sqlStringList,
} from './duckdb';
import { duckDbTempDirectory, removeOrphans } from './layout';
import { readManifest } from './manifest';
import { acquireWriteLock, tryAcquireWriteLock } from './write-lock';
import { UsageWriteSession } from './write-session';

export type UsageStoreOptions = {
  usageDir: string;
  /** DuckDB memory_limit (e.g. 2GB); big imports spill to a directory under usageDir beyond it. */
  memoryLimit: string;
  threads?: number;
  /**
   * Fault-injection seam for crash tests: runs after an import's new files are in place and
   * before the manifest swap. Production code never sets it.
   */
  beforeSwap?: () => Promise<void> | void;
};

/**
 * The columnar store of monthly bills and daily usage: Parquet files partitioned by month under
 * `usageDir`, listed in a manifest, read and written through an embedded DuckDB.
 */
export class UsageStore {
  private constructor(
    readonly usageDir: string,
    private readonly tempDirectory: string,
    private readonly instance: DuckDBInstance,
    private readonly readConnection: DuckDBConnection,
    private readonly options: UsageStoreOptions,
  ) {}

  static async open(options: UsageStoreOptions): Promise<UsageStore> {
    const { usageDir } = options;
    await mkdir(usageDir, { recursive: true });
    const tempDirectory = duckDbTempDirectory(usageDir, randomUUID().slice(0, 8));
    await mkdir(tempDirectory, { recursive: true });
    // Clean up after a crash now if no other process is writing; otherwise the next writer will.
    const lock = await tryAcquireWriteLock(usageDir);
    if (lock) {
      try {
        await removeOrphans(usageDir, await readManifest(usageDir));
      } finally {
        await lock.release();
      }
    }
    const instance = await createDuckDb({
      memoryLimit: options.memoryLimit,
      tempDirectory,
      ...(options.threads ? { threads: options.threads } : {}),
    });
    const readConnection = await connectQuietly(instance);
    return new UsageStore(usageDir, tempDirectory, instance, readConnection, options);
  }

  async close(): Promise<void> {
    this.readConnection.closeSync();
    this.instance.closeSync();
    await rm(this.tempDirectory, { recursive: true, force: true });
  }

  /** Proves DuckDB answers and the manifest is readable (for the health endpoint). */
  async ping(): Promise<void> {
    await this.readConnection.run('SELECT 1');
    await readManifest(this.usageDir);
  }

  /** The months (YYYY-MM, ascending) the dataset holds. */
  async listMonths(dataset: UsageDataset): Promise<string[]> {
    const manifest = await readManifest(this.usageDir);
    return Object.keys(manifest.datasets[dataset]).sort();
  }

  /**
   * Absolute paths of the dataset's current files, optionally only for some months. Read from the
   * manifest on every call, so an import committed by another process is seen at once.
   */
  async currentFiles(dataset: UsageDataset, months?: readonly string[]): Promise<string[]> {
    const manifest = await readManifest(this.usageDir);
    const byMonth = manifest.datasets[dataset];
    const wanted = months ?? Object.keys(byMonth).sort();
    const files: string[] = [];
    for (const month of wanted)
      for (const file of byMonth[month] ?? []) files.push(join(this.usageDir, file));
    return files;
  }

  /**
   * A SQL expression usable in FROM that reads the dataset's current files (or an empty relation
   * of the same columns when there are none), e.g. `SELECT ... FROM ${await store.relationSql('usage')}`.
   */
  async relationSql(dataset: UsageDataset, months?: readonly string[]): Promise<string> {
    const files = await this.currentFiles(dataset, months);
    if (files.length > 0) return `read_parquet(${sqlStringList(files)}, hive_partitioning = false)`;
    const columns = DATASET_COLUMNS[dataset].map((c) => `NULL::${c.type} AS ${sqlIdentifier(c.name)}`);
    return `(SELECT ${columns.join(', ')} WHERE false)`;
  }

  /**
   * Runs `fn` on a fresh connection where the views `bills` and `usage` read the current files.
   * The connection (and any temp tables `fn` makes) is closed afterwards.
   */
  async withConnection<T>(fn: (connection: DuckDBConnection) => Promise<T>): Promise<T> {
    const connection = await connectQuietly(this.instance);
    try {
      for (const dataset of USAGE_DATASETS) {
        const relation = await this.relationSql(dataset);
        await connection.run(`CREATE OR REPLACE TEMP VIEW ${dataset} AS SELECT * FROM ${relation}`);
      }
      return await fn(connection);
    } finally {
      connection.closeSync();
    }
  }

  /** Runs a read query over the views `bills` and `usage`; rows as JSON (BIGINT as string). */
  async query(sql: string): Promise<JsonRow[]> {
    return this.withConnection((connection) => queryJson(connection, sql));
  }

  /**
   * Takes the store's write lock (queued behind other writers in this process; refused with
   * UsageStoreBusyError while another process writes) and opens a write session.
   */
  async beginWrite(): Promise<UsageWriteSession> {
    const lock = await acquireWriteLock(this.usageDir);
    let connection: DuckDBConnection;
    try {
      connection = await connectQuietly(this.instance);
    } catch (error) {
      await lock.release();
      throw error;
    }
    return UsageWriteSession.start({
      usageDir: this.usageDir,
      importId: newImportId(),
      connection,
      lock,
      beforeSwap: this.options.beforeSwap,
    });
  }
}

/** Sortable and unique: 20261123T140512Z-1a2b3c4d. */
function newImportId(): string {
  const stamp = new Date()
    .toISOString()
    .replaceAll(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomUUID().slice(0, 8)}`;
}
