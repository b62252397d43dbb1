/**
 * Physical line numbers for rows read in file order.
 *
 * DuckDB's CSV reader has no line-number column. Read with `preserve_insertion_order`, a
 * CREATE TABLE AS keeps file order, so row k (rowid, 0-based) is the k-th line that produced a
 * row. The lines that produced none are the header and the lines the reader rejected (their line
 * numbers are in the rejects table). With those sorted as s_1 < s_2 < … (s_1 = 1, the header),
 * s_j - j is how many row lines come before s_j, so row k is on line
 *
 *   k + 1 + #{ j : s_j - j <= k }
 *
 * s_j - j never decreases with j, so the count is the largest j with s_j - j <= k: an ASOF join.
 */

/** SQL creating `table` (adj, j) from the header and the rejected lines in `rejectsTable`. */
export function skippedLinesSql(table: string, rejectsTable: string): string {
  return `CREATE OR REPLACE TEMP TABLE ${table} AS
SELECT CAST(s AS BIGINT) - j AS adj, max(j) AS j
FROM (
  SELECT s, row_number() OVER (ORDER BY s) AS j
  FROM (SELECT CAST(1 AS BIGINT) AS s UNION SELECT DISTINCT CAST(line AS BIGINT) FROM ${rejectsTable})
)
GROUP BY adj`;
}

export type SkippedLines = { adj: number; j: number }[];

// Up to this many skipped lines the rule is a CASE expression; beyond, an ASOF join (which sorts
// every row, so it costs memory in proportion to the file).
const MAX_SKIPPED_FOR_CASE = 500;

/**
 * SQL selecting `line` and `columns` for every row of `source` (a table read in file order),
 * given the rows of the skipped-lines table.
 */
export function withLineNumbersSql(
  source: string,
  skippedTable: string,
  skipped: SkippedLines,
  columns: string,
  maxSkippedForCase = MAX_SKIPPED_FOR_CASE,
): string {
  if (skipped.length > maxSkippedForCase) {
    return `SELECT r.rn + 1 + k.j AS line, ${columns}
FROM (SELECT rowid AS rn, * FROM ${source}) AS r
ASOF JOIN ${skippedTable} AS k ON r.rn >= k.adj`;
  }
  const branches = [...skipped]
    .sort((a, b) => b.adj - a.adj)
    .map((k) => `WHEN r.rn >= ${k.adj} THEN ${k.j}`)
    .join(' ');
  return `SELECT r.rn + 1 + CASE ${branches} END AS line, ${columns}
FROM (SELECT rowid AS rn, * FROM ${source}) AS r`;
}

/** The same rule in TypeScript, for tests: `skipped` are the header and rejected lines. */
export function physicalLine(rowIndex: number, skipped: readonly number[]): number {
  const sorted = [...new Set(skipped)].sort((a, b) => a - b);
  let count = 0;
  sorted.forEach((line, index) => {
    if (line - (index + 1) <= rowIndex) count = index + 1;
  });
  return rowIndex + 1 + count;
}
