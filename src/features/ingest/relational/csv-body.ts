import { CsvError, Parser } from 'csv-parse';
import { refuseAt } from './file-refused';

/** Receives each record with the physical line (1-based, header = 1) where the record starts. */
export type RecordHandler = (cells: string[], line: number) => void;

/** Guards memory against an unclosed quote swallowing the rest of a large file. */
export const MAX_RECORD_CHARS = 1_000_000;

/**
 * Parses CSV rows (everything after the header line) with csv-parse. Each record goes to
 * `onRecord` synchronously, inside csv-parse's own loop, so there is no promise per row; the
 * generator yields once per input chunk so the caller can flush what it built from those rows.
 *
 * Line numbers: csv-parse counts a CRLF inside a quoted field as two lines, so its own count
 * drifts after such a field. The start line is kept here instead: previous record's last line
 * + skipped empty lines + 1; a record csv-parse saw spanning several lines is measured by the
 * line breaks actually inside its fields.
 */
export async function* parseCsvBody(
  chunks: AsyncIterable<Buffer>,
  firstLine: number,
  onRecord: RecordHandler,
): AsyncGenerator<void> {
  const parser = new LineTrackingParser(firstLine, onRecord);
  // Failures surface through write/end callbacks; this listener only keeps them from being unhandled.
  parser.on('error', () => undefined);
  try {
    for await (const chunk of chunks) {
      await feed(parser, chunk, () => parser.nextRecordLine());
      yield;
    }
    await finish(parser, () => parser.nextRecordLine());
    yield;
  } finally {
    parser.destroy();
  }
}

/**
 * csv-parse hands each record to `push` synchronously while `info` still describes that record;
 * taking records there (instead of `on_record`, which builds an info object per record) keeps
 * the per-row path free of allocations csv-parse would otherwise make for us.
 */
class LineTrackingParser extends Parser {
  private lastLine: number;
  private parserLines = 0;
  private emptyLines = 0;

  constructor(
    firstLine: number,
    private readonly onRecord: RecordHandler,
  ) {
    super({
      delimiter: ',',
      record_delimiter: ['\r\n', '\n'],
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      max_record_size: MAX_RECORD_CHARS,
    });
    this.lastLine = firstLine - 1;
  }

  override push(record: unknown): boolean {
    if (!Array.isArray(record)) return super.push(record);
    const { lines, empty_lines } = this.info;
    const skipped = empty_lines - this.emptyLines;
    const start = this.lastLine + 1 + skipped;
    const singleLine = lines - this.parserLines === 1 + skipped;
    this.lastLine = singleLine ? start : start + countLineBreaks(record);
    this.parserLines = lines;
    this.emptyLines = empty_lines;
    this.onRecord(record, start);
    // Records never queue in the stream: they were handled above.
    return true;
  }

  /** Where the record being parsed starts, for errors raised before it is complete. */
  nextRecordLine(): number {
    return this.lastLine + 1 + (this.info.empty_lines - this.emptyLines);
  }
}

function feed(parser: Parser, chunk: Buffer, lineOfFailure: () => number): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.write(chunk, (error) => (error ? reject(describeCsvError(error, lineOfFailure())) : resolve()));
  });
}

function finish(parser: Parser, lineOfFailure: () => number): Promise<void> {
  return new Promise((resolve, reject) => {
    parser.end((error?: Error | null) =>
      error ? reject(describeCsvError(error, lineOfFailure())) : resolve(),
    );
  });
}

function describeCsvError(error: Error, line: number): Error {
  if (!(error instanceof CsvError)) return error;
  switch (error.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return refuseAt(line, 'a quoted field that opens on this line is never closed (a missing closing ")');
    case 'CSV_MAX_RECORD_SIZE':
      return refuseAt(
        line,
        `the row starting on this line runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters; a quote is probably not closed`,
      );
    default:
      return refuseAt(line, `the CSV cannot be parsed here: ${error.message}`);
  }
}

/** Physical line breaks inside a record's fields (quoted newlines); CRLF counts once. */
export function countLineBreaks(cells: readonly string[]): number {
  let count = 0;
  for (const cell of cells) {
    let at = cell.indexOf('\n');
    while (at !== -1) {
      count += 1;
      at = cell.indexOf('\n', at + 1);
    }
  }
  return count;
}
