// Histogram gradient-boosted trees for binary log-loss, written here because Node has no usable GBDT:
// `ml-xgboost` is unmaintained WASM, the `lightgbm` npm package only predicts, and ml-cart /
// ml-random-forest are far too slow (no histograms, no boosting).
//
// LightGBM-style: ≤255 bins per feature (bin 0 = missing, with a learned direction), leaf-wise growth
// under a leaf cap and depth cap, L2 leaf regularisation, min samples / min hessian per leaf,
// shrinkage, row and column subsampling, categorical splits by sorting categories on gradient
// statistics (one-vs-rest for few categories), histogram subtraction for the larger child.
// Every split is stored as a 256-bit set of the bins that go left, so numeric and categorical
// nodes are scored by the same branch-free lookup. Int32Array throughout (not Uint32Array): V8
// keeps int32 loads in registers, while uint32 loads may become doubles in hot loops.
import { type Binner, binCount } from './binning';
import { createRandom } from './random';

export type GbdtParams = {
  learningRate: number;
  maxTrees: number;
  maxLeaves: number;
  maxDepth: number;
  minSamplesLeaf: number;
  minChildWeight: number;
  lambda: number;
  subsample: number;
  colsample: number;
  catSmooth: number;
  catL2: number;
  maxCatOneHot: number;
  /** Whether features with many categories may split on a gradient-sorted category subset (else one-vs-rest). */
  sortedCategorical: boolean;
  maxCatThreshold: number;
  minDataPerGroup: number;
  seed: number;
};

export const DEFAULT_GBDT_PARAMS: GbdtParams = {
  learningRate: 0.05,
  maxTrees: 1000,
  maxLeaves: 15,
  maxDepth: 8,
  minSamplesLeaf: 20,
  minChildWeight: 1e-3,
  lambda: 1,
  subsample: 0.8,
  colsample: 0.8,
  catSmooth: 10,
  catL2: 10,
  maxCatOneHot: 4,
  sortedCategorical: true,
  maxCatThreshold: 32,
  minDataPerGroup: 50,
  seed: 1,
};

export const WORDS = 8; // 256 bits per node

/**
 * One tree as parallel arrays; `feature` is -1 at a leaf; `value` is the (shrunk) node output of
 * every node (internal ones too, for path attribution); children are adjacent (right = left + 1).
 */
export type Tree = {
  feature: Int32Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  leftBins: Int32Array;
};

export type GbdtModel = { binners: Binner[]; baseScore: number; trees: Tree[] };

export type BinnedData = { bins: Uint8Array; rows: number; binCounts: Int32Array; categorical: Uint8Array };

export function binnedData(binners: Binner[], bins: Uint8Array, rows: number): BinnedData {
  return {
    bins,
    rows,
    binCounts: Int32Array.from(binners, binCount),
    categorical: Uint8Array.from(binners, (b) => (b.kind === 'categorical' ? 1 : 0)),
  };
}

/** Column-major rows `indices` of a column-major bin matrix. */
export function subsetBinned(data: BinnedData, indices: ArrayLike<number>): BinnedData {
  const features = data.binCounts.length;
  const rows = indices.length;
  const bins = new Uint8Array(features * rows);
  for (let f = 0; f < features; f++) {
    const from = f * data.rows;
    const to = f * rows;
    for (let i = 0; i < rows; i++) bins[to + i] = data.bins[from + (indices[i] ?? 0)] ?? 0;
  }
  return { ...data, bins, rows };
}

type Split = {
  gain: number;
  feature: number;
  leftBins: Int32Array;
  leftG: number;
  leftH: number;
  leftC: number;
};

type Leaf = {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  c: number;
  hist: Float64Array;
  split: Split | null;
};

export type TrainGbdtResult = {
  model: GbdtModel;
  /** Validation log-loss after each tree (when a validation set was given). */
  validLoss: number[];
  /** Validation raw scores after the best iteration (when a validation set was given). */
  validRaw: Float64Array | null;
  bestTrees: number;
};

