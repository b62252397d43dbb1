import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { refuseAt } from './file-refused';
import { Utf8ChunkValidator } from './utf8-check';

export type FileEncoding = 'utf8' | 'gbk';

const CHUNK_BYTES = 1 << 20;
const NEWLINE = 0x0a;

export const INVALID_UTF8_REASON =
  'the bytes on this line are not valid UTF-8; if the file was exported as GBK (e.g. by Excel on Chinese Windows), import it again with --encoding gbk';
export const INVALID_GBK_REASON =
  'the bytes on this line are not valid GBK; check the file encoding (UTF-8 files need no --encoding option)';

/**
 * A CSV file as UTF-8 byte chunks, read in constant memory. UTF-8 input is validated as it
 * streams; GBK input is transcoded. Invalid bytes refuse the file, naming the line they are on.
 * Iterate once.
 */
export class CsvByteSource implements AsyncIterable<Buffer> {
  /** Bytes of the file consumed so far, for progress. */
  bytesRead = 0;

  private constructor(
    readonly filePath: string,
    readonly totalBytes: number,
    private readonly encoding: FileEncoding,
  ) {}

  static async open(filePath: string, encoding: FileEncoding = 'utf8'): Promise<CsvByteSource> {
    const { size } = await stat(filePath);
    return new CsvByteSource(filePath, size, encoding);
  }

  [Symbol.asyncIterator](): AsyncIterator<Buffer> {
    return this.encoding === 'gbk' ? this.readGbk() : this.readUtf8();
  }

  private async *readUtf8(): AsyncGenerator<Buffer> {
    const validator = new Utf8ChunkValidator();
    let newlines = 0;
    for await (const chunk of createReadStream(this.filePath, { highWaterMark: CHUNK_BYTES })) {
      const bytes: Buffer = chunk;
      const invalidAt = validator.push(bytes);
      if (invalidAt >= 0) throw refuseAt(newlines + countNewlines(bytes, invalidAt) + 1, INVALID_UTF8_REASON);
      newlines += countNewlines(bytes, bytes.length);
      this.bytesRead += bytes.length;
      yield bytes;
    }
    if (!validator.end()) throw refuseAt(newlines + 1, INVALID_UTF8_REASON);
  }

  private async *readGbk(): AsyncGenerator<Buffer> {
    const decoder = iconv.getDecoder('gbk');
    let newlines = 0;
    const checked = (text: string): Buffer => {
      // iconv-lite puts U+FFFD where bytes are not GBK; GBK itself cannot encode U+FFFD.
      const bad = text.indexOf('\uFFFD');
      if (bad >= 0) throw refuseAt(newlines + countNewlinesInText(text, bad) + 1, INVALID_GBK_REASON);
      newlines += countNewlinesInText(text, text.length);
      return Buffer.from(text, 'utf8');
    };
    for await (const chunk of createReadStream(this.filePath, { highWaterMark: CHUNK_BYTES })) {
      const bytes: Buffer = chunk;
      this.bytesRead += bytes.length;
      const text = decoder.write(bytes);
      if (text.length > 0) yield checked(text);
    }
    const rest = decoder.end();
    if (rest) yield checked(rest);
  }
}

function countNewlines(bytes: Buffer, end: number): number {
  let count = 0;
  let at = bytes.indexOf(NEWLINE);
  while (at !== -1 && at < end) {
    count += 1;
    at = bytes.indexOf(NEWLINE, at + 1);
  }
  return count;
}

function countNewlinesInText(text: string, end: number): number {
  let count = 0;
  let at = text.indexOf('\n');
  while (at !== -1 && at < end) {
    count += 1;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}
