import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPostgresDatabaseUrl } from '#test/support/database';
import { runCli } from './run-cli';

/**
 * kill -9 of `vipdesk score` at moments spread over a run, against real PostgreSQL: the scores
 * on show are always exactly one committed run's, a killed run leaves no row behind, and the
 * next run marks it interrupted and publishes normally.
 */
const database = await createPostgresDatabaseUrl();
const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-kill-'));

describe.skipIf(!database)('a scoring run killed with SIGKILL', () => {
  const env = () => ({ VIPDESK_DATA_DIR: dataDir, LOG_LEVEL: 'silent', DATABASE_URL: database?.url ?? '' });
  let client: pg.Client;

  beforeAll(async () => {
    const demo = await runCli(['demo', '--subscribers', '3000', '--as-of', '2026-03'], env());
    expect(demo.code, demo.stderr).toBe(0);
    const first = await runCli(['score'], env());
    expect(first.code, first.stderr).toBe(0);
    client = new pg.Client({ connectionString: database?.url });
    await client.connect();
  }, 300_000);

  afterAll(async () => {
    await client?.end();
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function visibleState() {
    const runs = await client.query<{ id: number; status: string; subscribers: number; n: string }>(
      `SELECT r.id, r.status, r.subscribers, (SELECT count(*) FROM subscriber_scores s WHERE s.run_id = r.id) AS n
         FROM scoring_runs r ORDER BY r.id`,
    );
    return runs.rows.map((r) => ({ ...r, n: Number(r.n) }));
  }

  /** Returns whether the child was still running when killed (so the test proves something). */
  async function killDuring(stage: string): Promise<boolean> {
    const child = spawn('node', [resolve('bin/vipdesk.js'), 'score'], {
      env: { PATH: process.env.PATH, TZ: 'UTC', ...env() },
      stdio: 'ignore',
    });
    let finished = false;
    const exited = new Promise((done) => child.on('exit', done)).then(() => {
      finished = true;
    });
    const deadline = Date.now() + 120_000;
    // Watch the run's stage from the outside and pull the plug the moment it reaches `stage`.
    while (Date.now() < deadline && !finished) {
      const { rows } = await client.query<{ stage: string }>(
        `SELECT stage FROM scoring_runs WHERE status = 'running' ORDER BY id DESC LIMIT 1`,
      );
      if (rows[0]?.stage === stage) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const killed = !finished && child.kill('SIGKILL');
    await exited;
    return killed;
  }

  it.each(['model', 'features', 'scoring', 'writing'])(
    'leaves the previous scores intact when killed in the %s stage',
    async (stage) => {
      const before = await visibleState();
      const published = before.filter((r) => r.status === 'succeeded').at(-1);
      expect(await killDuring(stage)).toBe(true);
      const after = await visibleState();
      expect(after.filter((r) => r.status === 'succeeded').at(-1)).toEqual(published);
      for (const run of after) {
        if (run.status === 'succeeded') expect(run.n).toBe(run.subscribers);
        else expect(run.n).toBe(0);
      }
    },
    180_000,
  );

  it('publishes the next run and marks the killed ones interrupted', async () => {
    const next = await runCli(['score'], env());
    expect(next.code, next.stderr).toBe(0);
    const runs = await visibleState();
    const last = runs.at(-1);
    expect(last?.status).toBe('succeeded');
    expect(last?.n).toBe(last?.subscribers);
    expect(runs.filter((r) => r.status === 'running')).toHaveLength(0);
    expect(runs.filter((r) => r.status === 'interrupted').length).toBeGreaterThanOrEqual(1);
  }, 180_000);
});