export function trainGbdt(
  binners: Binner[],
  train: BinnedData,
  labels: Uint8Array,
  params: GbdtParams,
  validation?: { data: BinnedData; labels: Uint8Array; patience: number },
): TrainGbdtResult {
  const n = train.rows;
  const features = train.binCounts.length;
  const random = createRandom(params.seed);
  let positives = 0;
  for (let i = 0; i < n; i++) positives += labels[i] ?? 0;
  const rate = Math.min(1 - 1e-6, Math.max(1e-6, positives / Math.max(1, n)));
  const baseScore = Math.log(rate / (1 - rate));

  const offsets = new Int32Array(features + 1);
  for (let f = 0; f < features; f++) offsets[f + 1] = (offsets[f] ?? 0) + (train.binCounts[f] ?? 0);
  const grower = new TreeGrower(train, offsets, params);

  const raw = new Float64Array(n).fill(baseScore);
  const grad = new Float64Array(n);
  const hess = new Float64Array(n);
  const rowBuffer = new Int32Array(n);
  const trees: Tree[] = [];
  const validLoss: number[] = [];
  const validRaw = validation ? new Float64Array(validation.data.rows).fill(baseScore) : null;
  let bestValidRaw: Float64Array | null = validRaw ? validRaw.slice() : null;
  let bestLoss = Number.POSITIVE_INFINITY;
  let bestTrees = 0;
  const featureOrder = Int32Array.from({ length: features }, (_, f) => f);
  const chosenFeatures = Math.max(1, Math.round(params.colsample * features));

  for (let t = 0; t < params.maxTrees; t++) {
    for (let i = 0; i < n; i++) {
      const p = 1 / (1 + Math.exp(-(raw[i] ?? 0)));
      grad[i] = p - (labels[i] ?? 0);
      hess[i] = Math.max(p * (1 - p), 1e-16);
    }
    let inBag = 0;
    for (let i = 0; i < n; i++)
      if (params.subsample >= 1 || random() < params.subsample) rowBuffer[inBag++] = i;
    for (let i = features - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      const tmp = featureOrder[i] ?? 0;
      featureOrder[i] = featureOrder[j] ?? 0;
      featureOrder[j] = tmp;
    }
    const used = Int32Array.from(featureOrder.subarray(0, chosenFeatures)).sort();
    const tree = grower.grow(rowBuffer.subarray(0, inBag), grad, hess, used);
    trees.push(tree);
    addTreeColumnMajor(tree, train, raw);
    if (validation && validRaw) {
      addTreeColumnMajor(tree, validation.data, validRaw);
      const loss = rawLogLoss(validRaw, validation.labels);
      validLoss.push(loss);
      if (loss < bestLoss - 1e-9) {
        bestLoss = loss;
        bestTrees = t + 1;
        bestValidRaw = validRaw.slice();
      } else if (t + 1 - bestTrees >= validation.patience) break;
    }
  }
  if (!validation) bestTrees = trees.length;
  return { model: { binners, baseScore, trees }, validLoss, validRaw: bestValidRaw, bestTrees };
}

function rawLogLoss(raw: Float64Array, labels: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < raw.length; i++) {
    const z = raw[i] ?? 0;
    // log(1 + e^z) − y z, computed without overflow
    sum += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (labels[i] ?? 0) * z;
  }
  return sum / Math.max(1, raw.length);
}

function goesLeft(leftBins: Int32Array, base: number, bin: number): boolean {
  return (((leftBins[base + (bin >>> 5)] ?? 0) >>> (bin & 31)) & 1) === 1;
}

/** The child a bin leads to: right = left + 1 in every tree, so the choice needs no branch. */
export function child(left: Int32Array, leftBins: Int32Array, node: number, bin: number): number {
  return (left[node] ?? 0) + 1 - (((leftBins[node * WORDS + (bin >>> 5)] ?? 0) >>> (bin & 31)) & 1);
}

export function addTreeColumnMajor(tree: Tree, data: BinnedData, raw: Float64Array): void {
  const { feature, left, value, leftBins } = tree;
  const n = data.rows;
  const bins = data.bins;
  for (let i = 0; i < n; i++) {
    let node = 0;
    let f = feature[0] ?? -1;
    while (f >= 0) {
      const bin = bins[f * n + i] ?? 0;
      node = child(left, leftBins, node, bin);
      f = feature[node] ?? -1;
    }
    raw[i] = (raw[i] ?? 0) + (value[node] ?? 0);
  }
}

