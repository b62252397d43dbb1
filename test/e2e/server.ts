import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export type RunningServer = {
  url: string;
  /** Everything the server printed so far (for failure messages). */
  output: () => string;
  stop: () => Promise<void>;
};

/** Builds the web console when it is missing or older than its sources (`npm test` does this too). */
export function ensureConsoleBuilt(): void {
  const result = spawnSync(process.execPath, [resolve('scripts/build-console.mjs'), '--if-stale'], {
    stdio: 'inherit',
  });
  if (result.status !== 0 || !existsSync(resolve('dist/console/index.html'))) {
    throw new Error('could not build the web console (node scripts/build-console.mjs)');
  }
}

/**
 * Starts the real server (`vipdesk start`) on a fresh data directory with a small demo operator,
 * and resolves once it prints its "running on http://localhost:N" line. The first start loads the
 * demo, trains the churn model and scores everyone before it listens.
 */
export async function startServer(options: {
  subscribers: number;
  timeoutMs: number;
  /** Extra settings (e.g. VIPDESK_TIMEZONE). */
  env?: Record<string, string>;
}): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vipdesk-e2e-'));
  const child: ChildProcessWithoutNullStreams = spawn(
    process.execPath,
    [resolve('bin/vipdesk.js'), 'start'],
    {
      env: {
        PATH: process.env.PATH,
        TZ: 'UTC',
        VIPDESK_DATA_DIR: dataDir,
        VIPDESK_DEMO_SUBSCRIBERS: String(options.subscribers),
        PORT: '0',
        LOG_LEVEL: 'warn',
        VIPDESK_SCORING_SCHEDULE: 'off',
        ...options.env,
      },
    },
  );
  let output = '';
  let exited = false;
  const exit = new Promise<void>((done) => {
    child.on('exit', () => {
      exited = true;
      done();
    });
  });
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exit;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const url = await new Promise<string>((resolveUrl, reject) => {
      const timer = setTimeout(
        () =>
          reject(
            new Error(`vipdesk start printed no start-up line within ${options.timeoutMs} ms:\n${output}`),
          ),
        options.timeoutMs,
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
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`vipdesk start exited with ${code}:\n${output}`));
      });
    });
    return { url, output: () => output, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Signs in over HTTP: the session cookie and the user's name (for discovering test data only). */
export async function apiSignIn(
  url: string,
  username: string,
  password: string,
): Promise<{ cookie: string; displayName: string }> {
  const response = await fetch(`${url}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  if (!cookie) throw new Error(`sign-in of ${username} set no cookie`);
  const me = (await response.json()) as { displayName: string };
  return { cookie, displayName: me.displayName };
}

export async function apiGet<T>(url: string, cookie: string, path: string): Promise<T> {
  const response = await fetch(`${url}${path}`, { headers: { cookie } });
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}
