import { describe, expect, it } from 'vitest';
import { matchHeader, parseFileHead } from './header';

const EXPECTED = ['msisdn', 'date', 'calls_out'];

describe('matchHeader', () => {
  it('returns canonical names in file order when names differ in case, spaces and quotes', () => {
    expect(matchHeader(' Date ,"MSISDN",calls_out', EXPECTED)).toEqual(['date', 'msisdn', 'calls_out']);
  });

  it('names semicolons when the file is semicolon-delimited', () => {
    expect(matchHeader('msisdn;date;calls_out', EXPECTED)).toEqual([
      { line: 1, column: null, reason: expect.stringContaining('semicolons (;)') },
    ]);
  });

  it('names tabs when the file is tab-delimited', () => {
    expect(matchHeader('msisdn\tdate\tcalls_out', EXPECTED)).toEqual([
      { line: 1, column: null, reason: expect.stringContaining('tabs') },
    ]);
  });

  it('reports an unknown column and a missing one together', () => {
    expect(matchHeader('msisdn,dat,calls_out', EXPECTED)).toEqual([
      { line: 1, column: 'dat', reason: "unknown column 'dat'; expected: msisdn, date, calls_out" },
      { line: 1, column: 'date', reason: "missing required column 'date'" },
    ]);
  });

  it('reports a column that appears twice', () => {
    expect(matchHeader('msisdn,date,calls_out,date', EXPECTED)).toEqual([
      { line: 1, column: 'date', reason: "column 'date' appears more than once" },
    ]);
  });
});

describe('parseFileHead', () => {
  const head = (text: string | Buffer) => {
    const bytes = typeof text === 'string' ? Buffer.from(text) : text;
    return parseFileHead(bytes, bytes.length);
  };

  it('drops a byte-order mark and notes CRLF line endings', () => {
    expect(head('\uFEFFmsisdn,date\r\n1,2\r\n')).toEqual({
      header: 'msisdn,date',
      newline: '\r\n',
      totalBytes: 21,
    });
  });

  it('refuses an empty file', () => {
    expect(head('')).toMatchObject({ line: 1, reason: expect.stringContaining('empty') });
  });

  it('refuses a header that is not valid UTF-8', () => {
    expect(head(Buffer.from([0x6d, 0xff, 0x2c, 0x64, 0x0a]))).toMatchObject({
      line: 1,
      reason: expect.stringContaining('not valid UTF-8'),
    });
  });

  it('refuses a UTF-16 file', () => {
    expect(head(Buffer.from('\uFEFFmsisdn,date\n', 'utf16le'))).toMatchObject({
      reason: expect.stringContaining('UTF-16'),
    });
  });
});
