import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CITUS_PLAN } from '#src/db/distribution';

// docs/scaling.md shows the distribution plan as a table; the plan itself is code. This keeps the
// two from drifting: the table between the markers must list exactly the plan, row for row.
const DOC = new URL('../../docs/scaling.md', import.meta.url);

function documentedPlan(markdown: string): string[] {
  const begin = markdown.indexOf('<!-- citus-plan:begin -->');
  const end = markdown.indexOf('<!-- citus-plan:end -->');
  if (begin < 0 || end < begin) throw new Error('docs/scaling.md has no citus-plan markers');
  return markdown
    .slice(begin, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => line.replaceAll('`', '').replace(/\s+/g, ' ').trim());
}

function codedPlan(): string[] {
  return Object.entries(CITUS_PLAN).map(([table, placement]) => {
    const column = placement.kind === 'distributed' ? placement.column : '—';
    return `| ${table} | ${placement.kind} | ${column} |`;
  });
}

describe('docs/scaling.md', () => {
  it('shows the distribution plan of src/db/distribution.ts, table for table', () => {
    const documented = documentedPlan(readFileSync(DOC, 'utf8'));
    expect([...documented].sort()).toEqual([...codedPlan()].sort());
  });
});
