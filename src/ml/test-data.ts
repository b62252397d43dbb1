// Small synthetic tables for the model's unit tests.
import { createRandom } from './random';
import type { Table } from './table';

/** Churn when x and y have the same sign (XOR-like): no linear model can separate it. */
export function xorTable(rows: number, seed: number): { table: Table; labels: Uint8Array } {
  const random = createRandom(seed);
  const x = new Float64Array(rows);
  const y = new Float64Array(rows);
  const labels = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    x[i] = random() * 2 - 1;
    y[i] = random() * 2 - 1;
    const same = (x[i] ?? 0) * (y[i] ?? 0) > 0;
    labels[i] = random() < (same ? 0.9 : 0.1) ? 1 : 0;
  }
  return {
    table: {
      rows,
      columns: [
        { name: 'x', kind: 'numeric', values: x },
        { name: 'y', kind: 'numeric', values: y },
      ],
    },
    labels,
  };
}

/**
 * A mixed table: `usage` (numeric, missing for some rows — missing means high risk), `plan`
 * (categorical, 'prepaid' is risky), `noise`. About 30% churn.
 */
export function mixedTable(
  rows: number,
  seed: number,
): { table: Table; labels: Uint8Array; truth: Float64Array } {
  const random = createRandom(seed);
  const usage = new Float64Array(rows);
  const noise = new Float64Array(rows);
  const plan: (string | null)[] = [];
  const labels = new Uint8Array(rows);
  const truth = new Float64Array(rows);
  const plans = ['prepaid', 'postpaid', 'family', 'business', 'student', 'senior'];
  for (let i = 0; i < rows; i++) {
    const missing = random() < 0.1;
    const u = random() * 10;
    usage[i] = missing ? Number.NaN : u;
    noise[i] = random();
    const p = plans[Math.floor(random() * plans.length)] ?? 'prepaid';
    plan.push(random() < 0.05 ? null : p);
    const logit = -1.2 + (missing ? 2 : -0.25 * (u - 5)) + (p === 'prepaid' ? 1.2 : 0) + (u > 8 ? 1 : 0);
    truth[i] = 1 / (1 + Math.exp(-logit));
    labels[i] = random() < (truth[i] ?? 0) ? 1 : 0;
  }
  return {
    truth,
    table: {
      rows,
      columns: [
        { name: 'usage', kind: 'numeric', values: usage },
        { name: 'plan', kind: 'categorical', values: plan },
        { name: 'noise', kind: 'numeric', values: noise },
      ],
    },
    labels,
  };
}
