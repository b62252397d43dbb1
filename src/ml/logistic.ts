// L2-regularised logistic regression fitted by Newton's method (IRLS). Numeric features: median
// imputation, standardisation, optionally quantile-bin indicators (a piecewise-constant correction
// the CV grid may choose) and a missing indicator; categorical features: one-hot, unseen ignored.
// Rows are stored sparsely (one or two entries per feature), so the Hessian costs rows × nnz², not
// rows × columns².
import type { Column } from './table';

const MAX_LEVELS = 200;

export type LogisticParams = { c: number; bins: number };

export type LogisticFeature =
  | {
      kind: 'numeric';
      name: string;
      first: number;
      median: number;
      mean: number;
      scale: number;
      edges: number[];
      missingColumn: number;
    }
  | { kind: 'categorical'; name: string; first: number; levels: string[] };

export type LogisticModel = {
  params: LogisticParams;
  features: LogisticFeature[];
  /** coef[0] is the intercept. */
  coef: Float64Array;
  /** Per feature, Σ coef·(training mean) over its columns; contributions are measured from it. */
  featureOffsets: Float64Array;
};

type Design = { rows: number; stride: number; cols: Int32Array; vals: Float64Array; width: number };

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

function quantileBinEdges(values: number[], bins: number): number[] {
  if (bins < 2) return [];
  const sorted = Float64Array.from(values).sort();
  const distinct = new Set(sorted);
  if (distinct.size <= bins) return [];
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const q = sorted[Math.floor((k * sorted.length) / bins)] ?? 0;
    if (edges.length === 0 || q > (edges[edges.length - 1] ?? 0)) edges.push(q);
  }
  return edges;
}

function binOf(edges: number[], value: number): number {
  let bin = 0;
  while (bin < edges.length && value >= (edges[bin] ?? 0)) bin++;
  return bin;
}

export function fitLogisticFeatures(
  columns: Column[],
  params: LogisticParams,
): { features: LogisticFeature[]; width: number } {
  let next = 1;
  const features = columns.map((column): LogisticFeature => {
    if (column.kind === 'categorical') {
      const counts = new Map<string, number>();
      for (const v of column.values) if (v !== null) counts.set(v, (counts.get(v) ?? 0) + 1);
      const levels = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
        .slice(0, MAX_LEVELS)
        .map(([level]) => level);
      const feature: LogisticFeature = { kind: 'categorical', name: column.name, first: next, levels };
      next += levels.length;
      return feature;
    }
    const present: number[] = [];
    for (const v of column.values) if (!Number.isNaN(v)) present.push(v);
    const med = median(present);
    let sum = 0;
    let sumSq = 0;
    for (const v of column.values) {
      const x = Number.isNaN(v) ? med : v;
      sum += x;
      sumSq += x * x;
    }
    const n = Math.max(1, column.values.length);
    const mean = sum / n;
    const scale = Math.sqrt(Math.max(0, sumSq / n - mean * mean)) || 1;
    const edges = quantileBinEdges(present, params.bins);
    const first = next;
    next += 1 + (edges.length > 0 ? edges.length + 1 : 0);
    const missingColumn = present.length < column.values.length ? next++ : -1;
    return { kind: 'numeric', name: column.name, first, median: med, mean, scale, edges, missingColumn };
  });
  return { features, width: next };
}

