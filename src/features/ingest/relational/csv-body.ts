import { StringDecoder } from 'node:string_decoder';
import { CsvTokenizer, type RecordHandler } from './csv-tokenizer';

export { MAX_RECORD_CHARS, type RecordHandler } from './csv-tokenizer';

/**
 * Parses CSV rows (everything after the header line) from UTF-8 byte chunks. Each record goes
 * to `onRecord` synchronously with the physical line it starts on, so there is no promise per
 * row; the generator yields once per input chunk so the caller can flush what it built from
 * those rows. Bytes are already valid UTF-8 (CsvByteSource), so decoding cannot lose anything.
 */
export async function* parseCsvBody(
  chunks: AsyncIterable<Buffer>,
  firstLine: number,
  onRecord: RecordHandler,
): AsyncGenerator<void> {
  const decoder = new StringDecoder('utf8');
  const tokenizer = new CsvTokenizer(firstLine, onRecord);
  for await (const chunk of chunks) {
    tokenizer.push(decoder.write(chunk), false);
    yield;
  }
  tokenizer.push(decoder.end(), true);
  yield;
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
