import { describe, expect, it } from 'vitest';
import { csvCell } from './daily-summary-csv';
import { dailyCronPattern } from './daily-summary-job';

describe('csvCell', () => {
  it('quotes separators, quotes and line breaks', () => {
    expect(csvCell('张三')).toBe('张三');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-3)).toBe('-3');
  });

  it('defuses text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });
});

describe('dailyCronPattern', () => {
  it('turns HH:MM into a daily cron pattern and refuses anything else', () => {
    expect(dailyCronPattern('07:30')).toBe('30 7 * * *');
    expect(() => dailyCronPattern('7:30')).toThrow(/HH:MM/);
    expect(() => dailyCronPattern('24:00')).toThrow(/HH:MM/);
  });
});
