// The real server (`node bin/vipdesk.js start`) as a child process, and signing people in through
// POST /api/auth/sign-in for their session cookies.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import type { Env } from './console-setup';

export const SESSION_COOKIE = 'vipdesk_session';

export type Server = {
  baseUrl: string;
  pid: number | undefined;
  stderrTail(): string;
  stop(): Promise<void>;
};

/** A TCP port free on loopback at the time of asking. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolvePort(port));
    });
  });
}

/** Starts the server and resolves once it prints that it is running (or rejects when it exits). */
export async function startServer(vipdeskBin: string, env: Env, timeoutMs = 120_000): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn('node', [vipdeskBin, 'start'], {
    env: {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      VIPDESK_SCORING_SCHEDULE: 'off',
      VIPDESK_DEMO_SUBSCRIBERS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  let stdout = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + String(chunk)).slice(-8000);
  });
  let exited = false;
  const exit = new Promise<void>((resolveExit) => {
    child.once('exit', () => {
      exited = true;
      resolveExit();
    });
  });
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exit;
    clearTimeout(timer);
  };
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`server did not start within ${timeoutMs / 1000}s\n${stderr}`));
    }, timeoutMs);
    child.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
      if (stdout.includes('vipdesk is running')) {
        clearTimeout(timer);
        resolveReady();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready\n${stdout}\n${stderr}`));
    });
  });
  return { baseUrl: `http://127.0.0.1:${port}`, pid: child.pid, stderrTail: () => stderr, stop };
}

/** Signs one user in and returns the `vipdesk_session=…` cookie pair. */
export async function signIn(baseUrl: string, username: string, password: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) {
    throw new Error(`sign-in of ${username} answered ${response.status}: ${await response.text()}`);
  }
  for (const line of response.headers.getSetCookie()) {
    const pair = line.split(';')[0] ?? '';
    if (pair.startsWith(`${SESSION_COOKIE}=`)) return pair;
  }
  throw new Error(`sign-in of ${username} set no ${SESSION_COOKIE} cookie`);
}

/** Signs many users in, a few at a time (each sign-in is an argon2id verify on the server). */
export async function signInAll(
  baseUrl: string,
  usernames: readonly string[],
  password: string,
  parallel = 4,
): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < usernames.length) {
      const username = usernames[next++];
      if (username === undefined) break;
      cookies.set(username, await signIn(baseUrl, username, password));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return cookies;
}

/** GET as a signed-in user, parsed as JSON; throws on a non-2xx answer. */
export async function getJson(baseUrl: string, path: string, cookie: string): Promise<unknown> {
  const response = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}: ${text.slice(0, 500)}`);
  return JSON.parse(text);
}
