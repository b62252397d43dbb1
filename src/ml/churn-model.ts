// The churn model: gradient-boosted trees and L2 logistic regression, blended in logit space and
// Platt-calibrated. Every choice (tree shape, number of trees, regularisation, blend weight,
// calibration) is made by stratified k-fold cross-validation on the training rows only:
//   1. trees: each shape of a small grid is trained per fold with early stopping on the fold's
//      validation log-loss; the tree count minimises the mean curve; the shape maximises mean fold AUC;
//   2. logistic regression: C × (linear | linear + quantile-bin indicators), by mean fold AUC;
//   3. blend weight w in logit space (0 = logistic only, 1 = trees only) on the out-of-fold scores;
//   4. Platt scaling σ(a·z + b) on the blended out-of-fold logits;
//   5. both parts refitted on every row.
// Tables above `maxSearchRows` are searched on a stratified sample and refitted on all rows.
// Explanations: Saabas path attribution for the trees, coef·(x − mean) for the logistic part,
// combined as a·(w·trees + (1 − w)·logistic) so that contributions + bias = calibrated logit exactly.
import { binColumnMajor, fitBinner } from './binning';
import { fitPlatt, type PlattScaling } from './calibration';
import { foldRows, stratifiedFolds, stratifiedSample } from './cross-validation';
import {
  addTreeColumnMajor,
  type BinnedData,
  binnedData,
  DEFAULT_GBDT_PARAMS,
  type GbdtModel,
  type GbdtParams,
  subsetBinned,
  trainGbdt,
} from './gbdt';
import { explainGbdtRaw, type FlatForest, flattenForest, predictGbdtRaw } from './gbdt-predict';
import {
  explainLogisticRaw,
  type LogisticModel,
  type LogisticParams,
  predictLogisticRaw,
  trainLogistic,
} from './logistic';
import { rocAuc } from './metrics';
import { parseModelJson, serializeModel } from './model-json';
import { type RowExplainer, rowExplainer } from './row-explainer';
import { alignColumns, type Column, type FeatureSpec, selectRows, type Table } from './table';

export type TrainOptions = {
  seed?: number;
  folds?: number;
  /** Rows used for the cross-validated search (the final fit always uses every row). Default 20,000. */
  maxSearchRows?: number;
  /** Overrides of the tree grid (each entry on top of the defaults). */
  gbdtGrid?: Partial<GbdtParams>[];
  logisticGrid?: LogisticParams[];
  onProgress?: (message: string) => void;
};

export type ModelSummary = {
  kind: string;
  params: Record<string, unknown>;
  cvRocAuc: number;
  trainRows: number;
  trainSeconds: number;
};

export type Contribution = { feature: string; contribution: number };

export interface ChurnModel {
  readonly featureNames: string[];
  readonly summary: ModelSummary;
  /** Calibrated churn probabilities, one per row. */
  predict(table: Table): Float64Array;
  /** Per row, the topK features by |contribution| to the calibrated logit (+ raises risk). */
  explain(table: Table, topK: number): Contribution[][];
  /** Every feature's contribution (rows × features, in featureNames order) and the shared bias. */
  contributions(table: Table): { contributions: Float64Array; bias: number };
  /** The calibrated logit of each row (the log-odds behind predict). */
  logits(table: Table): Float64Array;
  /** `contributions` one row at a time, bit for bit (for scoring millions of rows). */
  rowExplainer(): RowExplainer;
  toJSON(): unknown;
}

/** What a trained model is, as plain data (serialised by model-json.ts). */
export type ChurnModelState = {
  features: FeatureSpec[];
  gbdt: GbdtModel | null;
  logistic: LogisticModel | null;
  /** Weight of the trees in the blended logit; the logistic regression gets 1 − weight. */
  blendWeight: number;
  platt: PlattScaling;
  summary: ModelSummary;
};

const TREE_SHAPES: Partial<GbdtParams>[] = [{ maxLeaves: 4 }, { maxLeaves: 12 }, { maxLeaves: 31 }];