function encode(features: LogisticFeature[], columns: Column[], rows: number, width: number): Design {
  let stride = 1;
  for (const f of features)
    stride += f.kind === 'numeric' ? 1 + (f.edges.length > 0 ? 1 : 0) + (f.missingColumn >= 0 ? 1 : 0) : 1;
  const cols = new Int32Array(rows * stride).fill(-1);
  const vals = new Float64Array(rows * stride);
  for (let i = 0; i < rows; i++) {
    cols[i * stride] = 0;
    vals[i * stride] = 1;
  }
  let slot = 1;
  features.forEach((feature, index) => {
    const column = columns[index];
    if (!column) throw new Error(`no column for feature '${feature.name}'`);
    if (feature.kind === 'categorical') {
      if (column.kind !== 'categorical') throw new Error(`column '${feature.name}' should be categorical`);
      const codes = new Map(feature.levels.map((level, k) => [level, feature.first + k]));
      for (let i = 0; i < rows; i++) {
        const value = column.values[i];
        const code = value === null || value === undefined ? undefined : codes.get(value);
        if (code !== undefined) {
          cols[i * stride + slot] = code;
          vals[i * stride + slot] = 1;
        }
      }
      slot += 1;
      return;
    }
    if (column.kind !== 'numeric') throw new Error(`column '${feature.name}' should be numeric`);
    const withBins = feature.edges.length > 0;
    for (let i = 0; i < rows; i++) {
      const raw = column.values[i] ?? Number.NaN;
      const missing = Number.isNaN(raw);
      const x = missing ? feature.median : raw;
      const at = i * stride + slot;
      cols[at] = feature.first;
      vals[at] = (x - feature.mean) / feature.scale;
      if (withBins) {
        cols[at + 1] = feature.first + 1 + binOf(feature.edges, x);
        vals[at + 1] = 1;
      }
      if (feature.missingColumn >= 0 && missing) {
        cols[at + (withBins ? 2 : 1)] = feature.missingColumn;
        vals[at + (withBins ? 2 : 1)] = 1;
      }
    }
    slot += 1 + (withBins ? 1 : 0) + (feature.missingColumn >= 0 ? 1 : 0);
  });
  return { rows, stride, cols, vals, width };
}

function linear(design: Design, coef: Float64Array, out: Float64Array): void {
  const { rows, stride, cols, vals } = design;
  for (let i = 0; i < rows; i++) {
    let z = 0;
    for (let k = i * stride; k < (i + 1) * stride; k++) {
      const c = cols[k] ?? -1;
      if (c >= 0) z += (coef[c] ?? 0) * (vals[k] ?? 0);
    }
    out[i] = z;
  }
}

function penalisedLoss(
  design: Design,
  labels: Uint8Array,
  coef: Float64Array,
  lambda: number,
  z: Float64Array,
): number {
  linear(design, coef, z);
  let loss = 0;
  for (let i = 0; i < design.rows; i++) {
    const zi = z[i] ?? 0;
    loss += (zi > 0 ? zi + Math.log1p(Math.exp(-zi)) : Math.log1p(Math.exp(zi))) - (labels[i] ?? 0) * zi;
  }
  for (let j = 1; j < coef.length; j++) loss += 0.5 * lambda * (coef[j] ?? 0) ** 2;
  return loss;
}

/** Solves A x = b in place for a symmetric positive-definite A (upper triangle filled) by Cholesky. */
function choleskySolve(a: Float64Array, b: Float64Array, p: number): Float64Array {
  for (let i = 0; i < p; i++) for (let j = 0; j < i; j++) a[i * p + j] = a[j * p + i] ?? 0;
  for (let j = 0; j < p; j++) {
    let d = a[j * p + j] ?? 0;
    for (let k = 0; k < j; k++) d -= (a[j * p + k] ?? 0) ** 2;
    d = Math.sqrt(Math.max(d, 1e-12));
    a[j * p + j] = d;
    for (let i = j + 1; i < p; i++) {
      let s = a[i * p + j] ?? 0;
      for (let k = 0; k < j; k++) s -= (a[i * p + k] ?? 0) * (a[j * p + k] ?? 0);
      a[i * p + j] = s / d;
    }
  }
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i] ?? 0;
    for (let k = 0; k < i; k++) s -= (a[i * p + k] ?? 0) * (y[k] ?? 0);
    y[i] = s / (a[i * p + i] ?? 1);
  }
  const x = new Float64Array(p);
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i] ?? 0;
    for (let k = i + 1; k < p; k++) s -= (a[k * p + i] ?? 0) * (x[k] ?? 0);
    x[i] = s / (a[i * p + i] ?? 1);
  }
  return x;
}

const HESSIAN_ROWS = 20_000;
/** Above this many encoded columns the p×p Newton system costs more than L-BFGS steps. */
const NEWTON_MAX_COLUMNS = 300;

/**
 * Fits by Newton steps with a backtracking line search. The gradient uses every row; on large
 * tables the Hessian is estimated from an evenly spaced sample of rows (sub-sampled Newton), which
 * keeps each step cheap and still converges because every step must lower the exact loss.
 * `start` (coefficients of a fit with the same features) warm-starts a fit for another C.
 */