class TreeGrower {
  private readonly totalBins: number;
  private readonly pool: Float64Array[] = [];
  private readonly scratch: Int32Array;
  private readonly orderedGrad: Float64Array;
  private readonly orderedHess: Float64Array;
  private readonly sortIndex: number[] = [];
  private readonly sortValue: Float64Array = new Float64Array(256);

  constructor(
    private readonly data: BinnedData,
    private readonly offsets: Int32Array,
    private readonly params: GbdtParams,
  ) {
    this.totalBins = offsets[offsets.length - 1] ?? 0;
    this.scratch = new Int32Array(data.rows);
    this.orderedGrad = new Float64Array(data.rows);
    this.orderedHess = new Float64Array(data.rows);
  }

  grow(rows: Int32Array, grad: Float64Array, hess: Float64Array, used: Int32Array): Tree {
    const p = this.params;
    const feature: number[] = [-1];
    const left: number[] = [-1];
    const right: number[] = [-1];
    const value: number[] = [0];
    const bits: Int32Array[] = [new Int32Array(WORDS)];
    const root = this.makeLeaf(0, 0, rows.length, 0, rows, grad, hess, used);
    value[0] = this.output(root.g, root.h);
    const leaves: Leaf[] = [root];
    while (leaves.length < p.maxLeaves) {
      let bestIndex = -1;
      let bestGain = 0;
      leaves.forEach((leaf, index) => {
        if (leaf.split && leaf.split.gain > bestGain) {
          bestGain = leaf.split.gain;
          bestIndex = index;
        }
      });
      const leaf = leaves[bestIndex];
      if (!leaf?.split) break;
      const split = leaf.split;
      const middle = this.partition(rows, leaf.start, leaf.end, split);
      const leftNode = feature.length;
      const rightNode = leftNode + 1;
      for (let k = 0; k < 2; k++) {
        feature.push(-1);
        left.push(-1);
        right.push(-1);
        value.push(0);
        bits.push(new Int32Array(WORDS));
      }
      feature[leaf.node] = split.feature;
      left[leaf.node] = leftNode;
      right[leaf.node] = rightNode;
      bits[leaf.node] = split.leftBins;
      value[leftNode] = this.output(split.leftG, split.leftH);
      value[rightNode] = this.output(leaf.g - split.leftG, leaf.h - split.leftH);

      const leftSmaller = middle - leaf.start <= leaf.end - middle;
      const small = leftSmaller
        ? { node: leftNode, start: leaf.start, end: middle }
        : { node: rightNode, start: middle, end: leaf.end };
      const large = leftSmaller
        ? { node: rightNode, start: middle, end: leaf.end }
        : { node: leftNode, start: leaf.start, end: middle };
      const depth = leaf.depth + 1;
      const smallLeaf = this.makeLeaf(small.node, small.start, small.end, depth, rows, grad, hess, used);
      const largeHist = leaf.hist;
      for (const f of used) {
        const end = (this.offsets[f + 1] ?? 0) * 3;
        for (let j = (this.offsets[f] ?? 0) * 3; j < end; j++)
          largeHist[j] = (largeHist[j] ?? 0) - (smallLeaf.hist[j] ?? 0);
      }
      const largeLeaf: Leaf = {
        node: large.node,
        start: large.start,
        end: large.end,
        depth,
        g: leaf.g - smallLeaf.g,
        h: leaf.h - smallLeaf.h,
        c: leaf.c - smallLeaf.c,
        hist: largeHist,
        split: null,
      };
      largeLeaf.split = this.findSplit(largeLeaf, used);
      leaves.splice(bestIndex, 1, smallLeaf, largeLeaf);
    }
    for (const leaf of leaves) this.pool.push(leaf.hist);
    const leftBins = new Int32Array(feature.length * WORDS);
    bits.forEach((b, node) => {
      leftBins.set(b, node * WORDS);
    });
    return {
      feature: Int32Array.from(feature),
      left: Int32Array.from(left),
      right: Int32Array.from(right),
      value: Float64Array.from(value),
      leftBins,
    };
  }

  private output(g: number, h: number): number {
    return (-g / (h + this.params.lambda)) * this.params.learningRate;
  }