/**
 * Tree shapes to cross-validate. Categorical features with many levels split one-vs-rest; when the
 * table has such a feature, the middle shape is also tried with LightGBM's gradient-sorted category
 * subsets (which overfit easily on many small categories such as US states, so CV decides).
 */
export function defaultTreeGrid(table: Table): Partial<GbdtParams>[] {
  const manyLevels = table.columns.some(
    (column) =>
      column.kind === 'categorical' && new Set(column.values).size > DEFAULT_GBDT_PARAMS.maxCatOneHot + 1,
  );
  const shapes = TREE_SHAPES.map((shape) => ({ ...shape, sortedCategorical: false }));
  return manyLevels ? [...shapes, { maxLeaves: 12, sortedCategorical: true }] : shapes;
}
export const DEFAULT_LOGISTIC_GRID: LogisticParams[] = [0, 8].flatMap((bins) =>
  [0.01, 0.03, 0.1, 0.3, 1, 3].map((c) => ({ c, bins })),
);
const BLEND_WEIGHTS = [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1];
const PATIENCE = 40;
const LARGE_TABLE_LEARNING_RATE = 0.1;
const LOGISTIC_SEARCH_ROWS = 6_000;

type Fold = { train: Int32Array; valid: Int32Array };
type Search = { columns: Column[]; labels: Uint8Array; folds: Fold[]; assignment: Int32Array };

