import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { churnModelFromJSON } from '#src/ml/churn-model';
import { createRandom } from '#src/ml/random';

const BIN = resolve('bin/vipdesk.js');
const DATA = '/work/shared/data/churn';
const work = mkdtempSync(join(tmpdir(), 'vipdesk-model-cli-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function vipdesk(args: string[]) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: work, encoding: 'utf8', timeout: 180_000 });
  const lines = run.stdout.trim().split('\n');
  return { status: run.status, stdout: run.stdout, stderr: run.stderr, last: lines[lines.length - 1] ?? '' };
}

function writeSmallCsv(path: string): void {
  const random = createRandom(9);
  const rows = ['subscriber_id,plan,minutes,complaints,churned'];
  for (let i = 0; i < 600; i++) {
    const plan = ['basic', 'gold', 'family'][i % 3] ?? 'basic';
    const minutes = Math.round(random() * 500);
    const complaints = Math.floor(random() * 4);
    const risk = -1 + complaints * 0.8 - minutes / 300 + (plan === 'basic' ? 0.5 : 0);
    rows.push(
      `S${i},${plan},${minutes},${complaints},${random() < 1 / (1 + Math.exp(-risk)) ? 'yes' : 'no'}`,
    );
  }
  writeFileSync(path, `${rows.join('\n')}\n`);
}

describe('vipdesk model', () => {
  it.skipIf(!existsSync(DATA))(
    'does print the test metrics as a JSON last line when evaluating on the Orange files',
    () => {
      const run = vipdesk([
        'model',
        'evaluate',
        '--train',
        `${DATA}/orange-bigml-train.csv`,
        '--test',
        `${DATA}/orange-bigml-test.csv`,
        '--label',
        'Churn',
      ]);
      expect(run.status, run.stderr).toBe(0);
      const result = JSON.parse(run.last);
      expect(result).toMatchObject({ n_train: 2666, n_test: 667 });
      expect(result.roc_auc).toBeGreaterThanOrEqual(0.9235);
      expect(result.pr_auc).toBeGreaterThan(0.5);
      expect(result.lift10).toBeGreaterThan(3);
      expect(result.train_seconds).toBeGreaterThan(0);
      expect(run.stdout).toContain('calibration');
    },
    180_000,
  );

  it('does write a loadable model and report held-out metrics when training from a CSV file', () => {
    const csv = join(work, 'small.csv');
    writeSmallCsv(csv);
    const run = vipdesk(['model', 'train', '--csv', csv, '--label', 'churned', '--out', 'small-model.json']);
    expect(run.status, run.stderr).toBe(0);
    const result = JSON.parse(run.last);
    expect(result).toMatchObject({
      n_train: 480,
      n_test: 120,
      n_final: 600,
      dropped_columns: ['subscriber_id'],
    });
    expect(result.roc_auc).toBeGreaterThan(0.6);
    const model = churnModelFromJSON(JSON.parse(readFileSync(join(work, 'small-model.json'), 'utf8')));
    expect(model.featureNames).toEqual(['plan', 'minutes', 'complaints']);
  }, 120_000);

  it("does exit 1 with a clear message when, without --csv, the operator's store has no history", () => {
    const run = vipdesk(['model', 'train']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('There are no bills to score yet');
  }, 60_000);

  it('does exit 1 naming the line when a label is bad', () => {
    const csv = join(work, 'bad.csv');
    writeFileSync(csv, 'plan,minutes,churned\nbasic,10,yes\ngold,20,no\nfamily,30,perhaps\nbasic,12,no\n');
    const run = vipdesk(['model', 'evaluate', '--train', csv, '--test', csv, '--label', 'churned']);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("line 4, column 'churned': unexpected label 'perhaps'");
  });
});
