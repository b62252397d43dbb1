import { describe, expect, it } from 'vitest';
import { binColumnMajor, fitBinner } from './binning';
import { type ChurnModelState, createChurnModel } from './churn-model';
import { binnedData, DEFAULT_GBDT_PARAMS, trainGbdt } from './gbdt';
import { trainLogistic } from './logistic';
import type { Table } from './table';
import { mixedTable } from './test-data';

function state(table: Table, labels: Uint8Array, blendWeight: number, bins: number): ChurnModelState {
  const binners = table.columns.map((column) => fitBinner(column));
  const data = binnedData(binners, binColumnMajor(binners, table.columns, table.rows), table.rows);
  return {
    features: table.columns.map((c) => ({ name: c.name, kind: c.kind })),
    gbdt:
      blendWeight > 0
        ? trainGbdt(binners, data, labels, { ...DEFAULT_GBDT_PARAMS, maxLeaves: 8, maxTrees: 40 }).model
        : null,
    logistic: blendWeight < 1 ? trainLogistic(table.columns, table.rows, labels, { c: 1, bins }) : null,
    blendWeight,
    platt: { a: 1.3, b: -0.2 },
    summary: { kind: 'test', params: {}, cvRocAuc: 0, trainRows: table.rows, trainSeconds: 0 },
  };
}

/** Row i of the table as the explainer takes it. */
function rowOf(table: Table, i: number): { numeric: Float64Array; categorical: (string | null)[] } {
  const numeric = new Float64Array(table.columns.length).fill(Number.NaN);
  const categorical: (string | null)[] = table.columns.map(() => null);
  table.columns.forEach((column, f) => {
    if (column.kind === 'numeric') numeric[f] = column.values[i] ?? Number.NaN;
    else categorical[f] = column.values[i] ?? null;
  });
  return { numeric, categorical };
}

describe('rowExplainer', () => {
  const { table: train, labels } = mixedTable(2000, 3);
  // Scored on other rows, with a category the model never saw and more missing values.
  const { table: scored } = mixedTable(500, 8);
  const plan = scored.columns[1];
  if (plan?.kind === 'categorical') plan.values[0] = 'unheard-of';

  it('follows splits of any shape, not only value thresholds', () => {
    const odd = state(train, labels, 1, 0);
    // Send bins 2 and 5 (and the missing bin) left at every split on the numeric `usage` column:
    // no threshold describes that, so those nodes must be decided by their bins.
    for (const tree of odd.gbdt?.trees ?? []) {
      tree.feature.forEach((f, node) => {
        if (f !== 0) return;
        tree.leftBins.fill(0, node * 8, node * 8 + 8);
        tree.leftBins[node * 8] = (1 << 0) | (1 << 2) | (1 << 5);
      });
    }
    const model = createChurnModel(odd);
    const { contributions } = model.contributions(scored);
    const explainer = model.rowExplainer();
    const out = new Float64Array(3);
    for (let i = 0; i < scored.rows; i++) {
      const { numeric, categorical } = rowOf(scored, i);
      explainer.explain(numeric, categorical, out);
      expect(Array.from(out)).toEqual(Array.from(contributions.subarray(i * 3, i * 3 + 3)));
    }
  });

  it.each([
    ['trees and logistic regression with bins', 0.6, 4],
    ['trees only', 1, 0],
    ['logistic regression only', 0, 0],
    ['trees and logistic regression without bins', 0.3, 0],
  ])('gives the table path’s contributions and logit bit for bit: %s', (_name, weight, bins) => {
    const model = createChurnModel(state(train, labels, weight, bins));
    const { contributions, bias } = model.contributions(scored);
    const logits = model.logits(scored);
    const explainer = model.rowExplainer();
    const features = model.featureNames.length;
    const out = new Float64Array(features);
    for (let i = 0; i < scored.rows; i++) {
      const { numeric, categorical } = rowOf(scored, i);
      const logit = explainer.explain(numeric, categorical, out);
      expect(Array.from(out)).toEqual(Array.from(contributions.subarray(i * features, (i + 1) * features)));
      let expected = bias;
      for (let f = 0; f < features; f++) expected += contributions[i * features + f] ?? 0;
      expect(logit).toBe(expected);
      // The sum of contributions is the model's logit, up to rounding.
      expect(logit).toBeCloseTo(logits[i] ?? 0, 9);
    }
  });
});
