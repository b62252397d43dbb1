// Platt scaling: p = σ(a·z + b) fitted on out-of-fold raw scores. Kept linear in the logit so that
// feature contributions, scaled by a, still add up exactly to the calibrated logit.
export type PlattScaling = { a: number; b: number };

export function fitPlatt(raw: ArrayLike<number>, labels: ArrayLike<number>): PlattScaling {
  let positives = 0;
  for (let i = 0; i < labels.length; i++) positives += labels[i] === 1 ? 1 : 0;
  const negatives = labels.length - positives;
  // Platt's smoothed targets keep the fit finite on separable scores.
  const high = (positives + 1) / (positives + 2);
  const low = 1 / (negatives + 2);
  let a = 1;
  let b = 0;
  let loss = plattLoss(raw, labels, a, b, high, low);
  for (let iteration = 0; iteration < 100; iteration++) {
    let ga = 0;
    let gb = 0;
    let haa = 1e-12;
    let hab = 0;
    let hbb = 1e-12;
    for (let i = 0; i < raw.length; i++) {
      const z = raw[i] ?? 0;
      const p = 1 / (1 + Math.exp(-(a * z + b)));
      const r = p - (labels[i] === 1 ? high : low);
      const w = Math.max(p * (1 - p), 1e-12);
      ga += r * z;
      gb += r;
      haa += w * z * z;
      hab += w * z;
      hbb += w;
    }
    const det = haa * hbb - hab * hab;
    if (Math.abs(det) < 1e-300) break;
    const da = (hbb * ga - hab * gb) / det;
    const db = (haa * gb - hab * ga) / det;
    let step = 1;
    let improved = false;
    for (let halving = 0; halving < 30; halving++) {
      const next = plattLoss(raw, labels, a - step * da, b - step * db, high, low);
      if (next <= loss) {
        a -= step * da;
        b -= step * db;
        improved = loss - next > 1e-12;
        loss = next;
        break;
      }
      step /= 2;
    }
    if (!improved) break;
  }
  return { a, b };
}

function plattLoss(
  raw: ArrayLike<number>,
  labels: ArrayLike<number>,
  a: number,
  b: number,
  high: number,
  low: number,
): number {
  let loss = 0;
  for (let i = 0; i < raw.length; i++) {
    const z = a * (raw[i] ?? 0) + b;
    const t = labels[i] === 1 ? high : low;
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    loss += softplus - t * z;
  }
  return loss;
}

export function applyPlatt(scaling: PlattScaling, raw: number): number {
  return 1 / (1 + Math.exp(-(scaling.a * raw + scaling.b)));
}