export function trainChurnModel(table: Table, labels: Uint8Array, options: TrainOptions = {}): ChurnModel {
  const started = performance.now();
  const progress = options.onProgress ?? (() => {});
  checkTrainingInput(table, labels);
  const seed = options.seed ?? 42;
  const sample = stratifiedSample(labels, options.maxSearchRows ?? 10_000, seed);
  // Large searches are costly and their folds are already big: three folds suffice there.
  const k = options.folds ?? (sample.length > 8_000 ? 3 : 5);
  const sampled = sample.length < table.rows;
  const searchTable = sampled ? selectRows(table, sample) : table;
  const searchLabels = sampled ? Uint8Array.from(sample, (i) => labels[i] ?? 0) : labels;
  const assignment = stratifiedFolds(searchLabels, k, seed + 1);
  const search: Search = {
    columns: searchTable.columns,
    labels: searchLabels,
    assignment,
    folds: Array.from({ length: k }, (_, f) => foldRows(assignment, f)),
  };
  progress(`cross-validating on ${searchLabels.length} rows, ${k} folds`);

  const binners = table.columns.map((column) => fitBinner(column));
  const allBinned = binnedData(binners, binColumnMajor(binners, table.columns, table.rows), table.rows);
  const searchBinned = sampled ? subsetBinned(allBinned, sample) : allBinned;
  // A large table is refitted on many more rows than the search saw, which would need many more
  // trees at the same rate; a faster rate keeps the refit short.
  const grid = (options.gbdtGrid ?? defaultTreeGrid(table)).map((params) =>
    sampled ? { learningRate: LARGE_TABLE_LEARNING_RATE, ...params } : params,
  );
  const trees = searchTrees(binners, searchBinned, search, grid, seed, progress);
  const linear = searchLogistic(search, options.logisticGrid ?? DEFAULT_LOGISTIC_GRID, seed, progress);

  let blendWeight = 0;
  let blendAuc = Number.NEGATIVE_INFINITY;
  for (const weight of BLEND_WEIGHTS) {
    const auc = meanFoldAuc(blendRaw(trees.oof, linear.oof, weight), search);
    if (auc > blendAuc + 1e-9) {
      blendAuc = auc;
      blendWeight = weight;
    }
  }
  const platt = fitPlatt(blendRaw(trees.oof, linear.oof, blendWeight), searchLabels);
  progress(`blend weight of trees ${blendWeight} (CV ROC AUC ${blendAuc.toFixed(4)})`);

  const gbdt =
    blendWeight > 0
      ? trainGbdt(binners, allBinned, labels, { ...trees.params, maxTrees: trees.trees }).model
      : null;
  // C stays as chosen: the penalty is a prior on the coefficients, the same whatever the row count.
  const logistic = blendWeight < 1 ? trainLogistic(table.columns, table.rows, labels, linear.params) : null;
  const kind = gbdt && logistic ? 'gbdt+logistic' : gbdt ? 'gbdt' : 'logistic';
  return createChurnModel({
    features: table.columns.map((column) => ({ name: column.name, kind: column.kind })),
    gbdt,
    logistic,
    blendWeight,
    platt,
    summary: {
      kind,
      params: {
        gbdt: {
          trees: trees.trees,
          learningRate: trees.params.learningRate,
          maxLeaves: trees.params.maxLeaves,
          maxDepth: trees.params.maxDepth,
          minSamplesLeaf: trees.params.minSamplesLeaf,
          lambda: trees.params.lambda,
          subsample: trees.params.subsample,
          colsample: trees.params.colsample,
          sortedCategorical: trees.params.sortedCategorical,
          cvRocAuc: round(trees.auc),
        },
        logistic: { ...linear.params, cvRocAuc: round(linear.auc) },
        blendWeight,
        platt: { a: round(platt.a), b: round(platt.b) },
        folds: k,
        searchRows: searchLabels.length,
        seed,
      },
      cvRocAuc: blendAuc,
      trainRows: table.rows,
      trainSeconds: (performance.now() - started) / 1000,
    },
  });
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

function checkTrainingInput(table: Table, labels: Uint8Array): void {
  if (labels.length !== table.rows)
    throw new Error(`there are ${labels.length} labels for ${table.rows} rows`);
  if (table.columns.length === 0) throw new Error('the table has no feature columns');
  let positives = 0;
  for (const label of labels) positives += label === 1 ? 1 : 0;
  if (positives < 5 || table.rows - positives < 5)
    throw new Error(
      `training needs at least 5 rows of each class (churned: ${positives}, stayed: ${table.rows - positives})`,
    );
}

function blendRaw(trees: Float64Array, linear: Float64Array, weight: number): Float64Array {
  const out = new Float64Array(trees.length);
  for (let i = 0; i < out.length; i++) out[i] = weight * (trees[i] ?? 0) + (1 - weight) * (linear[i] ?? 0);
  return out;
}

/** Mean of the per-fold ROC AUCs of out-of-fold scores (folds with one class are skipped). */
function meanFoldAuc(oof: Float64Array, search: Search): number {
  let sum = 0;
  let counted = 0;
  for (const fold of search.folds) {
    const scores = Float64Array.from(fold.valid, (i) => oof[i] ?? 0);
    const labels = Uint8Array.from(fold.valid, (i) => search.labels[i] ?? 0);
    const positives = labels.reduce((a, b) => a + b, 0);
    if (positives === 0 || positives === labels.length) continue;
    sum += rocAuc(scores, labels);
    counted++;
  }
  return counted > 0 ? sum / counted : 0.5;
}

type TreeSearchResult = { params: GbdtParams; trees: number; oof: Float64Array; auc: number };

function searchTrees(
  binners: ReturnType<typeof fitBinner>[],
  data: BinnedData,
  search: Search,
  grid: Partial<GbdtParams>[],
  seed: number,
  progress: (message: string) => void,
): TreeSearchResult {
  const foldData = search.folds.map((fold) => ({
    train: subsetBinned(data, fold.train),
    valid: subsetBinned(data, fold.valid),
    trainLabels: Uint8Array.from(fold.train, (i) => search.labels[i] ?? 0),
    validLabels: Uint8Array.from(fold.valid, (i) => search.labels[i] ?? 0),
  }));
  let best: TreeSearchResult | null = null;
  for (const override of grid) {
    const params: GbdtParams = { ...DEFAULT_GBDT_PARAMS, seed, ...override };
    const runs = foldData.map((fold) =>
      trainGbdt(binners, fold.train, fold.trainLabels, params, {
        data: fold.valid,
        labels: fold.validLabels,
        patience: PATIENCE,
      }),
    );
    const longest = Math.max(...runs.map((run) => run.validLoss.length));
    let bestTrees = 1;
    let bestLoss = Number.POSITIVE_INFINITY;
    for (let t = 0; t < longest; t++) {
      let loss = 0;
      for (const run of runs) loss += run.validLoss[Math.min(t, run.validLoss.length - 1)] ?? 0;
      if (loss < bestLoss - 1e-12) {
        bestLoss = loss;
        bestTrees = t + 1;
      }
    }
    const oof = new Float64Array(search.labels.length);
    runs.forEach((run, f) => {
      const fold = foldData[f];
      const rows = search.folds[f]?.valid;
      if (!fold || !rows) return;
      const raw = new Float64Array(fold.valid.rows).fill(run.model.baseScore);
      for (const tree of run.model.trees.slice(0, bestTrees)) addTreeColumnMajor(tree, fold.valid, raw);
      rows.forEach((row, i) => {
        oof[row] = raw[i] ?? 0;
      });
    });
    const auc = meanFoldAuc(oof, search);
    progress(`trees ${JSON.stringify(override)}: ${bestTrees} trees, CV ROC AUC ${auc.toFixed(4)}`);
    if (!best || auc > best.auc + 1e-9) best = { params, trees: bestTrees, oof, auc };
  }
  if (!best) throw new Error('the tree grid is empty');
  return best;
}

type LogisticSearchResult = { params: LogisticParams; oof: Float64Array; auc: number };

function searchLogistic(
  search: Search,
  grid: LogisticParams[],
  seed: number,
  progress: (message: string) => void,
): LogisticSearchResult {
  // The grid runs on at most LOGISTIC_SEARCH_ROWS rows (wide one-hot designs make each fit costly);
  // the chosen setting's out-of-fold scores, which the blend needs, cover the whole search sample.
  let chosen: LogisticParams[] = grid;
  if (search.labels.length > LOGISTIC_SEARCH_ROWS && grid.length > 1) {
    const rows = stratifiedSample(search.labels, LOGISTIC_SEARCH_ROWS, seed + 2);
    const labels = Uint8Array.from(rows, (i) => search.labels[i] ?? 0);
    const assignment = stratifiedFolds(labels, search.folds.length, seed + 3);
    const small: Search = {
      columns: selectRows({ columns: search.columns, rows: search.labels.length }, rows).columns,
      labels,
      assignment,
      folds: search.folds.map((_, f) => foldRows(assignment, f)),
    };
    chosen = [logisticGrid(small, grid).params];
  }
  const best = logisticGrid(search, chosen);
  progress(
    `logistic regression C=${best.params.c} bins=${best.params.bins}: CV ROC AUC ${best.auc.toFixed(4)}`,
  );
  return best;
}

function logisticGrid(search: Search, grid: LogisticParams[]): LogisticSearchResult {
  const foldTables = search.folds.map((fold) => ({
    train: selectRows({ columns: search.columns, rows: search.labels.length }, fold.train),
    valid: selectRows({ columns: search.columns, rows: search.labels.length }, fold.valid),
    trainLabels: Uint8Array.from(fold.train, (i) => search.labels[i] ?? 0),
  }));
  let best: LogisticSearchResult | null = null;
  // Fits of the same features warm-start from the previous C (the grid lists C in increasing order).
  const warm = new Map<string, Float64Array>();
  for (const params of grid) {
    const oof = new Float64Array(search.labels.length);
    foldTables.forEach((fold, f) => {
      const key = `${params.bins}/${f}`;
      const model = trainLogistic(
        fold.train.columns,
        fold.train.rows,
        fold.trainLabels,
        params,
        warm.get(key),
      );
      warm.set(key, model.coef);
      const raw = predictLogisticRaw(model, fold.valid.columns, fold.valid.rows);
      search.folds[f]?.valid.forEach((row, i) => {
        oof[row] = raw[i] ?? 0;
      });
    });
    const auc = meanFoldAuc(oof, search);
    if (!best || auc > best.auc + 1e-9) best = { params, oof, auc };
  }
  if (!best) throw new Error('the logistic grid is empty');
  return best;
}

export function createChurnModel(state: ChurnModelState): ChurnModel {
  let forest: FlatForest | null = null;
  const getForest = (model: GbdtModel): FlatForest => {
    forest ??= flattenForest(model.trees);
    return forest;
  };
  const w = state.blendWeight;
  const { a, b } = state.platt;

  const logits = (table: Table): Float64Array => {
    const columns = alignColumns(table, state.features);
    const out = new Float64Array(table.rows);
    if (state.gbdt) {
      const raw = predictGbdtRaw(state.gbdt, getForest(state.gbdt), columns, table.rows);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + w * (raw[i] ?? 0);
    }
    if (state.logistic) {
      const raw = predictLogisticRaw(state.logistic, columns, table.rows);
      for (let i = 0; i < out.length; i++) out[i] = (out[i] ?? 0) + (1 - w) * (raw[i] ?? 0);
    }
    for (let i = 0; i < out.length; i++) out[i] = a * (out[i] ?? 0) + b;
    return out;
  };

  const contributions = (table: Table): { contributions: Float64Array; bias: number } => {
    const columns = alignColumns(table, state.features);
    const total = new Float64Array(table.rows * state.features.length);
    let bias = b;
    const parts: [{ contributions: Float64Array; bias: number }, number][] = [];
    if (state.gbdt)
      parts.push([explainGbdtRaw(state.gbdt, getForest(state.gbdt), columns, table.rows), a * w]);
    if (state.logistic) parts.push([explainLogisticRaw(state.logistic, columns, table.rows), a * (1 - w)]);
    for (const [part, scale] of parts) {
      bias += scale * part.bias;
      for (let j = 0; j < total.length; j++)
        total[j] = (total[j] ?? 0) + scale * (part.contributions[j] ?? 0);
    }
    return { contributions: total, bias };
  };

  const featureNames = state.features.map((feature) => feature.name);
  let explainer: RowExplainer | null = null;
  return {
    featureNames,
    summary: state.summary,
    logits,
    contributions,
    rowExplainer() {
      explainer ??= rowExplainer(state);
      return explainer;
    },
    predict(table: Table): Float64Array {
      const z = logits(table);
      for (let i = 0; i < z.length; i++) z[i] = 1 / (1 + Math.exp(-(z[i] ?? 0)));
      return z;
    },
    explain(table: Table, topK: number): Contribution[][] {
      const { contributions: all } = contributions(table);
      return Array.from({ length: table.rows }, (_, row) => topContributions(all, featureNames, row, topK));
    },
    toJSON(): unknown {
      return serializeModel(state);
    },
  };
}

/**
 * The row's `topK` contributions by absolute size, largest first (ties keep feature order). A
 * small insertion list, not a sort of every feature: this runs for every scored subscriber.
 */
export function topContributions(
  all: Float64Array,
  featureNames: readonly string[],
  row: number,
  topK: number,
): Contribution[] {
  const offset = row * featureNames.length;
  return topContributionIndices(all, featureNames.length, row, topK).map((f) => ({
    feature: featureNames[f] ?? '',
    contribution: all[offset + f] ?? 0,
  }));
}

/** The feature indexes topContributions picks, in its order (for callers that need the index). */
export function topContributionIndices(
  all: Float64Array,
  features: number,
  row: number,
  topK: number,
): number[] {
  const k = Math.max(0, Math.min(topK, features));
  const chosen: number[] = [];
  const offset = row * features;
  for (let f = 0; f < features; f++) {
    const size = Math.abs(all[offset + f] ?? 0);
    if (chosen.length === k && size <= Math.abs(all[offset + (chosen[k - 1] ?? 0)] ?? 0)) continue;
    let at = chosen.length;
    while (at > 0 && size > Math.abs(all[offset + (chosen[at - 1] ?? 0)] ?? 0)) at--;
    chosen.splice(at, 0, f);
    if (chosen.length > k) chosen.pop();
  }
  return chosen;
}

export function churnModelFromJSON(json: unknown): ChurnModel {
  return createChurnModel(parseModelJson(json));
}