export function trainLogistic(
  columns: Column[],
  rows: number,
  labels: Uint8Array,
  params: LogisticParams,
  start?: Float64Array,
): LogisticModel {
  const { features, width } = fitLogisticFeatures(columns, params);
  const design = encode(features, columns, rows, width);
  const p = width;
  const lambda = 1 / params.c;
  const coef = new Float64Array(p);
  let positives = 0;
  for (let i = 0; i < rows; i++) positives += labels[i] ?? 0;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, rows)));
  coef[0] = Math.log(rate / (1 - rate));
  if (start && start.length === p) coef.set(start);
  const hessianStep = Math.max(1, Math.floor(rows / HESSIAN_ROWS));
  if (p > NEWTON_MAX_COLUMNS) {
    if (!start && hessianStep > 1) {
      const sample = everyNthRow(design, labels, hessianStep);
      fitLbfgs(sample.design, sample.labels, coef, lambda);
    }
    fitLbfgs(design, labels, coef, lambda);
  } else fitNewton(design, labels, coef, lambda, hessianStep);
  // Contributions are measured from the training mean of each encoded column.
  const means = new Float64Array(p);
  const { cols, vals } = design;
  for (let k = 0; k < cols.length; k++) {
    const c = cols[k] ?? -1;
    if (c >= 0) means[c] = (means[c] ?? 0) + (vals[k] ?? 0) / rows;
  }
  const featureOffsets = new Float64Array(features.length);
  features.forEach((feature, f) => {
    const last = f + 1 < features.length ? (features[f + 1]?.first ?? p) : p;
    let offset = 0;
    for (let j = feature.first; j < last; j++) offset += (coef[j] ?? 0) * (means[j] ?? 0);
    featureOffsets[f] = offset;
  });
  return { params, features, coef, featureOffsets };
}

const SCORE_CHUNK_ROWS = 1 << 15;

/** Rows [from, to) of the columns, without copying numeric values. */
function sliceColumns(columns: Column[], from: number, to: number): Column[] {
  return columns.map(
    (column): Column =>
      column.kind === 'numeric'
        ? { name: column.name, kind: 'numeric', values: column.values.subarray(from, to) }
        : { name: column.name, kind: 'categorical', values: column.values.slice(from, to) },
  );
}

/** Encodes and handles the rows a chunk at a time, so scoring a million rows stays small in memory. */
function forEachChunk(
  model: LogisticModel,
  columns: Column[],
  rows: number,
  handle: (design: Design, from: number) => void,
): void {
  for (let from = 0; from < rows; from += SCORE_CHUNK_ROWS) {
    const to = Math.min(rows, from + SCORE_CHUNK_ROWS);
    handle(encode(model.features, sliceColumns(columns, from, to), to - from, model.coef.length), from);
  }
}

export function predictLogisticRaw(model: LogisticModel, columns: Column[], rows: number): Float64Array {
  const out = new Float64Array(rows);
  forEachChunk(model, columns, rows, (design, from) => {
    linear(design, model.coef, out.subarray(from, from + design.rows));
  });
  return out;
}

/** Per-row contributions coef·(x − mean) summed per feature, and the shared bias; they add up to the raw score. */
export function explainLogisticRaw(
  model: LogisticModel,
  columns: Column[],
  rows: number,
): { contributions: Float64Array; bias: number } {
  const features = model.features.length;
  const owner = new Int32Array(model.coef.length).fill(-1);
  model.features.forEach((feature, f) => {
    const last = f + 1 < features ? (model.features[f + 1]?.first ?? owner.length) : owner.length;
    for (let j = feature.first; j < last; j++) owner[j] = f;
  });
  const contributions = new Float64Array(rows * features);
  forEachChunk(model, columns, rows, ({ rows: chunkRows, stride, cols, vals }, from) => {
    for (let local = 0; local < chunkRows; local++) {
      const at = (from + local) * features;
      for (let f = 0; f < features; f++) contributions[at + f] = -(model.featureOffsets[f] ?? 0);
      for (let k = local * stride; k < (local + 1) * stride; k++) {
        const c = cols[k] ?? -1;
        const f = c >= 0 ? (owner[c] ?? -1) : -1;
        if (f >= 0)
          contributions[at + f] = (contributions[at + f] ?? 0) + (model.coef[c] ?? 0) * (vals[k] ?? 0);
      }
    }
  });
  let bias = model.coef[0] ?? 0;
  for (const offset of model.featureOffsets) bias += offset;
  return { contributions, bias };
}

