// One row at a time, what `ChurnModel.contributions` computes for a table: every feature's share of
// the calibrated logit, and the logit. A scoring run explains millions of rows; building a column
// table, a bin matrix and a rows × features contribution matrix per batch cost more than the trees
// themselves. Here the forest is walked straight from a row's bins into one reused array.
//
// The arithmetic is the table path's, operation for operation and in the same order (floating-point
// addition is not associative), so both give bit-identical contributions and probabilities:
// row-explainer.test.ts holds them to that.
import type { Binner } from './binning';
import type { ChurnModelState } from './churn-model';
import { child, type GbdtModel, WORDS } from './gbdt';
import { type FlatForest, flattenForest } from './gbdt-predict';
import type { LogisticModel } from './logistic';
import type { FeatureSpec } from './table';

export type RowExplainer = {
  readonly features: readonly FeatureSpec[];
  /**
   * Writes each feature's contribution to the calibrated logit into `out` (model feature order) and
   * returns the logit (bias plus the contributions, summed in feature order). `numeric[f]` holds a
   * numeric feature's value (NaN: missing), `categorical[f]` a categorical one's (null: missing).
   */
  explain(numeric: Float64Array, categorical: readonly (string | null)[], out: Float64Array): number;
};

export function rowExplainer(state: ChurnModelState): RowExplainer {
  const featureCount = state.features.length;
  const w = state.blendWeight;
  const { a, b } = state.platt;
  const trees = state.gbdt ? gbdtRow(state.gbdt, featureCount) : null;
  const linear = state.logistic ? logisticRow(state.logistic, featureCount) : null;
  const treeScale = a * w;
  const linearScale = a * (1 - w);
  let bias = b;
  if (trees) bias += treeScale * trees.bias;
  if (linear) bias += linearScale * linear.bias;

  return {
    features: state.features,
    explain(numeric, categorical, out) {
      out.fill(0);
      if (trees) {
        const part = trees.explain(numeric, categorical);
        for (let f = 0; f < featureCount; f++) out[f] = (out[f] ?? 0) + treeScale * (part[f] ?? 0);
      }
      if (linear) {
        const part = linear.explain(numeric, categorical);
        for (let f = 0; f < featureCount; f++) out[f] = (out[f] ?? 0) + linearScale * (part[f] ?? 0);
      }
      let logit = bias;
      for (let f = 0; f < featureCount; f++) logit += out[f] ?? 0;
      return logit;
    },
  };
}

type RowPart = {
  bias: number;
  explain(numeric: Float64Array, categorical: readonly (string | null)[]): Float64Array;
};

/**
 * Saabas path attribution of the trees (explainGbdtRaw) for one row. A numeric split sends bins
 * 1..k left (and the missing bin 0 left or right): for a value that is "bin(v) ≤ k", which is
 * "v ≤ upper[k − 1]", so such a node compares the raw value with that edge and no value is binned
 * (a binary search per feature per row was half the cost). Categorical splits, and any numeric split
 * of another shape, test the bin against the node's bit set as child() does.
 */
