import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countLineBreaks, parseCsvBody } from './csv-body';
import { FileRefusedError } from './file-refused';

async function* chunksOf(text: string, size: number): AsyncGenerator<Buffer> {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

async function parseAll(text: string, chunkSize = 7): Promise<{ cells: string[]; line: number }[]> {
  const records: { cells: string[]; line: number }[] = [];
  for await (const _ of parseCsvBody(chunksOf(text, chunkSize), 2, (cells, line) =>
    records.push({ cells, line }),
  )) {
    // Records arrive through the callback; the generator only paces the input.
  }
  return records;
}

const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);

describe('parseCsvBody', () => {
  it('numbers records by the physical line they start on after multi-line fields and blank lines', async () => {
    const text = 'a,"one\r\ntwo\r\nthree"\r\n\r\nb,c\r\nd,"x\ny"\ne,f\n\n\ng,h';
    expect(await parseAll(text)).toEqual([
      { cells: ['a', 'one\r\ntwo\r\nthree'], line: 2 },
      { cells: ['b', 'c'], line: 6 },
      { cells: ['d', 'x\ny'], line: 7 },
      { cells: ['e', 'f'], line: 9 },
      { cells: ['g', 'h'], line: 12 },
    ]);
  });

  it('keeps a quote inside an unquoted field as text', async () => {
    expect(await parseAll('王"小"明,1\n')).toEqual([{ cells: ['王"小"明', '1'], line: 2 }]);
  });

  it('refuses an unclosed quote at the line where the record starts', async () => {
    await expect(parseAll('a,b\nc,"open\nd,e\n')).rejects.toSatisfy(
      (error) => error instanceof FileRefusedError && error.errors[0]?.line === 3,
    );
  });

  it('gives every record its true start line whatever the content, line endings and chunking', async () => {
    const cell = fc.string({ unit: fc.constantFrom('a', '中', ',', '"', '\n', '\r\n', ' '), maxLength: 6 });
    const record = fc.array(cell, { minLength: 2, maxLength: 3 });
    const layout = fc.array(fc.tuple(record, fc.nat(2), fc.constantFrom('\n', '\r\n')), {
      minLength: 1,
      maxLength: 8,
    });
    await fc.assert(
      fc.asyncProperty(layout, fc.integer({ min: 1, max: 20 }), async (rows, chunkSize) => {
        let text = '';
        let line = 2;
        const expected: { cells: string[]; line: number }[] = [];
        for (const [cells, blankLines, ending] of rows) {
          text += ending.repeat(blankLines);
          line += blankLines;
          expected.push({ cells, line });
          const rendered = cells.map(quote).join(',');
          text += rendered + ending;
          line += 1 + countLineBreaks([rendered]);
        }
        expect(await parseAll(text, chunkSize)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});

describe('countLineBreaks', () => {
  it('counts CRLF once and LF once', () => {
    expect(countLineBreaks(['a\r\nb', 'c\nd\ne', 'f'])).toBe(3);
  });
});
