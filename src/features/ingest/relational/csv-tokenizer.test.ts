import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CsvTokenizer, MAX_RECORD_CHARS } from './csv-tokenizer';
import { FileRefusedError } from './file-refused';

/** The options csv-body.ts used with csv-parse before the tokenizer replaced it. */
const CSV_PARSE_OPTIONS = {
  delimiter: ',',
  record_delimiter: ['\r\n', '\n'],
  relax_column_count: true,
  relax_quotes: true,
  skip_empty_lines: true,
};

type Outcome = { records: string[][] } | { refusedAtLine: number | undefined };

function tokenize(text: string, cuts: readonly number[] = []): Outcome {
  const records: string[][] = [];
  const tokenizer = new CsvTokenizer(2, (cells) => records.push(cells));
  try {
    let from = 0;
    for (const cut of [...cuts].sort((a, b) => a - b)) {
      tokenizer.push(text.slice(from, cut), false);
      from = cut;
    }
    tokenizer.push(text.slice(from), true);
  } catch (error) {
    if (error instanceof FileRefusedError) return { refusedAtLine: error.errors[0]?.line };
    throw error;
  }
  return { records };
}

function csvParse(text: string): Outcome {
  try {
    const records: string[][] = parse(text, CSV_PARSE_OPTIONS);
    return { records };
  } catch {
    return { refusedAtLine: undefined };
  }
}

/** Refusals are compared as refusals; csv-parse's own line numbers drift after quoted CRLFs. */
function comparable(outcome: Outcome): Outcome {
  return 'records' in outcome ? outcome : { refusedAtLine: undefined };
}

/** CSV-ish text made of the characters that matter to a tokenizer, in any order, valid or not. */
const anyText = fc.string({
  unit: fc.constantFrom('a', 'b', '中', ',', '"', '\n', '\r', '\r\n', ' '),
  maxLength: 40,
});

/** Well-formed CSV: every field quoted when it needs it, sometimes when it does not. */
const wellFormed = fc
  .array(
    fc.tuple(
      fc.array(
        fc.tuple(
          fc.string({ unit: fc.constantFrom('x', '中', ',', '"', '\n', '\r\n', ' '), maxLength: 5 }),
          fc.boolean(),
        ),
        { minLength: 1, maxLength: 4 },
      ),
      fc.constantFrom('\n', '\r\n', '\n\n', '\r\n\r\n'),
    ),
    { minLength: 1, maxLength: 6 },
  )
  .map((rows) =>
    rows
      .map(
        ([cells, ending]) =>
          cells
            .map(([cell, alwaysQuote]) =>
              alwaysQuote || /[",\r\n]/.test(cell) || cell === '' ? `"${cell.replaceAll('"', '""')}"` : cell,
            )
            .join(',') + ending,
      )
      .join(''),
  );

const cutsOf = (text: string) => fc.uniqueArray(fc.integer({ min: 0, max: text.length }), { maxLength: 6 });

describe('CsvTokenizer', () => {
  it('reads any text exactly as csv-parse does, refusals included', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(comparable(tokenize(text))).toEqual(csvParse(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads well-formed CSV exactly as csv-parse does, however it is cut into chunks', () => {
    fc.assert(
      fc.property(
        wellFormed.chain((text) => fc.tuple(fc.constant(text), cutsOf(text))),
        ([text, cuts]) => {
          expect(tokenize(text, cuts)).toEqual(csvParse(text));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('gives the same records and line numbers wherever the chunk boundaries fall', () => {
    fc.assert(
      fc.property(
        anyText.chain((text) => fc.tuple(fc.constant(text), cutsOf(text))),
        ([text, cuts]) => {
          const lines = (cutAt: readonly number[]) => {
            const seen: number[] = [];
            const tokenizer = new CsvTokenizer(2, (_cells, line) => seen.push(line));
            try {
              let from = 0;
              for (const cut of [...cutAt].sort((a, b) => a - b)) {
                tokenizer.push(text.slice(from, cut), false);
                from = cut;
              }
              tokenizer.push(text.slice(from), true);
            } catch (error) {
              if (!(error instanceof FileRefusedError)) throw error;
            }
            return seen;
          };
          expect(tokenize(text, cuts)).toEqual(tokenize(text));
          expect(lines(cuts)).toEqual(lines([]));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('reads a quote that does not close its field as csv-parse 7 does: the field turns unquoted', () => {
    expect(tokenize('"a"b,c\n"d" ,e"\n"x""y"z\n')).toEqual({
      records: [['"a"b', 'c'], ['"d" ', 'e"'], ['"x"y"z']],
    });
  });

  it('keeps a lone carriage return inside a field', () => {
    expect(tokenize('a\rb,c\r\n"d"\r')).toEqual({ records: [['a\rb', 'c'], ['"d"\r']] });
  });

  it('refuses a record longer than the limit at the line where it starts', () => {
    const tokenizer = new CsvTokenizer(2, () => undefined);
    tokenizer.push('a,b\n', false);
    const long = `"${'x'.repeat(MAX_RECORD_CHARS)}`;
    expect(() => tokenizer.push(long, false)).toThrow(FileRefusedError);
  });
});
