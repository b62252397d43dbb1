import { describe, expect, it } from 'vitest';
import { binColumnMajor, fitBinner } from './binning';
import {
  type ChurnModelState,
  churnModelFromJSON,
  createChurnModel,
  type TrainOptions,
  trainChurnModel,
} from './churn-model';
import { binnedData, DEFAULT_GBDT_PARAMS, trainGbdt } from './gbdt';
import { trainLogistic } from './logistic';
import { evaluateModel, rocAuc } from './metrics';
import type { Table } from './table';
import { mixedTable } from './test-data';

const SMALL: TrainOptions = {
  gbdtGrid: [{ maxLeaves: 4, maxTrees: 60 }],
  logisticGrid: [{ c: 1, bins: 0 }],
  folds: 3,
};

function blendedState(table: Table, labels: Uint8Array): ChurnModelState {
  const binners = table.columns.map((column) => fitBinner(column));
  const data = binnedData(binners, binColumnMajor(binners, table.columns, table.rows), table.rows);
  return {
    features: table.columns.map((c) => ({ name: c.name, kind: c.kind })),
    gbdt: trainGbdt(binners, data, labels, { ...DEFAULT_GBDT_PARAMS, maxLeaves: 8, maxTrees: 40 }).model,
    logistic: trainLogistic(table.columns, table.rows, labels, { c: 1, bins: 4 }),
    blendWeight: 0.6,
    platt: { a: 1.3, b: -0.2 },
    summary: { kind: 'gbdt+logistic', params: {}, cvRocAuc: 0, trainRows: table.rows, trainSeconds: 0 },
  };
}

describe('trainChurnModel', () => {
  it('does give identical predictions when trained twice with the same seed', () => {
    const { table, labels } = mixedTable(1500, 11);
    const first = trainChurnModel(table, labels, { ...SMALL, seed: 5 }).predict(table);
    const second = trainChurnModel(table, labels, { ...SMALL, seed: 5 }).predict(table);
    expect(Array.from(second)).toEqual(Array.from(first));
  });

  it('does rank churners well and keep the calibration honest when trained with the default grid', () => {
    const train = mixedTable(3000, 12);
    const test = mixedTable(2000, 13);
    const model = trainChurnModel(train.table, train.labels, { folds: 3 });
    const evaluation = evaluateModel(model, test.table, test.labels);
    // The true churn probabilities set the ceiling no model can pass on these labels.
    expect(evaluation.roc_auc).toBeGreaterThan(rocAuc(test.truth, test.labels) - 0.02);
    const rate = test.labels.reduce((a, b) => a + b, 0) / test.labels.length;
    const meanPredicted = model.predict(test.table).reduce((a, b) => a + b, 0) / test.table.rows;
    expect(Math.abs(meanPredicted - rate)).toBeLessThan(0.03);
    expect(model.summary.trainRows).toBe(3000);
    expect(model.summary.cvRocAuc).toBeGreaterThan(0.6);
  });
});

describe('ChurnModel', () => {
  const { table, labels } = mixedTable(2000, 21);
  const model = createChurnModel(blendedState(table, labels));

  it('does give identical predictions when read back from its JSON', () => {
    const restored = churnModelFromJSON(JSON.parse(JSON.stringify(model.toJSON())));
    expect(Array.from(restored.predict(table))).toEqual(Array.from(model.predict(table)));
    expect(restored.featureNames).toEqual(model.featureNames);
  });

  it('does make contributions and bias add up to the calibrated logit of every row', () => {
    const { contributions, bias } = model.contributions(table);
    const logits = model.logits(table);
    const probs = model.predict(table);
    const features = model.featureNames.length;
    for (let row = 0; row < table.rows; row++) {
      let sum = bias;
      for (let f = 0; f < features; f++) sum += contributions[row * features + f] ?? 0;
      expect(sum).toBeCloseTo(logits[row] ?? 0, 9);
      expect(1 / (1 + Math.exp(-sum))).toBeCloseTo(probs[row] ?? 0, 9);
    }
  });

  it('does list the top features by absolute contribution with + meaning more risk', () => {
    const probe: Table = {
      rows: 1,
      columns: [
        { name: 'usage', kind: 'numeric', values: Float64Array.from([Number.NaN]) },
        { name: 'plan', kind: 'categorical', values: ['prepaid'] },
        { name: 'noise', kind: 'numeric', values: Float64Array.from([0.5]) },
      ],
    };
    const [top = []] = model.explain(probe, 2);
    expect(top).toHaveLength(2);
    expect(top.map((t) => t.feature).sort()).toEqual(['plan', 'usage']);
    expect(top.every((t) => t.contribution > 0)).toBe(true);
    expect(Math.abs(top[0]?.contribution ?? 0)).toBeGreaterThanOrEqual(Math.abs(top[1]?.contribution ?? 0));
  });

  it('does match columns by name when the scoring table orders them differently', () => {
    const reordered: Table = { rows: table.rows, columns: [...table.columns].reverse() };
    expect(Array.from(model.predict(reordered))).toEqual(Array.from(model.predict(table)));
  });

  it('does name the missing column when the scoring table lacks one', () => {
    const without: Table = { rows: table.rows, columns: table.columns.filter((c) => c.name !== 'plan') };
    expect(() => model.predict(without)).toThrow(/no column 'plan'/);
  });

  it('does reject a malformed model document with a clear error', () => {
    expect(() => churnModelFromJSON({ format: 'something else' })).toThrow(/not a valid vipdesk churn model/);
    const doc = JSON.parse(JSON.stringify(model.toJSON()));
    doc.gbdt.trees[0].left[0] = 999;
    expect(() => churnModelFromJSON(doc)).toThrow(/tree 0 is malformed/);
    doc.version = 2;
    expect(() => churnModelFromJSON(doc)).toThrow(/version/);
  });
});
