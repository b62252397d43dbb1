import type { Table } from './table';

function checkInputs(scores: ArrayLike<number>, labels: ArrayLike<number>): { positives: number } {
  if (scores.length !== labels.length)
    throw new Error(`scores (${scores.length}) and labels (${labels.length}) differ in length`);
  let positives = 0;
  for (let i = 0; i < labels.length; i++) if (labels[i] === 1) positives++;
  if (positives === 0 || positives === labels.length)
    throw new Error('the metric needs both classes in the labels; all labels are the same');
  return { positives };
}

function orderByScoreDescending(scores: ArrayLike<number>): Int32Array {
  const order = Int32Array.from({ length: scores.length }, (_, i) => i);
  order.sort((a, b) => (scores[b] ?? 0) - (scores[a] ?? 0));
  return order;
}

/** Area under the ROC curve (Mann–Whitney); tied scores count one half. */
export function rocAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { positives } = checkInputs(scores, labels);
  const negatives = labels.length - positives;
  const order = orderByScoreDescending(scores);
  let area = 0;
  let negativesAbove = 0;
  let i = 0;
  while (i < order.length) {
    const score = scores[order[i] ?? 0];
    let pos = 0;
    let neg = 0;
    while (i < order.length && scores[order[i] ?? 0] === score) {
      if (labels[order[i] ?? 0] === 1) pos++;
      else neg++;
      i++;
    }
    area += pos * (negatives - negativesAbove - neg) + pos * neg * 0.5;
    negativesAbove += neg;
  }
  return area / (positives * negatives);
}

/** Average precision (the step-wise area under the precision–recall curve), ties grouped as one threshold. */
export function prAuc(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { positives } = checkInputs(scores, labels);
  const order = orderByScoreDescending(scores);
  let truePositives = 0;
  let seen = 0;
  let area = 0;
  let i = 0;
  while (i < order.length) {
    const score = scores[order[i] ?? 0];
    let pos = 0;
    while (i < order.length && scores[order[i] ?? 0] === score) {
      if (labels[order[i] ?? 0] === 1) pos++;
      seen++;
      i++;
    }
    truePositives += pos;
    area += (pos / positives) * (truePositives / seen);
  }
  return area;
}

/** Churn rate among the 10% highest scores divided by the overall churn rate. */
export function liftAtTopDecile(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const { positives } = checkInputs(scores, labels);
  const order = orderByScoreDescending(scores);
  const top = Math.max(1, Math.ceil(order.length / 10));
  let hits = 0;
  for (let i = 0; i < top; i++) if (labels[order[i] ?? 0] === 1) hits++;
  return hits / top / (positives / labels.length);
}

export type CalibrationBin = {
  from: number;
  to: number;
  n: number;
  meanPredicted: number;
  observedRate: number;
};

/** Predicted probability against observed rate in equal-width bins; an empty bin has NaN means. */
export function calibrationTable(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): CalibrationBin[] {
  const n = new Float64Array(bins);
  const predicted = new Float64Array(bins);
  const observed = new Float64Array(bins);
  for (let i = 0; i < probs.length; i++) {
    const p = probs[i] ?? 0;
    const bin = Math.min(bins - 1, Math.max(0, Math.floor(p * bins)));
    n[bin] = (n[bin] ?? 0) + 1;
    predicted[bin] = (predicted[bin] ?? 0) + p;
    observed[bin] = (observed[bin] ?? 0) + (labels[i] === 1 ? 1 : 0);
  }
  return Array.from({ length: bins }, (_, b) => {
    const count = n[b] ?? 0;
    return {
      from: b / bins,
      to: (b + 1) / bins,
      n: count,
      meanPredicted: count > 0 ? (predicted[b] ?? 0) / count : Number.NaN,
      observedRate: count > 0 ? (observed[b] ?? 0) / count : Number.NaN,
    };
  });
}

/** Mean |predicted − observed| over bins, weighted by their size (expected calibration error). */
export function expectedCalibrationError(
  probs: ArrayLike<number>,
  labels: ArrayLike<number>,
  bins = 10,
): number {
  let error = 0;
  for (const bin of calibrationTable(probs, labels, bins)) {
    if (bin.n > 0) error += (bin.n / probs.length) * Math.abs(bin.meanPredicted - bin.observedRate);
  }
  return error;
}

export function logLoss(probs: ArrayLike<number>, labels: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < probs.length; i++) {
    const p = Math.min(1 - 1e-15, Math.max(1e-15, probs[i] ?? 0));
    sum -= labels[i] === 1 ? Math.log(p) : Math.log(1 - p);
  }
  return sum / probs.length;
}

export type Evaluation = { roc_auc: number; pr_auc: number; lift10: number; calibration: CalibrationBin[] };

export function evaluateProbabilities(probs: ArrayLike<number>, labels: ArrayLike<number>): Evaluation {
  return {
    roc_auc: rocAuc(probs, labels),
    pr_auc: prAuc(probs, labels),
    lift10: liftAtTopDecile(probs, labels),
    calibration: calibrationTable(probs, labels),
  };
}

export function evaluateModel(
  model: { predict(table: Table): Float64Array },
  table: Table,
  labels: Uint8Array,
): Evaluation {
  return evaluateProbabilities(model.predict(table), labels);
}
