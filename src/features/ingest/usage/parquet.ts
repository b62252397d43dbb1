import { join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import { sqlString } from '#src/usage/duckdb';

/** zstd at level 1 costs about what snappy does to write and makes files about 3× smaller. */
export const PARQUET_OPTIONS = "FORMAT parquet, COMPRESSION 'zstd', COMPRESSION_LEVEL 1";

/**
 * One file per month for the store's month partitions. A file holding one month (the usual case:
 * files are split by month) is already that month's file and is used as it is; otherwise each
 * month is copied out of it (a Parquet scan, not another pass over the CSV).
 */
export async function splitByMonth(
  connection: DuckDBConnection,
  stagedFile: string,
  months: readonly string[],
  stagingDir: string,
): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const [only] = months;
  if (months.length === 1 && only) {
    files.set(only, stagedFile);
    return files;
  }
  for (const month of months) {
    const target = join(stagingDir, `month-${month}.parquet`);
    await connection.run(
      `COPY (SELECT * FROM read_parquet(${sqlString(stagedFile)}) WHERE month = DATE ${sqlString(`${month}-01`)})
       TO ${sqlString(target)} (${PARQUET_OPTIONS})`,
    );
    files.set(month, target);
  }
  return files;
}
