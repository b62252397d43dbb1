import { createRandom, shuffleInPlace } from './random';

/** Fold number (0..k-1) of each row, with each class spread evenly over the folds. */
export function stratifiedFolds(labels: ArrayLike<number>, folds: number, seed: number): Int32Array {
  const assignment = new Int32Array(labels.length);
  const random = createRandom(seed);
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if ((labels[i] === 1 ? 1 : 0) === cls) members.push(i);
    shuffleInPlace(members, random);
    const startFold = Math.floor(random() * folds);
    members.forEach((row, k) => {
      assignment[row] = (startFold + k) % folds;
    });
  }
  return assignment;
}

export function foldRows(assignment: Int32Array, fold: number): { train: Int32Array; valid: Int32Array } {
  const train: number[] = [];
  const valid: number[] = [];
  assignment.forEach((f, row) => {
    if (f === fold) valid.push(row);
    else train.push(row);
  });
  return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
}

/** A deterministic stratified split: about `testFraction` of each class goes to `test`. */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  testFraction: number,
  seed: number,
): { train: Int32Array; test: Int32Array } {
  const random = createRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const cls of [0, 1]) {
    const members: number[] = [];
    for (let i = 0; i < labels.length; i++) if ((labels[i] === 1 ? 1 : 0) === cls) members.push(i);
    shuffleInPlace(members, random);
    const cut = Math.round(members.length * testFraction);
    members.forEach((row, k) => {
      (k < cut ? test : train).push(row);
    });
  }
  return {
    train: Int32Array.from(train.sort((a, b) => a - b)),
    test: Int32Array.from(test.sort((a, b) => a - b)),
  };
}

/** A stratified subsample of at most `limit` rows (all rows when there are fewer). */
export function stratifiedSample(labels: ArrayLike<number>, limit: number, seed: number): Int32Array {
  if (labels.length <= limit) return Int32Array.from({ length: labels.length }, (_, i) => i);
  return stratifiedSplit(labels, limit / labels.length, seed).test;
}
