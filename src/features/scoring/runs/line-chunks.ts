import { createReadStream } from 'node:fs';

/**
 * Reads a text file as chunks that each end on a line break, so every chunk is whole CSV lines
 * (PGlite runs one COPY per chunk). Memory stays at about one chunk.
 */
export async function* readLineChunks(path: string, chunkBytes = 4 * 1024 * 1024): AsyncGenerator<string> {
  let carry = '';
  for await (const piece of createReadStream(path, { encoding: 'utf8', highWaterMark: chunkBytes })) {
    const text = carry + String(piece);
    const cut = text.lastIndexOf('\n');
    if (cut < 0) {
      carry = text;
      continue;
    }
    carry = text.slice(cut + 1);
    yield text.slice(0, cut + 1);
  }
  if (carry.length > 0) yield carry.endsWith('\n') ? carry : `${carry}\n`;
}
