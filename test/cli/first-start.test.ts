import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-start-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('first start on an empty machine', () => {
  it('loads and scores the demo operator in embedded PGlite and Parquet, then serves it', async () => {
    const child = spawn('node', [resolve('bin/vipdesk.js'), 'start'], {
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        VIPDESK_DATA_DIR: dataDir,
        VIPDESK_DEMO_SUBSCRIBERS: '300',
        PORT: '0',
        LOG_LEVEL: 'silent',
      },
    });
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        let output = '';
        const timer = setTimeout(
          () => reject(new Error(`no start-up line within 4 min:\n${output}`)),
          240_000,
        );
        const onData = (chunk: Buffer) => {
          output += String(chunk);
          const match = /running on (http:\/\/localhost:\d+)/.exec(output);
          if (match?.[1]) {
            clearTimeout(timer);
            resolveUrl(match[1]);
          }
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
        child.on('exit', (code) => reject(new Error(`vipdesk start exited ${code}:\n${output}`)));
      });
      // The demo creates its staff; the console and API need a session.
      const signIn = await fetch(`${url}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: 'vipdesk-demo' }),
      });
      expect(signIn.status).toBe(200);
      const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const headers = { cookie };
      expect((await fetch(`${url}/api/subscribers`)).status).toBe(401);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      // A 200-row page counts up to 1,000 (five pages ahead), so the total is exact.
      const list = await fetch(`${url}/api/subscribers?pageSize=200`, { headers });
      expect(list.status).toBe(200);
      const body = (await list.json()) as {
        total: number;
        totalCapped: boolean;
        items: { msisdnMasked: string; name: string }[];
      };
      expect(body).toMatchObject({ total: 300, totalCapped: false });
      expect(body.items[0]?.msisdnMasked).toMatch(/^1\d{2}\*{4}\d{4}$/);
      const health = (await (await fetch(`${url}/api/health`)).json()) as {
        usage: { usageMonths: string[] };
      };
      expect(health.usage.usageMonths).toHaveLength(6);
      const scores = (await (await fetch(`${url}/api/scores?pageSize=3&lang=en`, { headers })).json()) as {
        runId: number | null;
        total: number;
        items: { probability: number; tier: string }[];
      };
      expect(scores.runId).not.toBeNull();
      // Everyone still a subscriber at the end of the demo's last month (leavers are not scored).
      expect(scores.total).toBeGreaterThan(200);
      expect(scores.items[0]?.probability).toBeGreaterThanOrEqual(scores.items[2]?.probability ?? 1);
    } finally {
      child.kill('SIGTERM');
    }
  }, 300_000);
});
