import { describe, expect, it } from 'vitest';
import { checkHeader, detectForeignDelimiter, parseHeaderCells } from './header-check';

const COLUMNS = [
  { name: 'msisdn', required: true },
  { name: 'name', required: true },
  { name: 'district', required: false },
];

describe('detectForeignDelimiter', () => {
  it('names the separator of a header with no comma', () => {
    expect(detectForeignDelimiter('msisdn;name;city')).toBe('semicolons (;)');
    expect(detectForeignDelimiter('msisdn\tname\tcity')).toBe('tabs');
    expect(detectForeignDelimiter('msisdn|name|city')).toBe('vertical bars (|)');
  });

  it('accepts a comma-separated header, even with other separators quoted inside names', () => {
    expect(detectForeignDelimiter('msisdn,name')).toBeUndefined();
    expect(detectForeignDelimiter('"a;b","c;d"')).toBe(undefined);
    expect(detectForeignDelimiter('msisdn')).toBeUndefined();
  });
});

describe('parseHeaderCells', () => {
  it('unquotes quoted names', () => {
    expect(parseHeaderCells('"msisdn","name, full"')).toEqual(['msisdn', 'name, full']);
  });
});

describe('checkHeader', () => {
  it('maps names in any order and case to their positions', () => {
    const index = checkHeader([' Name ', 'MSISDN'], COLUMNS);
    expect(index).toEqual(
      new Map([
        ['name', 0],
        ['msisdn', 1],
      ]),
    );
  });

  it('lists unknown, repeated, unnamed and missing columns together', () => {
    expect(checkHeader(['msisdn', 'msisdn', 'nmae', ''], COLUMNS)).toEqual([
      { line: 1, column: 'msisdn', reason: 'column appears twice in the header' },
      { line: 1, column: 'nmae', reason: 'unknown column; the columns are msisdn, name, district' },
      { line: 1, column: null, reason: 'column 4 of the header has no name' },
      { line: 1, column: 'name', reason: 'required column is missing from the header' },
    ]);
  });
});
