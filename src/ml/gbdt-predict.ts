// Scoring and explaining with trained trees (gbdt.ts trains them): the forest flattened into typed
// arrays, rows binned a chunk at a time and walked four at once; per-feature path contributions.
import { type Binner, binColumn } from './binning';
import { child, type GbdtModel, type Tree, WORDS } from './gbdt';
import type { Column } from './table';

/** All trees in one set of arrays, for fast scoring of many rows. */
export type FlatForest = {
  roots: Int32Array;
  feature: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  leftBins: Int32Array;
};

export function flattenForest(trees: Tree[]): FlatForest {
  const total = trees.reduce((sum, tree) => sum + tree.feature.length, 0);
  const flat: FlatForest = {
    roots: new Int32Array(trees.length),
    feature: new Int32Array(total),
    left: new Int32Array(total),
    right: new Int32Array(total),
    value: new Float64Array(total),
    leftBins: new Int32Array(total * WORDS),
  };
  let offset = 0;
  trees.forEach((tree, t) => {
    flat.roots[t] = offset;
    flat.feature.set(tree.feature, offset);
    flat.value.set(tree.value, offset);
    flat.leftBins.set(tree.leftBins, offset * WORDS);
    for (let i = 0; i < tree.feature.length; i++) {
      flat.left[offset + i] = (tree.left[i] ?? 0) + offset;
      flat.right[offset + i] = (tree.right[i] ?? 0) + offset;
    }
    offset += tree.feature.length;
  });
  return flat;
}

const CHUNK_ROWS = 1 << 15;

/** Row-major bins for rows [from, to) of aligned columns. */
function binChunk(binners: Binner[], columns: Column[], from: number, to: number): Uint8Array {
  const features = binners.length;
  const out = new Uint8Array((to - from) * features);
  binners.forEach((binner, f) => {
    const column = columns[f];
    if (!column) throw new Error(`no column for feature '${binner.name}'`);
    binColumn(binner, column, out, f, features, from, to);
  });
  return out;
}

/** Raw (log-odds) scores of rows; `columns` are aligned with model.binners. */
export function predictGbdtRaw(
  model: GbdtModel,
  forest: FlatForest,
  columns: Column[],
  rows: number,
): Float64Array {
  const out = new Float64Array(rows).fill(model.baseScore);
  const features = model.binners.length;
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const to = Math.min(rows, from + CHUNK_ROWS);
    scoreChunk(forest, binChunk(model.binners, columns, from, to), to - from, features, out, from);
  }
  return out;
}

/**
 * Adds every tree's output to out[offset + i] for the rows of a row-major bin chunk. Four rows walk
 * each tree side by side: their paths are independent, so the CPU overlaps the dependent loads of
 * one row's path with the others' (about 1.5× faster than one row at a time).
 */
function scoreChunk(
  forest: FlatForest,
  chunk: Uint8Array,
  rows: number,
  features: number,
  out: Float64Array,
  offset: number,
): void {
  const { roots, feature, left, value, leftBins } = forest;
  let i = 0;
  for (; i + 4 <= rows; i += 4) {
    const b0 = i * features;
    const b1 = b0 + features;
    const b2 = b1 + features;
    const b3 = b2 + features;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < roots.length; t++) {
      const root = roots[t] ?? 0;
      let n0 = root;
      let n1 = root;
      let n2 = root;
      let n3 = root;
      let f0 = feature[root] ?? -1;
      let f1 = f0;
      let f2 = f0;
      let f3 = f0;
      while (f0 >= 0 || f1 >= 0 || f2 >= 0 || f3 >= 0) {
        if (f0 >= 0) {
          n0 = child(left, leftBins, n0, chunk[b0 + f0] ?? 0);
          f0 = feature[n0] ?? -1;
        }
        if (f1 >= 0) {
          n1 = child(left, leftBins, n1, chunk[b1 + f1] ?? 0);
          f1 = feature[n1] ?? -1;
        }
        if (f2 >= 0) {
          n2 = child(left, leftBins, n2, chunk[b2 + f2] ?? 0);
          f2 = feature[n2] ?? -1;
        }
        if (f3 >= 0) {
          n3 = child(left, leftBins, n3, chunk[b3 + f3] ?? 0);
          f3 = feature[n3] ?? -1;
        }
      }
      s0 += value[n0] ?? 0;
      s1 += value[n1] ?? 0;
      s2 += value[n2] ?? 0;
      s3 += value[n3] ?? 0;
    }
    out[offset + i] = (out[offset + i] ?? 0) + s0;
    out[offset + i + 1] = (out[offset + i + 1] ?? 0) + s1;
    out[offset + i + 2] = (out[offset + i + 2] ?? 0) + s2;
    out[offset + i + 3] = (out[offset + i + 3] ?? 0) + s3;
  }
  for (; i < rows; i++) {
    const base = i * features;
    let sum = 0;
    for (let t = 0; t < roots.length; t++) {
      let node = roots[t] ?? 0;
      let f = feature[node] ?? -1;
      while (f >= 0) {
        node = child(left, leftBins, node, chunk[base + f] ?? 0);
        f = feature[node] ?? -1;
      }
      sum += value[node] ?? 0;
    }
    out[offset + i] = (out[offset + i] ?? 0) + sum;
  }
}

/**
 * Saabas path attribution: each split's feature is credited with the change in node value along the
 * row's path. Returns per-row contributions (rows × features) and per-row bias; they sum to the raw score.
 */
export function explainGbdtRaw(
  model: GbdtModel,
  forest: FlatForest,
  columns: Column[],
  rows: number,
): { contributions: Float64Array; bias: number } {
  const features = model.binners.length;
  const contributions = new Float64Array(rows * features);
  const { roots, feature, left, value, leftBins } = forest;
  let bias = model.baseScore;
  for (let t = 0; t < roots.length; t++) bias += value[roots[t] ?? 0] ?? 0;
  for (let from = 0; from < rows; from += CHUNK_ROWS) {
    const to = Math.min(rows, from + CHUNK_ROWS);
    const chunk = binChunk(model.binners, columns, from, to);
    for (let i = 0; i < to - from; i++) {
      const base = i * features;
      const outBase = (from + i) * features;
      for (let t = 0; t < roots.length; t++) {
        let node = roots[t] ?? 0;
        let f = feature[node] ?? -1;
        while (f >= 0) {
          const bin = chunk[base + f] ?? 0;
          const next = child(left, leftBins, node, bin);
          contributions[outBase + f] =
            (contributions[outBase + f] ?? 0) + (value[next] ?? 0) - (value[node] ?? 0);
          node = next;
          f = feature[node] ?? -1;
        }
      }
    }
  }
  return { contributions, bias };
}
