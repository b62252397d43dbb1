// npm run bench:model — the churn model on the public churn data sets next to the published
// references (README in /work/shared/data/churn), then training and scoring time at operator scale.
//   1. For IBM Telco and Orange/BigML: `vipdesk model evaluate` in its own process (train on
//      train.csv, evaluate on test.csv), timed, with its peak RSS.
//   2. A synthetic 200k-row × 40-column table: training time and peak RSS; scoring 1M rows.
// Target: test ROC AUC ≥ the best reference on each data set; 200k-row training well under a minute.
import { resolve } from 'node:path';
import { trainChurnModel } from '#src/ml/churn-model';
import { createRandom } from '#src/ml/random';
import { type Column, selectRows, type Table } from '#src/ml/table';
import { measureChild } from './support/measure-child';

const DATA = '/work/shared/data/churn';
const TRAIN_ROWS = Number(process.argv[2] ?? 200_000);
const SCORE_ROWS = 1_000_000;

type Reference = { lr: number; lgbm: number; prLr: number; prLgbm: number; liftLr: number; liftLgbm: number };
const DATA_SETS: { name: string; file: string; reference: Reference }[] = [
  {
    name: 'IBM Telco',
    file: 'ibm-telco',
    reference: { lr: 0.8466, lgbm: 0.8364, prLr: 0.638, prLgbm: 0.643, liftLr: 2.79, liftLgbm: 2.88 },
  },
  {
    name: 'Orange/BigML',
    file: 'orange-bigml',
    reference: { lr: 0.8149, lgbm: 0.9235, prLr: 0.427, prLgbm: 0.864, liftLr: 3.56, liftLgbm: 6.81 },
  },
];

type Result = {
  roc_auc: number;
  pr_auc: number;
  lift10: number;
  train_seconds: number;
  model: { kind: string };
};

function isResult(value: unknown): value is Result {
  return typeof value === 'object' && value !== null && 'roc_auc' in value && 'train_seconds' in value;
}

function pad(text: string | number, width: number): string {
  return String(text).padStart(width);
}

async function realDataSets(): Promise<boolean> {
  console.log('Public churn data: train on train.csv, evaluate on test.csv (each in its own process)\n');
  const header = [
    'data set'.padEnd(13),
    pad('ROC AUC', 8),
    pad('ref LR', 7),
    pad('ref LGBM', 8),
    pad('best', 7),
    pad('', 5),
    pad('PR AUC', 7),
    pad('(LR/LGBM)', 12),
    pad('lift10', 7),
    pad('(LR/LGBM)', 12),
    pad('train s', 8),
    pad('peak RSS', 9),
    '  model',
  ].join(' ');
  const lines = [header, '-'.repeat(header.length)];
  let allPass = true;
  for (const set of DATA_SETS) {
    const run = await measureChild(process.execPath, [
      resolve('bin/vipdesk.js'),
      'model',
      'evaluate',
      '--train',
      `${DATA}/${set.file}-train.csv`,
      '--test',
      `${DATA}/${set.file}-test.csv`,
      '--label',
      'Churn',
    ]);
    const last = run.stdout.trim().split('\n').at(-1) ?? '';
    const result: unknown = JSON.parse(last);
    if (!isResult(result)) throw new Error(`unexpected result line: ${last}`);
    const ref = set.reference;
    const best = Math.max(ref.lr, ref.lgbm);
    const pass = result.roc_auc >= best;
    allPass &&= pass;
    lines.push(
      [
        set.name.padEnd(13),
        pad(result.roc_auc.toFixed(4), 8),
        pad(ref.lr.toFixed(4), 7),
        pad(ref.lgbm.toFixed(4), 8),
        pad(best.toFixed(4), 7),
        pad(pass ? 'PASS' : 'FAIL', 5),
        pad(result.pr_auc.toFixed(3), 7),
        pad(`${ref.prLr.toFixed(3)}/${ref.prLgbm.toFixed(3)}`, 12),
        pad(result.lift10.toFixed(2), 7),
        pad(`${ref.liftLr.toFixed(2)}/${ref.liftLgbm.toFixed(2)}`, 12),
        pad(result.train_seconds.toFixed(1), 8),
        pad(`${run.peakRssMb} MB`, 9),
        `  ${result.model.kind}`,
      ].join(' '),
    );
  }
  console.log(lines.join('\n'));
  return allPass;
}

