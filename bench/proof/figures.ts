// The one shape every part of `npm run proof` reports in: a measured figure next to its target,
// so the summary can print them side by side and the run can fail on any that does not hold.

export type Figure = {
  /** Which part of the proof: load, crash, idempotency, fuzz, rate-limits, scale. */
  part: string;
  /** What was measured, e.g. "360 view p95" or "acknowledged writes lost". */
  name: string;
  /** The measured value, already in `unit`. */
  value: number;
  unit: string;
  /** The target in words, e.g. "< 200 ms" or "= 0". */
  target: string;
  pass: boolean;
  /**
   * A timing or throughput figure. The short CI version prints these but does not fail on them:
   * a timing asserted on a shared CI box tests the box, not the code.
   */
  timing?: true;
};

export type ProofOptions = {
  /** The short version CI runs: smaller operator, fewer rounds, same checks. */
  short: boolean;
};

export type ProofPart = (options: ProofOptions) => Promise<Figure[]>;

export function below(part: string, name: string, value: number, unit: string, ceiling: number): Figure {
  return { part, name, value, unit, target: `< ${ceiling} ${unit}`.trim(), pass: value < ceiling };
}

export function atMost(part: string, name: string, value: number, unit: string, ceiling: number): Figure {
  return { part, name, value, unit, target: `≤ ${ceiling} ${unit}`.trim(), pass: value <= ceiling };
}

export function atLeast(part: string, name: string, value: number, unit: string, floor: number): Figure {
  return { part, name, value, unit, target: `≥ ${floor} ${unit}`.trim(), pass: value >= floor };
}

export function exactly(part: string, name: string, value: number, unit: string, expected: number): Figure {
  return { part, name, value, unit, target: `= ${expected} ${unit}`.trim(), pass: value === expected };
}

/** Marks a figure as a timing (see `Figure.timing`). */
export function timing(figure: Figure): Figure {
  return { ...figure, timing: true };
}

/** Whether a figure decides the run: in the short version timings are printed only. */
export function counts(figure: Figure, options: ProofOptions): boolean {
  return !(options.short && figure.timing);
}

/** A fixed-width table of figures, one per line, with PASS or FAIL. */
export function formatFigures(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.part,
    f.name,
    `${formatValue(f.value)} ${f.unit}`.trim(),
    f.target,
    f.pass ? 'PASS' : 'FAIL',
  ]);
  const header = ['part', 'figure', 'measured', 'target', 'result'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

function formatValue(value: number): string {
  if (Number.isInteger(value)) return value.toLocaleString('en-US');
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