/** Every step-th row of a design (a cheap first fit to warm-start L-BFGS on a large table). */
function everyNthRow(
  design: Design,
  labels: Uint8Array,
  step: number,
): { design: Design; labels: Uint8Array } {
  const rows = Math.ceil(design.rows / step);
  const { stride } = design;
  const cols = new Int32Array(rows * stride);
  const vals = new Float64Array(rows * stride);
  const sampled = new Uint8Array(rows);
  for (let r = 0; r < rows; r++) {
    const i = r * step;
    cols.set(design.cols.subarray(i * stride, (i + 1) * stride), r * stride);
    vals.set(design.vals.subarray(i * stride, (i + 1) * stride), r * stride);
    sampled[r] = labels[i] ?? 0;
  }
  return { design: { rows, stride, cols, vals, width: design.width }, labels: sampled };
}

function fitNewton(
  design: Design,
  labels: Uint8Array,
  coef: Float64Array,
  lambda: number,
  hessianStep: number,
): void {
  const rows = design.rows;
  const p = coef.length;
  const z = new Float64Array(rows);
  let loss = penalisedLoss(design, labels, coef, lambda, z);
  const { stride, cols, vals } = design;
  for (let iteration = 0; iteration < 50; iteration++) {
    const grad = new Float64Array(p);
    const hessian = new Float64Array(p * p);
    let sampled = 0;
    for (let i = 0; i < rows; i++) {
      const prob = 1 / (1 + Math.exp(-(z[i] ?? 0)));
      const r = prob - (labels[i] ?? 0);
      const from = i * stride;
      for (let a = from; a < from + stride; a++) {
        const ca = cols[a] ?? -1;
        if (ca >= 0) grad[ca] = (grad[ca] ?? 0) + r * (vals[a] ?? 0);
      }
      if (i % hessianStep !== 0) continue;
      sampled++;
      const w = Math.max(prob * (1 - prob), 1e-12);
      for (let a = from; a < from + stride; a++) {
        const ca = cols[a] ?? -1;
        if (ca < 0) continue;
        const va = vals[a] ?? 0;
        // Columns rise along a row (features are encoded in order), so b ≥ a covers the upper triangle.
        for (let b = a; b < from + stride; b++) {
          const cb = cols[b] ?? -1;
          if (cb < 0) continue;
          const at = ca * p + cb;
          hessian[at] = (hessian[at] ?? 0) + w * va * (vals[b] ?? 0);
        }
      }
    }
    if (sampled < rows) {
      const scale = rows / sampled;
      for (let j = 0; j < hessian.length; j++) hessian[j] = (hessian[j] ?? 0) * scale;
    }
    for (let j = 1; j < p; j++) {
      grad[j] = (grad[j] ?? 0) + lambda * (coef[j] ?? 0);
      hessian[j * p + j] = (hessian[j * p + j] ?? 0) + lambda;
    }
    hessian[0] = (hessian[0] ?? 0) + 1e-9;
    const step = choleskySolve(hessian, grad, p);
    let scale = 1;
    let accepted = false;
    const trial = new Float64Array(p);
    for (let halving = 0; halving < 30; halving++) {
      for (let j = 0; j < p; j++) trial[j] = (coef[j] ?? 0) - scale * (step[j] ?? 0);
      const trialLoss = penalisedLoss(design, labels, trial, lambda, z);
      if (trialLoss <= loss + 1e-12) {
        loss = trialLoss;
        accepted = true;
        break;
      }
      scale /= 2;
    }
    if (!accepted) {
      penalisedLoss(design, labels, coef, lambda, z);
      break;
    }
    let change = 0;
    for (let j = 0; j < p; j++) change = Math.max(change, Math.abs((trial[j] ?? 0) - (coef[j] ?? 0)));
    coef.set(trial);
    if (change < 1e-7) break;
  }
}

