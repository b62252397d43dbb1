// The usage ceiling: DuckDB's own CSV → Parquet COPY of a file, with nothing else around it.
import { DuckDBInstance } from '@duckdb/node-api';

const [csvPath, parquetPath] = process.argv.slice(2);
if (!csvPath || !parquetPath) throw new Error('usage: duckdb-copy <csv> <parquet>');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const quote = (path: string) => `'${path.replaceAll("'", "''")}'`;
await connection.run(
  `COPY (SELECT * FROM read_csv(${quote(csvPath)})) TO ${quote(parquetPath)} (FORMAT parquet)`,
);
connection.closeSync();
instance.closeSync();
