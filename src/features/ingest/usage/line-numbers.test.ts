import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectQuietly, createDuckDb, jsonNumber, queryJson, sqlString } from '#src/usage/duckdb';
import { physicalLine, skippedLinesSql, withLineNumbersSql } from './line-numbers';

describe('physicalLine', () => {
  it('skips the header and each rejected line before the row', () => {
    // Lines: 1 header, 2 row0, 3 rejected, 4 rejected, 5 row1, 6 row2, 7 rejected, 8 row3.
    const skipped = [1, 3, 4, 7];
    expect([0, 1, 2, 3].map((row) => physicalLine(row, skipped))).toEqual([2, 5, 6, 8]);
  });
});

describe('line numbers from DuckDB', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'vipdesk-lines-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a CASE expression', 500],
    ['an ASOF join', 0],
  ])(
    'gives every row its physical line through %s when rejected and blank lines are interleaved in a file read in parallel',
    async (_, maxSkippedForCase) => {
      // ~40 MB, so DuckDB splits the scan across threads; each good line carries its own number.
      const parts: Buffer[] = [Buffer.from('header\n')];
      const invalid: number[] = [];
      for (let line = 2; line <= 1_200_001; line += 1) {
        if (line % 99_991 === 0) {
          parts.push(Buffer.from('\n'));
        } else if (line % 77_773 === 0) {
          parts.push(Buffer.from([0x78, 0xff, 0x0a]));
          invalid.push(line);
        } else {
          parts.push(Buffer.from(`row of padding text,${line}\n`));
        }
      }
      const path = join(dir, 'lines.csv');
      writeFileSync(path, Buffer.concat(parts));

      const instance = await createDuckDb({
        memoryLimit: '1GB',
        tempDirectory: join(dir, 'tmp'),
        threads: 4,
      });
      const connection = await connectQuietly(instance);
      try {
        await connection.run(
          `CREATE TEMP TABLE src AS SELECT line AS text FROM read_csv(${sqlString(path)}, header = true,
           auto_detect = false, delim = chr(0), quote = '', escape = '', strict_mode = false,
           columns = {'line': 'VARCHAR'}, store_rejects = true, rejects_table = 'rj', rejects_scan = 'rs')`,
        );
        await connection.run(skippedLinesSql('skips', 'rj'));
        const skipped = (await queryJson(connection, 'SELECT adj, j FROM skips')).map((row) => ({
          adj: jsonNumber(row.adj),
          j: jsonNumber(row.j),
        }));
        const [result] = await queryJson(
          connection,
          `SELECT count(*) AS checked, count(*) FILTER (WHERE CAST(split_part(text, ',', 2) AS BIGINT) <> line) AS wrong,
                (SELECT list(CAST(line AS BIGINT) ORDER BY line) FROM rj) AS rejected
         FROM (${withLineNumbersSql('src', 'skips', skipped, 'r.text', maxSkippedForCase)}) WHERE text IS NOT NULL`,
        );
        expect(jsonNumber(result?.wrong)).toBe(0);
        expect(jsonNumber(result?.checked)).toBeGreaterThan(1_199_000);
        expect(result?.rejected).toEqual(invalid.map(String));
      } finally {
        connection.closeSync();
        instance.closeSync();
      }
    },
  );
});
