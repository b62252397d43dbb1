import { refuseAt } from './file-refused';

const NEWLINE = 0x0a;
const MAX_HEADER_BYTES = 1 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

export type SplitFile = {
  /** The first line as text, without byte-order mark or line ending. */
  header: string;
  /** Every byte after the first line break. */
  body: AsyncIterable<Buffer>;
};

/**
 * Takes the first physical line off a byte stream so the header can be checked (delimiter,
 * columns) before any row is parsed, and before any transaction is opened.
 */
export async function splitHeaderLine(source: AsyncIterable<Buffer>): Promise<SplitFile> {
  const iterator = source[Symbol.asyncIterator]();
  const parts: Buffer[] = [];
  let size = 0;
  for (;;) {
    const next = await iterator.next();
    if (next.done) return { header: decodeHeader(Buffer.concat(parts)), body: emptyBody() };
    const chunk = next.value;
    const lineEnd = chunk.indexOf(NEWLINE);
    if (lineEnd === -1) {
      parts.push(chunk);
      size += chunk.length;
      if (size > MAX_HEADER_BYTES)
        throw refuseAt(1, 'the first line is longer than 1 MB; expected a header row of column names');
      continue;
    }
    parts.push(chunk.subarray(0, lineEnd));
    return {
      header: decodeHeader(Buffer.concat(parts)),
      body: resume(chunk.subarray(lineEnd + 1), iterator),
    };
  }
}

function decodeHeader(bytes: Buffer): string {
  const hasBom = UTF8_BOM.every((byte, i) => bytes[i] === byte);
  const text = (hasBom ? bytes.subarray(UTF8_BOM.length) : bytes).toString('utf8');
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}

async function* resume(first: Buffer, iterator: AsyncIterator<Buffer>): AsyncGenerator<Buffer> {
  try {
    if (first.length > 0) yield first;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  } finally {
    // Closes the file when the reader stops early (a refused file, an error downstream).
    await iterator.return?.();
  }
}

async function* emptyBody(): AsyncGenerator<Buffer> {}