/** Gradient of the penalised loss at coef (also returns the loss). */
function lossAndGradient(
  design: Design,
  labels: Uint8Array,
  coef: Float64Array,
  lambda: number,
  z: Float64Array,
  grad: Float64Array,
): number {
  const loss = penalisedLoss(design, labels, coef, lambda, z);
  grad.fill(0);
  const { rows, stride, cols, vals } = design;
  for (let i = 0; i < rows; i++) {
    const r = 1 / (1 + Math.exp(-(z[i] ?? 0))) - (labels[i] ?? 0);
    for (let k = i * stride; k < (i + 1) * stride; k++) {
      const c = cols[k] ?? -1;
      if (c >= 0) grad[c] = (grad[c] ?? 0) + r * (vals[k] ?? 0);
    }
  }
  for (let j = 1; j < coef.length; j++) grad[j] = (grad[j] ?? 0) + lambda * (coef[j] ?? 0);
  return loss;
}

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let j = 0; j < a.length; j++) sum += (a[j] ?? 0) * (b[j] ?? 0);
  return sum;
}

/** Limited-memory BFGS (two-loop recursion, Armijo backtracking) for wide designs. */
function fitLbfgs(design: Design, labels: Uint8Array, coef: Float64Array, lambda: number): void {
  const p = coef.length;
  const memory = 10;
  const z = new Float64Array(design.rows);
  const grad = new Float64Array(p);
  let loss = lossAndGradient(design, labels, coef, lambda, z, grad);
  const steps: Float64Array[] = [];
  const changes: Float64Array[] = [];
  const trial = new Float64Array(p);
  const trialGrad = new Float64Array(p);
  const scale0 = Math.max(1, Math.abs(loss));
  for (let iteration = 0; iteration < 300; iteration++) {
    const direction = grad.slice();
    const alphas: number[] = [];
    for (let m = steps.length - 1; m >= 0; m--) {
      const s = steps[m] ?? direction;
      const y = changes[m] ?? direction;
      const alpha = dot(s, direction) / dot(y, s);
      alphas[m] = alpha;
      for (let j = 0; j < p; j++) direction[j] = (direction[j] ?? 0) - alpha * (y[j] ?? 0);
    }
    const lastS = steps.at(-1);
    const lastY = changes.at(-1);
    const gamma =
      lastS && lastY ? dot(lastS, lastY) / dot(lastY, lastY) : 1 / Math.max(1, Math.sqrt(dot(grad, grad)));
    for (let j = 0; j < p; j++) direction[j] = (direction[j] ?? 0) * gamma;
    for (let m = 0; m < steps.length; m++) {
      const s = steps[m] ?? direction;
      const y = changes[m] ?? direction;
      const beta = dot(y, direction) / dot(y, s);
      for (let j = 0; j < p; j++)
        direction[j] = (direction[j] ?? 0) + (s[j] ?? 0) * ((alphas[m] ?? 0) - beta);
    }
    const slope = dot(grad, direction);
    if (slope <= 0) {
      steps.length = 0;
      changes.length = 0;
      continue;
    }
    let step = 1;
    let accepted = false;
    let trialLoss = loss;
    for (let halving = 0; halving < 40; halving++) {
      for (let j = 0; j < p; j++) trial[j] = (coef[j] ?? 0) - step * (direction[j] ?? 0);
      trialLoss = lossAndGradient(design, labels, trial, lambda, z, trialGrad);
      if (trialLoss <= loss - 1e-4 * step * slope) {
        accepted = true;
        break;
      }
      step /= 2;
    }
    if (!accepted) break;
    const s = new Float64Array(p);
    const y = new Float64Array(p);
    for (let j = 0; j < p; j++) {
      s[j] = (trial[j] ?? 0) - (coef[j] ?? 0);
      y[j] = (trialGrad[j] ?? 0) - (grad[j] ?? 0);
    }
    const improvement = loss - trialLoss;
    coef.set(trial);
    grad.set(trialGrad);
    loss = trialLoss;
    if (dot(s, y) > 1e-12) {
      steps.push(s);
      changes.push(y);
      if (steps.length > memory) {
        steps.shift();
        changes.shift();
      }
    }
    // Out-of-fold ranking does not change past a relative improvement of 1e-6 per step.
    if (improvement < 1e-6 * scale0) break;
  }
}