function gbdtRow(model: GbdtModel, featureCount: number): RowPart {
  const forest: FlatForest = flattenForest(model.trees);
  const { roots, feature, left, value, leftBins } = forest;
  const uppers = model.binners.map((binner) =>
    binner.kind === 'numeric' ? Float64Array.from(binner.upper) : null,
  );
  const codes = model.binners.map((binner) => (binner.kind === 'categorical' ? categoryCodes(binner) : null));
  const nodes = feature.length;
  // Per node: 1 = numeric threshold split (left when value ≤ threshold, or missing and missingLeft).
  const byThreshold = new Uint8Array(nodes);
  const threshold = new Float64Array(nodes);
  const missingLeft = new Uint8Array(nodes);
  for (let node = 0; node < nodes; node++) {
    const f = feature[node] ?? -1;
    const upper = f >= 0 ? uppers[f] : null;
    if (!upper) continue;
    const k = prefixLength(leftBins, node, upper.length + 2);
    if (k === null) continue;
    byThreshold[node] = 1;
    threshold[node] =
      k === 0 ? Number.NEGATIVE_INFINITY : k > upper.length ? Number.POSITIVE_INFINITY : (upper[k - 1] ?? 0);
    missingLeft[node] = bitOf(leftBins, node, 0);
  }
  const bins = new Uint8Array(featureCount);
  const contributions = new Float64Array(featureCount);
  let bias = model.baseScore;
  for (let t = 0; t < roots.length; t++) bias += value[roots[t] ?? 0] ?? 0;
  const binOf = (f: number, numeric: Float64Array, categorical: readonly (string | null)[]): number => {
    const upper = uppers[f];
    if (!upper) {
      const category = categorical[f] ?? null;
      return category === null ? 0 : (codes[f]?.get(category) ?? 0);
    }
    const v = numeric[f] ?? Number.NaN;
    if (Number.isNaN(v)) return 0;
    let lo = 0;
    let hi = upper.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((upper[mid] ?? 0) < v) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  return {
    bias,
    explain(numeric, categorical) {
      // Bins only where a node needs them (categorical features, odd splits): -1 = not yet binned.
      bins.fill(255);
      contributions.fill(0);
      for (let t = 0; t < roots.length; t++) {
        let node = roots[t] ?? 0;
        let f = feature[node] ?? -1;
        while (f >= 0) {
          let next: number;
          if (byThreshold[node] === 1) {
            const v = numeric[f] ?? Number.NaN;
            const goLeft = Number.isNaN(v) ? missingLeft[node] === 1 : v <= (threshold[node] ?? 0);
            next = (left[node] ?? 0) + (goLeft ? 0 : 1);
          } else {
            let bin = bins[f] ?? 255;
            if (bin === 255) {
              bin = binOf(f, numeric, categorical);
              bins[f] = bin;
            }
            next = child(left, leftBins, node, bin);
          }
          contributions[f] = (contributions[f] ?? 0) + (value[next] ?? 0) - (value[node] ?? 0);
          node = next;
          f = feature[node] ?? -1;
        }
      }
      return contributions;
    },
  };
}

function bitOf(leftBins: Int32Array, node: number, bin: number): number {
  return ((leftBins[node * WORDS + (bin >>> 5)] ?? 0) >>> (bin & 31)) & 1;
}

/** k when a node's left bins are 1..k (bin 0, missing, either way) among `binCount`; else null. */
function prefixLength(leftBins: Int32Array, node: number, binCount: number): number | null {
  let k = 0;
  while (k + 1 < binCount && bitOf(leftBins, node, k + 1) === 1) k++;
  for (let bin = k + 1; bin < binCount; bin++) if (bitOf(leftBins, node, bin) === 1) return null;
  // Bins past binCount never occur; a set bit there would still be harmless, but say so plainly.
  for (let bin = binCount; bin < WORDS * 32; bin++) if (bitOf(leftBins, node, bin) === 1) return null;
  return k;
}

function categoryCodes(binner: Binner & { kind: 'categorical' }): Map<string, number> {
  const codes = new Map<string, number>();
  binner.categories.forEach((category, index) => {
    codes.set(category, index + 1);
  });
  return codes;
}

/** coef·(x − mean) per feature (explainLogisticRaw) for one row: logistic.ts `encode`'s slots of a
 * feature (value, bin indicator, missing indicator; or the category's one-hot) added in order. */
function logisticRow(model: LogisticModel, featureCount: number): RowPart {
  const { coef, featureOffsets } = model;
  const contributions = new Float64Array(featureCount);
  const numericFeatures = model.features.map((feature) => (feature.kind === 'numeric' ? feature : null));
  const edges = model.features.map((feature) =>
    feature.kind === 'numeric' ? Float64Array.from(feature.edges) : null,
  );
  const levels = model.features.map((feature) =>
    feature.kind === 'categorical'
      ? new Map(feature.levels.map((level, k) => [level, feature.first + k]))
      : null,
  );
  let bias = coef[0] ?? 0;
  for (const offset of featureOffsets) bias += offset;
  return {
    bias,
    explain(numeric, categorical) {
      for (let f = 0; f < featureCount; f++) {
        let c = -(featureOffsets[f] ?? 0);
        const spec = numericFeatures[f];
        if (spec) {
          const raw = numeric[f] ?? Number.NaN;
          const missing = Number.isNaN(raw);
          const x = missing ? spec.median : raw;
          c = c + (coef[spec.first] ?? 0) * ((x - spec.mean) / spec.scale);
          const cuts = edges[f];
          if (cuts && cuts.length > 0) {
            let bin = 0;
            while (bin < cuts.length && x >= (cuts[bin] ?? 0)) bin++;
            c = c + (coef[spec.first + 1 + bin] ?? 0) * 1;
          }
          if (spec.missingColumn >= 0 && missing) c = c + (coef[spec.missingColumn] ?? 0) * 1;
        } else {
          const value = categorical[f] ?? null;
          const code = value === null ? undefined : levels[f]?.get(value);
          if (code !== undefined) c = c + (coef[code] ?? 0) * 1;
        }
        contributions[f] = c;
      }
      return contributions;
    },
  };
}
