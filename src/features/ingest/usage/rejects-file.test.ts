import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyLines } from './rejects-file';

async function* from(lines: number[]): AsyncGenerator<number> {
  for (const line of lines) yield line;
}

describe('copyLines', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'vipdesk-rejects-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const copy = async (content: Buffer | string, newline: '\n' | '\r\n', lines: number[]) => {
    const source = join(dir, 'in.csv');
    const target = join(dir, 'out.csv');
    writeFileSync(source, content);
    await copyLines(source, target, newline, from(lines));
    return readFileSync(target);
  };

  it('copies the header and the asked lines byte for byte, invalid UTF-8 included', async () => {
    const content = Buffer.concat([
      Buffer.from('h\na\n'),
      Buffer.from([0x62, 0xff, 0x0a]),
      Buffer.from('c\nd'),
    ]);
    const out = await copy(content, '\n', [3, 5]);
    expect(out).toEqual(
      Buffer.concat([Buffer.from('h\n'), Buffer.from([0x62, 0xff, 0x0a]), Buffer.from('d\n')]),
    );
  });

  it('counts a CRLF as one line end in a CRLF file and keeps CRLF endings', async () => {
    expect((await copy('h\r\na\r\n\r\nb\r\n', '\r\n', [4])).toString()).toBe('h\r\nb\r\n');
  });

  it('counts a lone carriage return as a line end, as DuckDB does', async () => {
    expect((await copy('h\na\rb\nc\n', '\n', [3, 4])).toString()).toBe('h\nb\nc\n');
  });

  it('follows lines across read chunks', async () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `row-${i + 2}`);
    const out = await copy(`h\n${lines.join('\n')}\n`, '\n', [2, 100_001, 200_001]);
    expect(out.toString()).toBe('h\nrow-2\nrow-100001\nrow-200001\n');
  });
});
