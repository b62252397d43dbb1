import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { describeEachEngine } from '#test/support/database';
import { recoverInterruptedRuns } from './interrupted-runs';
import { acquireRunLock } from './run-lock';
import { findRun, finishRun, insertRun } from './runs.repository';

describeEachEngine('recovering scoring runs a dead process left behind', (getDb) => {
  let workRoot: string;

  beforeEach(async () => {
    workRoot = join(await mkdtemp(join(tmpdir(), 'vipdesk-interrupted-')), 'scoring');
  });
  afterEach(async () => {
    await rm(join(workRoot, '..'), { recursive: true, force: true });
  });

  async function leftovers() {
    const run = { asOf: '2026-03-31', trigger: 'test' as const, settingsVersion: 0, modelId: null };
    const done = await insertRun(getDb().db, run);
    await finishRun(getDb().db, done.id, { status: 'succeeded' });
    const killed = await insertRun(getDb().db, run);
    const folder = join(workRoot, `run-${killed.id}-abc123`);
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'scores-0.csv'), '1,0.5\n');
    return { done: done.id, killed: killed.id, folder };
  }

  it('marks a run still running interrupted and removes its work folder', async () => {
    const { done, killed, folder } = await leftovers();

    const report = await recoverInterruptedRuns({ handle: getDb(), workRoot });

    expect(report).toEqual({ marked: 1, busy: false });
    expect((await findRun(getDb().db, killed))?.status).toBe('interrupted');
    expect((await findRun(getDb().db, done))?.status).toBe('succeeded');
    expect(existsSync(folder)).toBe(false);
  });

  it('leaves a run alone while a live process holds the run lock', async () => {
    const { killed, folder } = await leftovers();
    const lock = await acquireRunLock(getDb().engine);
    try {
      const report = await recoverInterruptedRuns({ handle: getDb(), workRoot });

      expect(report).toEqual({ marked: 0, busy: true });
      expect((await findRun(getDb().db, killed))?.status).toBe('running');
      expect(existsSync(folder)).toBe(true);
    } finally {
      await lock.release();
    }
    // Once that run has let go, the next start tidies up.
    expect((await recoverInterruptedRuns({ handle: getDb(), workRoot })).marked).toBe(1);
  });
});
