import { once } from 'node:events';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';

const LF = 0x0a;
const CR = 0x0d;

/**
 * Copies the header and the given physical lines of `sourcePath` to `targetPath`, byte for byte
 * (a line that is not valid UTF-8 is kept as it was). Lines are counted the way DuckDB counted
 * them for the error report: with CRLF files a CRLF, a lone CR or a lone LF ends a line; with LF
 * files every CR and every LF does. `lines` must ascend.
 */
export async function copyLines(
  sourcePath: string,
  targetPath: string,
  newline: '\n' | '\r\n',
  lines: AsyncIterable<number>,
): Promise<void> {
  const wanted = lines[Symbol.asyncIterator]();
  const nextWanted = async (): Promise<number> => {
    const next = await wanted.next();
    return next.done ? Number.POSITIVE_INFINITY : next.value;
  };
  const out = createWriteStream(targetPath);
  const ending = Buffer.from(newline);
  let want = 1; // the header
  let line = 1;
  let pending: Buffer[] = [];
  let afterCr = false;

  for await (const chunk of createReadStream(sourcePath, { highWaterMark: 1 << 20 })) {
    if (!(chunk instanceof Buffer)) continue;
    let start = 0;
    if (afterCr && newline === '\r\n' && chunk[0] === LF) start = 1;
    afterCr = false;
    let nextLf = chunk.indexOf(LF, start);
    let nextCr = chunk.indexOf(CR, start);
    for (;;) {
      // Cached positions: searching afresh for a byte the chunk lacks would rescan it per line.
      if (nextLf >= 0 && nextLf < start) nextLf = chunk.indexOf(LF, start);
      if (nextCr >= 0 && nextCr < start) nextCr = chunk.indexOf(CR, start);
      const end = nextLf < 0 ? nextCr : nextCr < 0 ? nextLf : Math.min(nextLf, nextCr);
      if (end < 0) break;
      if (line === want) {
        await write(out, Buffer.concat([...pending, chunk.subarray(start, end), ending]));
        want = await nextWanted();
      }
      pending = [];
      line += 1;
      start = end + 1;
      if (chunk[end] === CR && newline === '\r\n') {
        if (start < chunk.length && chunk[start] === LF) start += 1;
        else if (start === chunk.length) afterCr = true;
      }
    }
    if (line === want && start < chunk.length) pending.push(Buffer.from(chunk.subarray(start)));
  }
  if (line === want && pending.length > 0) await write(out, Buffer.concat([...pending, ending]));
  out.end();
  await once(out, 'close');
}

async function write(out: WriteStream, bytes: Buffer): Promise<void> {
  if (!out.write(bytes)) await once(out, 'drain');
}
