// Maps every feature to at most 255 bins for the histogram trees. Bin 0 is "missing" (NaN, null, or a
// category never seen in training); numeric values fall in quantile bins 1..k, categories in 1..k by
// training frequency.
import type { Column } from './table';

export const MAX_BINS = 255;

/** Bin b ≥ 1 holds values ≤ upper[b-1] (and above upper[b-2]); the last bin holds everything larger. */
export type NumericBinner = { kind: 'numeric'; name: string; upper: number[] };
export type CategoricalBinner = { kind: 'categorical'; name: string; categories: string[] };
export type Binner = NumericBinner | CategoricalBinner;

export function binCount(binner: Binner): number {
  return binner.kind === 'numeric' ? binner.upper.length + 2 : binner.categories.length + 1;
}

export function fitBinner(column: Column, maxBins = MAX_BINS): Binner {
  if (column.kind === 'categorical') {
    const counts = new Map<string, number>();
    for (const value of column.values) if (value !== null) counts.set(value, (counts.get(value) ?? 0) + 1);
    const categories = [...counts.entries()]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .slice(0, maxBins - 1)
      .map(([category]) => category);
    return { kind: 'categorical', name: column.name, categories };
  }
  return { kind: 'numeric', name: column.name, upper: quantileEdges(column.values, maxBins - 1) };
}

function quantileEdges(values: Float64Array, maxValueBins: number): number[] {
  const present = values.filter((v) => !Number.isNaN(v)).sort();
  if (present.length === 0) return [];
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const v of present) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === v)
      counts[counts.length - 1] = (counts.at(-1) ?? 0) + 1;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const edges: number[] = [];
  if (distinct.length <= maxValueBins) {
    for (let i = 0; i + 1 < distinct.length; i++)
      edges.push(midpoint(distinct[i] ?? 0, distinct[i + 1] ?? 0));
    return edges;
  }
  const perBin = present.length / maxValueBins;
  let cumulative = 0;
  let nextCut = perBin;
  for (let i = 0; i + 1 < distinct.length; i++) {
    cumulative += counts[i] ?? 0;
    if (cumulative >= nextCut) {
      edges.push(midpoint(distinct[i] ?? 0, distinct[i + 1] ?? 0));
      while (nextCut <= cumulative) nextCut += perBin;
      if (edges.length >= maxValueBins - 1) break;
    }
  }
  return edges;
}

function midpoint(a: number, b: number): number {
  const mid = a + (b - a) / 2;
  return mid === b ? a : mid;
}

function numericBin(upper: number[], value: number): number {
  if (Number.isNaN(value)) return 0;
  let lo = 0;
  let hi = upper.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((upper[mid] ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo + 1;
}

/**
 * Writes the bins of `column` into `out` at out[offset + i * stride]: stride 1 with an offset per
 * feature gives the column-major training layout, stride = feature count the row-major scoring one.
 */
export function binColumn(
  binner: Binner,
  column: Column,
  out: Uint8Array,
  offset: number,
  stride: number,
  from = 0,
  to = column.values.length,
): void {
  if (binner.kind === 'numeric') {
    if (column.kind !== 'numeric') throw new Error(`column '${column.name}' should be numeric`);
    for (let i = from; i < to; i++)
      out[offset + (i - from) * stride] = numericBin(binner.upper, column.values[i] ?? Number.NaN);
    return;
  }
  if (column.kind !== 'categorical') throw new Error(`column '${column.name}' should be categorical`);
  const codes = new Map<string, number>();
  binner.categories.forEach((category, index) => {
    codes.set(category, index + 1);
  });
  for (let i = from; i < to; i++) {
    const value = column.values[i];
    out[offset + (i - from) * stride] = value === null || value === undefined ? 0 : (codes.get(value) ?? 0);
  }
}

/** Column-major bins (feature f of row i at f * rows + i) for training. */
export function binColumnMajor(binners: Binner[], columns: Column[], rows: number): Uint8Array {
  const out = new Uint8Array(binners.length * rows);
  binners.forEach((binner, f) => {
    const column = columns[f];
    if (!column) throw new Error(`no column for feature '${binner.name}'`);
    binColumn(binner, column, out, f * rows, 1);
  });
  return out;
}