  private makeLeaf(
    node: number,
    start: number,
    end: number,
    depth: number,
    rows: Int32Array,
    grad: Float64Array,
    hess: Float64Array,
    used: Int32Array,
  ): Leaf {
    const hist = this.pool.pop() ?? new Float64Array(this.totalBins * 3);
    for (const f of used) hist.fill(0, (this.offsets[f] ?? 0) * 3, (this.offsets[f + 1] ?? 0) * 3);
    const count = end - start;
    const og = this.orderedGrad;
    const oh = this.orderedHess;
    let g = 0;
    let h = 0;
    for (let k = 0; k < count; k++) {
      const r = rows[start + k] ?? 0;
      const gr = grad[r] ?? 0;
      const hr = hess[r] ?? 0;
      og[k] = gr;
      oh[k] = hr;
      g += gr;
      h += hr;
    }
    const n = this.data.rows;
    const bins = this.data.bins;
    for (const f of used) {
      const base = f * n;
      const o = (this.offsets[f] ?? 0) * 3;
      for (let k = 0; k < count; k++) {
        const j = o + (bins[base + (rows[start + k] ?? 0)] ?? 0) * 3;
        hist[j] = (hist[j] ?? 0) + (og[k] ?? 0);
        hist[j + 1] = (hist[j + 1] ?? 0) + (oh[k] ?? 0);
        hist[j + 2] = (hist[j + 2] ?? 0) + 1;
      }
    }
    const leaf: Leaf = { node, start, end, depth, g, h, c: count, hist, split: null };
    leaf.split = this.findSplit(leaf, used);
    return leaf;
  }

  /** Stable partition of rows[start, end) into left-goers then right-goers; returns the boundary. */
  private partition(rows: Int32Array, start: number, end: number, split: Split): number {
    const n = this.data.rows;
    const base = split.feature * n;
    const bins = this.data.bins;
    let l = start;
    let r = 0;
    for (let k = start; k < end; k++) {
      const row = rows[k] ?? 0;
      if (goesLeft(split.leftBins, 0, bins[base + row] ?? 0)) rows[l++] = row;
      else this.scratch[r++] = row;
    }
    rows.set(this.scratch.subarray(0, r), l);
    return l;
  }

  private findSplit(leaf: Leaf, used: Int32Array): Split | null {
    const p = this.params;
    if (leaf.depth >= p.maxDepth || leaf.c < 2 * p.minSamplesLeaf) return null;
    let best: Split | null = null;
    for (const f of used) {
      const candidate = this.data.categorical[f]
        ? this.categoricalSplit(leaf, f)
        : this.numericSplit(leaf, f);
      if (candidate && (!best || candidate.gain > best.gain)) best = candidate;
    }
    return best;
  }

