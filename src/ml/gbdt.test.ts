import { describe, expect, it } from 'vitest';
import { binColumnMajor, fitBinner } from './binning';
import { binnedData, DEFAULT_GBDT_PARAMS, trainGbdt } from './gbdt';
import { flattenForest, predictGbdtRaw } from './gbdt-predict';
import { predictLogisticRaw, trainLogistic } from './logistic';
import { rocAuc } from './metrics';
import type { Table } from './table';
import { mixedTable, xorTable } from './test-data';

function fitTrees(table: Table, labels: Uint8Array, trees = 100) {
  const binners = table.columns.map((column) => fitBinner(column));
  const data = binnedData(binners, binColumnMajor(binners, table.columns, table.rows), table.rows);
  const model = trainGbdt(binners, data, labels, {
    ...DEFAULT_GBDT_PARAMS,
    maxLeaves: 4,
    maxTrees: trees,
  }).model;
  return (scored: Table) => predictGbdtRaw(model, flattenForest(model.trees), scored.columns, scored.rows);
}

describe('gradient-boosted trees', () => {
  it('does learn an XOR pattern when logistic regression cannot', () => {
    const train = xorTable(3000, 1);
    const test = xorTable(2000, 2);
    const trees = fitTrees(train.table, train.labels);
    const linear = trainLogistic(train.table.columns, train.table.rows, train.labels, { c: 1, bins: 0 });
    const treeAuc = rocAuc(trees(test.table), test.labels);
    const linearAuc = rocAuc(predictLogisticRaw(linear, test.table.columns, test.table.rows), test.labels);
    expect(treeAuc).toBeGreaterThan(0.85);
    expect(linearAuc).toBeLessThan(0.6);
  });

  it('does send missing values their own way and unseen categories down the missing branch', () => {
    const train = mixedTable(4000, 3);
    const predict = fitTrees(train.table, train.labels);
    const probe: Table = {
      rows: 3,
      columns: [
        { name: 'usage', kind: 'numeric', values: Float64Array.from([Number.NaN, 5, 5]) },
        { name: 'plan', kind: 'categorical', values: ['postpaid', 'a plan never seen', null] },
        { name: 'noise', kind: 'numeric', values: Float64Array.from([0.5, 0.5, 0.5]) },
      ],
    };
    const [missingUsage = 0, unseenPlan = 0, missingPlan = 0] = predict(probe);
    const [presentUsage = 0] = predict({
      rows: 3,
      columns: [
        { name: 'usage', kind: 'numeric', values: Float64Array.from([5, 5, 5]) },
        ...probe.columns.filter((c) => c.name !== 'usage'),
      ],
    });
    expect(missingUsage).toBeGreaterThan(presentUsage + 1);
    expect(Number.isFinite(unseenPlan)).toBe(true);
    expect(unseenPlan).toBe(missingPlan);
  });
});
