import { describe, expect, it } from 'vitest';
import { parseCsvTable } from './read-csv-table';

function csv(rows: string[]): string {
  return `${rows.join('\n')}\n`;
}

const header = 'customerID,plan,tenure,TotalCharges,Churn';
const body = Array.from({ length: 25 }, (_, i) =>
  [
    `ID-${i}`,
    i % 2 ? 'gold' : 'basic',
    String(i),
    i === 3 ? ' ' : `${(i * 10.5).toFixed(1)}`,
    i % 3 ? 'No' : 'Yes',
  ].join(','),
);

describe('parseCsvTable', () => {
  it('does drop identifier columns and read text numbers with blanks as numeric when detecting kinds', () => {
    const result = parseCsvTable(csv([header, ...body]), { label: 'Churn' });
    expect(result.dropped).toEqual([{ name: 'customerID', reason: 'identifier (by name)' }]);
    expect(result.table.columns.map((c) => [c.name, c.kind])).toEqual([
      ['plan', 'categorical'],
      ['tenure', 'numeric'],
      ['TotalCharges', 'numeric'],
    ]);
    const total = result.table.columns[2];
    expect(total?.kind === 'numeric' && Number.isNaN(total.values[3] ?? 0)).toBe(true);
    expect(total?.kind === 'numeric' && total.values[4]).toBe(42);
    expect(result.positive).toBe('Yes');
    expect(Array.from(result.labels.slice(0, 4))).toEqual([1, 0, 0, 1]);
  });

  it('does drop a text column with a different value in every row even when its name is not id-like', () => {
    const rows = [
      'ref,plan,Churn',
      ...Array.from({ length: 30 }, (_, i) => `R${i}x,${i % 2 ? 'a' : 'b'},${i % 2}`),
    ];
    const result = parseCsvTable(csv(rows), { label: 'Churn' });
    expect(result.dropped.map((d) => d.name)).toEqual(['ref']);
    expect(result.positive).toBe('1');
  });

  it('does report the line, column and value when a label is bad', () => {
    const rows = [header, ...body.slice(0, 5), 'ID-x,gold,3,10,Maybe', ...body.slice(5)];
    expect(() => parseCsvTable(csv(rows), { label: 'Churn' })).toThrow(
      /line 7, column 'Churn': unexpected label 'Maybe'/,
    );
    const missing = [header, ...body.slice(0, 2), 'ID-y,gold,3,10,', ...body.slice(2)];
    expect(() => parseCsvTable(csv(missing), { label: 'Churn', positive: 'Yes' })).toThrow(
      /line 4, column 'Churn': the label is missing/,
    );
  });

  it('does ask for --positive when the label values are not recognised', () => {
    const rows = ['x,Status', ...Array.from({ length: 10 }, (_, i) => `${i},${i % 2 ? 'left' : 'kept'}`)];
    expect(() => parseCsvTable(csv(rows), { label: 'Status' })).toThrow(/pass --positive/);
    expect(parseCsvTable(csv(rows), { label: 'Status', positive: 'left' }).labels[1]).toBe(1);
  });

  it('does name the label column and list the columns when the label is absent', () => {
    expect(() => parseCsvTable(csv([header, ...body]), { label: 'churned' })).toThrow(
      /no label column 'churned'/,
    );
  });
});