  private gain(gl: number, hl: number, g: number, h: number, lambda: number): number {
    const gr = g - gl;
    const hr = h - hl;
    return (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - (g * g) / (h + lambda);
  }

  private allowed(cl: number, hl: number, c: number, h: number): boolean {
    const p = this.params;
    return (
      cl >= p.minSamplesLeaf &&
      c - cl >= p.minSamplesLeaf &&
      hl >= p.minChildWeight &&
      h - hl >= p.minChildWeight
    );
  }

  private numericSplit(leaf: Leaf, f: number): Split | null {
    const hist = leaf.hist;
    const o = (this.offsets[f] ?? 0) * 3;
    const bins = this.data.binCounts[f] ?? 0;
    const { g, h, c } = leaf;
    const lambda = this.params.lambda;
    const gm = hist[o] ?? 0;
    const hm = hist[o + 1] ?? 0;
    const cm = hist[o + 2] ?? 0;
    let gl = 0;
    let hl = 0;
    let cl = 0;
    let bestGain = 0;
    let bestThreshold = -1;
    let bestMissingLeft = false;
    let bestStats = [0, 0, 0];
    for (let t = 1; t < bins; t++) {
      const j = o + t * 3;
      gl += hist[j] ?? 0;
      hl += hist[j + 1] ?? 0;
      cl += hist[j + 2] ?? 0;
      if ((hist[j + 2] ?? 0) === 0 && t < bins - 1) continue;
      if (c - cl < this.params.minSamplesLeaf) break;
      if (t < bins - 1 || cm > 0) {
        if (this.allowed(cl, hl, c, h)) {
          const gain = this.gain(gl, hl, g, h, lambda);
          if (gain > bestGain) {
            bestGain = gain;
            bestThreshold = t;
            bestMissingLeft = false;
            bestStats = [gl, hl, cl];
          }
        }
      }
      if (cm > 0 && t < bins - 1 && this.allowed(cl + cm, hl + hm, c, h)) {
        const gain = this.gain(gl + gm, hl + hm, g, h, lambda);
        if (gain > bestGain) {
          bestGain = gain;
          bestThreshold = t;
          bestMissingLeft = true;
          bestStats = [gl + gm, hl + hm, cl + cm];
        }
      }
    }
    if (bestThreshold < 0) return null;
    const leftBins = new Int32Array(WORDS);
    for (let b = 1; b <= bestThreshold; b++) setBit(leftBins, b);
    if (bestMissingLeft) setBit(leftBins, 0);
    return {
      gain: bestGain,
      feature: f,
      leftBins,
      leftG: bestStats[0] ?? 0,
      leftH: bestStats[1] ?? 0,
      leftC: bestStats[2] ?? 0,
    };
  }

  private categoricalSplit(leaf: Leaf, f: number): Split | null {
    const p = this.params;
    const hist = leaf.hist;
    const o = (this.offsets[f] ?? 0) * 3;
    const bins = this.data.binCounts[f] ?? 0;
    const { g, h, c } = leaf;
    const present: number[] = [];
    for (let b = 0; b < bins; b++) if ((hist[o + b * 3 + 2] ?? 0) > 0) present.push(b);
    if (present.length < 2) return null;
    let best: Split | null = null;
    const consider = (chosen: number[], gl: number, hl: number, cl: number, lambda: number) => {
      if (!this.allowed(cl, hl, c, h)) return;
      const gain = this.gain(gl, hl, g, h, lambda);
      if (gain <= (best?.gain ?? 0)) return;
      const leftBins = new Int32Array(WORDS);
      for (const b of chosen) setBit(leftBins, b);
      best = { gain, feature: f, leftBins, leftG: gl, leftH: hl, leftC: cl };
    };
    if (present.length <= p.maxCatOneHot || !p.sortedCategorical) {
      for (const b of present) {
        const j = o + b * 3;
        consider([b], hist[j] ?? 0, hist[j + 1] ?? 0, hist[j + 2] ?? 0, p.lambda);
      }
      return best;
    }
    const sorted = this.sortIndex;
    sorted.length = 0;
    for (const b of present) {
      const j = o + b * 3;
      if ((hist[j + 2] ?? 0) >= p.catSmooth) {
        sorted.push(b);
        this.sortValue[b] = (hist[j] ?? 0) / ((hist[j + 1] ?? 0) + p.catSmooth);
      }
    }
    if (sorted.length < 2) return null;
    sorted.sort((a, b) => (this.sortValue[a] ?? 0) - (this.sortValue[b] ?? 0) || a - b);
    const maxChosen = Math.min(p.maxCatThreshold, Math.floor((sorted.length + 1) / 2));
    const lambda = p.lambda + p.catL2;
    for (const direction of [1, -1]) {
      let gl = 0;
      let hl = 0;
      let cl = 0;
      let group = 0;
      const chosen: number[] = [];
      for (let i = 0; i < sorted.length && i < maxChosen; i++) {
        const b = sorted[direction === 1 ? i : sorted.length - 1 - i] ?? 0;
        const j = o + b * 3;
        gl += hist[j] ?? 0;
        hl += hist[j + 1] ?? 0;
        cl += hist[j + 2] ?? 0;
        group += hist[j + 2] ?? 0;
        chosen.push(b);
        if (cl < p.minSamplesLeaf) continue;
        if (c - cl < p.minSamplesLeaf || c - cl < p.minDataPerGroup) break;
        if (group < p.minDataPerGroup) continue;
        group = 0;
        consider(chosen, gl, hl, cl, lambda);
      }
    }
    return best;
  }
}

function setBit(words: Int32Array, bin: number): void {
  const w = bin >>> 5;
  words[w] = (words[w] ?? 0) | (1 << (bin & 31));
}