/** Numeric and categorical columns, 2% missing, a label depending non-linearly on a few of them. */
function syntheticChurnTable(
  rows: number,
  numeric: number,
  categorical: number,
  seed = 7,
): { table: Table; labels: Uint8Array } {
  const random = createRandom(seed);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const columns: Column[] = [];
  for (let c = 0; c < numeric; c++) {
    const values = new Float64Array(rows);
    for (let i = 0; i < rows; i++) values[i] = random() < 0.02 ? Number.NaN : gaussian();
    columns.push({ name: `num_${c}`, kind: 'numeric', values });
  }
  for (let c = 0; c < categorical; c++) {
    const levels = 3 + c * 4;
    const values = Array.from({ length: rows }, () =>
      random() < 0.02 ? null : `level_${Math.floor(random() ** 1.5 * levels)}`,
    );
    columns.push({ name: `cat_${c}`, kind: 'categorical', values });
  }
  const labels = new Uint8Array(rows);
  const num = (c: number, i: number) => {
    const column = columns[c];
    const v = column?.kind === 'numeric' ? (column.values[i] ?? 0) : 0;
    return Number.isNaN(v) ? 0 : v;
  };
  const cat = columns[numeric];
  for (let i = 0; i < rows; i++) {
    const level = cat?.kind === 'categorical' ? cat.values[i] : null;
    const logit =
      -1.5 +
      0.8 * num(0, i) -
      0.6 * num(1, i) +
      (num(2, i) * num(3, i) > 0.5 ? 1.2 : 0) +
      (Math.abs(num(4, i)) > 1.5 ? 0.8 : 0) +
      (level === 'level_0' ? 0.7 : 0);
    labels[i] = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  return { table: { columns, rows }, labels };
}

function peakRssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.round(Math.max(peak, process.memoryUsage().rss) / 1024 / 1024);
    },
  };
}

/** Training blocks the event loop, so RSS is sampled between progress messages as well. */
async function atScale(): Promise<void> {
  console.log(`\nSynthetic table: ${TRAIN_ROWS} rows × 40 columns (30 numeric, 10 categorical)`);
  const { table, labels } = syntheticChurnTable(TRAIN_ROWS, 30, 10);
  const sampler = peakRssSampler();
  let peak = 0;
  const started = performance.now();
  const model = trainChurnModel(table, labels, {
    onProgress: (message) => {
      peak = Math.max(peak, process.memoryUsage().rss);
      console.log(`  ${((performance.now() - started) / 1000).toFixed(1)}s ${message}`);
    },
  });
  const trainSeconds = (performance.now() - started) / 1000;
  const trainPeak = Math.max(sampler.stop(), Math.round(peak / 1024 / 1024));
  console.log(
    `  trained in ${trainSeconds.toFixed(1)}s (${model.summary.kind}), peak RSS ${trainPeak} MB   [target: well under 60 s]`,
  );

  const big = selectRows(
    table,
    Int32Array.from({ length: SCORE_ROWS }, (_, i) => i % table.rows),
  );
  const scoreStarted = performance.now();
  model.predict(big);
  const scoreSeconds = (performance.now() - scoreStarted) / 1000;
  const trees = (model.summary.params.gbdt as { trees?: number } | undefined)?.trees ?? 0;
  console.log(
    `  scored ${SCORE_ROWS} rows in ${scoreSeconds.toFixed(2)}s (${Math.round(SCORE_ROWS / scoreSeconds)} rows/s, ${trees} trees)   [target: a few seconds]`,
  );
  const explainStarted = performance.now();
  model.explain(
    selectRows(
      table,
      Int32Array.from({ length: 10_000 }, (_, i) => i),
    ),
    5,
  );
  console.log(
    `  explained 10000 rows (top 5) in ${((performance.now() - explainStarted) / 1000).toFixed(2)}s`,
  );
}

const pass = await realDataSets();
await atScale();
if (!pass) process.exitCode = 1;
