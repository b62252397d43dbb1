import { writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { trainAndStore } from '#src/features/model/load-scorer';
import { resolveAsOf } from '#src/features/scoring/runs/run-scoring';
import { scoringContextFor } from '#src/features/scoring/runs/scoring-context';
import { currentSettings } from '#src/features/scoring/settings/settings.service';
import { type ChurnModel, trainChurnModel } from '#src/ml/churn-model';
import { stratifiedSplit } from '#src/ml/cross-validation';
import { type CalibrationBin, type Evaluation, evaluateModel } from '#src/ml/metrics';
import { type CsvTable, readCsvTable } from '#src/ml/read-csv-table';
import { selectRows } from '#src/ml/table';
import { configOrExit, withStores } from '../context';

type CsvOptions = { label?: string; positive?: string; drop?: string };
type EvaluateOptions = CsvOptions & { train: string; test: string };
type TrainOptions = CsvOptions & { csv?: string; out: string; asOf?: string };

const HOLDOUT_FRACTION = 0.2;
const SPLIT_SEED = 42;

export function registerModelCommand(program: Command): void {
  const model = program
    .command('model')
    .description("train and evaluate the churn model (the operator's history or labelled CSV files)");

  model
    .command('evaluate')
    .description('train on one labelled CSV file, evaluate on another (ROC AUC, PR AUC, lift, calibration)')
    .requiredOption('--train <file>', 'labelled CSV file to train on')
    .requiredOption('--test <file>', 'labelled CSV file to evaluate on (same columns)')
    .requiredOption('--label <column>', 'the column that says whether the customer churned')
    .option('--positive <value>', 'the label value meaning churned (detected for Yes/No, True/False, 1/0)')
    .option('--drop <columns>', 'comma-separated columns to leave out')
    .action((opts: EvaluateOptions) => {
      evaluateFiles(opts);
    });

  model
    .command('train')
    .description(
      "train the churn model: from the operator's own history (stored and made active), or from a\n" +
        'labelled CSV file (--csv; written as JSON). Reports held-out quality either way',
    )
    .option('--csv <file>', 'labelled CSV file to train on')
    .option('--label <column>', 'the column that says whether the customer churned')
    .option('--positive <value>', 'the label value meaning churned (detected for Yes/No, True/False, 1/0)')
    .option('--drop <columns>', 'comma-separated columns to leave out')
    .option('--out <file>', 'where to write the model', 'model.json')
    .option('--as-of <date>', 'without --csv: learn from history up to this day (default: latest bills)')
    .action(async (opts: TrainOptions) => {
      if (opts.csv) {
        trainFromCsv(opts.csv, opts);
        return;
      }
      await trainFromOperatorHistory(opts.asOf);
    });
}

function readLabelled(
  file: string,
  opts: CsvOptions,
  extra: { positive?: string; autoDrop?: boolean; drop?: string[] } = {},
): CsvTable {
  if (!opts.label) throw new Error('--label is required');
  const drop = extra.drop ?? parseDropList(opts.drop);
  const positive = extra.positive ?? opts.positive;
  return readCsvTable(resolve(file), {
    label: opts.label,
    drop,
    ...(positive !== undefined ? { positive } : {}),
    ...(extra.autoDrop !== undefined ? { autoDrop: extra.autoDrop } : {}),
  });
}

function parseDropList(drop: string | undefined): string[] {
  return (drop ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function progress(message: string): void {
  console.error(`  ${message}`);
}

function evaluateFiles(opts: EvaluateOptions): void {
  const train = readLabelled(opts.train, opts);
  reportDropped(train);
  // The test file keeps every column the model uses, whatever it holds.
  const test = readLabelled(opts.test, opts, {
    positive: train.positive,
    autoDrop: false,
    drop: train.dropped.map((d) => d.name),
  });
  const model = trainChurnModel(train.table, train.labels, { onProgress: progress });
  const evaluation = evaluateModel(model, test.table, test.labels);
  printReport(model, evaluation, `test file (${test.table.rows} rows)`);
  printResultLine(model, evaluation, {
    n_train: train.table.rows,
    n_test: test.table.rows,
    dropped_columns: train.dropped.map((d) => d.name),
  });
}

export function trainFromCsv(file: string, opts: TrainOptions): void {
  const data = readLabelled(file, opts);
  reportDropped(data);
  const split = stratifiedSplit(data.labels, HOLDOUT_FRACTION, SPLIT_SEED);
  const trainTable = selectRows(data.table, split.train);
  const trainLabels = Uint8Array.from(split.train, (i) => data.labels[i] ?? 0);
  const holdoutTable = selectRows(data.table, split.test);
  const holdoutLabels = Uint8Array.from(split.test, (i) => data.labels[i] ?? 0);
  console.log(`held-out check: training on ${split.train.length} rows, evaluating on ${split.test.length}`);
  const checkModel = trainChurnModel(trainTable, trainLabels, { onProgress: progress });
  const evaluation = evaluateModel(checkModel, holdoutTable, holdoutLabels);
  printReport(checkModel, evaluation, `held-out 20% (${split.test.length} rows)`);

  console.log(`final model: training on all ${data.table.rows} rows`);
  const model = trainChurnModel(data.table, data.labels, { onProgress: progress });
  const out = resolve(opts.out);
  writeFileSync(out, `${JSON.stringify(model.toJSON())}\n`);
  console.log(
    `model written to ${out} (${model.summary.kind}, CV ROC AUC ${model.summary.cvRocAuc.toFixed(4)})`,
  );
  printResultLine(model, evaluation, {
    n_train: split.train.length,
    n_test: split.test.length,
    n_final: data.table.rows,
    dropped_columns: data.dropped.map((d) => d.name),
    model_path: out,
  });
}

/**
 * Learns from the operator's own snapshots (features as of past month ends, labels from the
 * status history), stores the model and makes it the one scoring runs use.
 */
async function trainFromOperatorHistory(asOfOption: string | undefined): Promise<void> {
  const config = configOrExit();
  await withStores(config, async (stores) => {
    const ctx = scoringContextFor(config, stores);
    const asOf = await resolveAsOf(ctx, asOfOption);
    const { settings } = await currentSettings(stores.handle.db);
    await mkdir(ctx.workRoot, { recursive: true });
    const workDir = await mkdtemp(join(ctx.workRoot, 'train-'));
    try {
      const stored = await trainAndStore({ ...ctx, workDir }, settings, asOf, progress);
      if (!stored) {
        throw new Error(
          `not enough churn history before ${asOf} to learn from (need ${settings.model.training.minPositives} ` +
            `churners in snapshots with bills and daily usage); scoring uses the signal prior until then`,
        );
      }
      const { training, model } = stored;
      console.log(
        `learned from snapshots ${training.snapshots.join(', ')}: ${training.trainRows} rows ` +
          `(${training.positives} churned within ${settings.model.horizonMonths} month(s))`,
      );
      printReport(training.model, training.metrics, `held-out fifth (${training.holdoutRows} rows)`);
      console.log(`stored as model ${model.id} and made active`);
      printResultLine(training.model, training.metrics, {
        n_train: training.trainRows,
        n_test: training.holdoutRows,
        model_id: model.id,
        snapshots: training.snapshots,
      });
    } finally {
      await rm(workDir, { recursive: true, force: true });
    }
  });
}

function reportDropped(data: CsvTable): void {
  for (const dropped of data.dropped) console.log(`column '${dropped.name}' left out: ${dropped.reason}`);
  const kinds = data.table.columns.map((c) => `${c.name} (${c.kind === 'numeric' ? 'num' : 'cat'})`);
  console.log(`${data.table.columns.length} feature column(s): ${kinds.join(', ')}`);
  console.log(`label: '${data.positive}' means churned`);
}

function printReport(model: ChurnModel, evaluation: Evaluation, evaluatedOn: string): void {
  const { summary } = model;
  console.log(
    `model: ${summary.kind}, trained on ${summary.trainRows} rows in ${summary.trainSeconds.toFixed(1)}s`,
  );
  console.log(`chosen by cross-validation: ${JSON.stringify(summary.params)}`);
  console.log(`CV ROC AUC (training rows): ${summary.cvRocAuc.toFixed(4)}`);
  console.log(`on the ${evaluatedOn}:`);
  console.log(
    `  ROC AUC ${evaluation.roc_auc.toFixed(4)}   PR AUC ${evaluation.pr_auc.toFixed(4)}   lift@10% ${evaluation.lift10.toFixed(2)}`,
  );
  console.log('  calibration (predicted vs observed churn rate):');
  console.log(formatCalibration(evaluation.calibration));
}

export function formatCalibration(bins: CalibrationBin[]): string {
  const lines = ['    bin          rows  predicted  observed'];
  for (const bin of bins) {
    const range = `${bin.from.toFixed(1)}–${bin.to.toFixed(1)}`.padEnd(11);
    const predicted = bin.n > 0 ? bin.meanPredicted.toFixed(3) : '—';
    const observed = bin.n > 0 ? bin.observedRate.toFixed(3) : '—';
    lines.push(`    ${range}${String(bin.n).padStart(6)}  ${predicted.padStart(9)}  ${observed.padStart(8)}`);
  }
  return lines.join('\n');
}

function printResultLine(model: ChurnModel, evaluation: Evaluation, extra: Record<string, unknown>): void {
  const result = {
    roc_auc: round(evaluation.roc_auc),
    pr_auc: round(evaluation.pr_auc),
    lift10: round(evaluation.lift10),
    ...extra,
    train_seconds: round(model.summary.trainSeconds),
    cv_roc_auc: round(model.summary.cvRocAuc),
    model: { kind: model.summary.kind, params: model.summary.params },
    calibration: evaluation.calibration.map((bin) => ({
      from: bin.from,
      to: bin.to,
      n: bin.n,
      mean_predicted: bin.n > 0 ? round(bin.meanPredicted) : null,
      observed_rate: bin.n > 0 ? round(bin.observedRate) : null,
    })),
  };
  console.log(JSON.stringify(result));
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
