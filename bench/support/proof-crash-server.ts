// The server under test for the crash proof: `node bin/vipdesk.js start` as a child process on a
// port fixed for the whole proof (a restarted server comes back where its clients expect it),
// with its exit watched, so a process that dies on its own — not by our kill -9 — is counted.
import { type ChildProcess, spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { type Env, vipdeskBin } from './console-setup';

export type ExitInfo = { code: number | null; signal: NodeJS.Signals | null; at: number };

export type CrashServer = {
  pid: number;
  /** Set once the process has exited, for whatever reason. */
  exit(): ExitInfo | null;
  /** Resolves when the process has exited. */
  exited: Promise<ExitInfo>;
  /** The last lines it wrote (stdout and stderr), for a report when it died on its own. */
  outputTail(): string;
  /** kill -9, and wait for it to be gone. */
  killHard(): Promise<ExitInfo>;
  /** SIGTERM (a clean shutdown), SIGKILL after 10 s. */
  stop(): Promise<void>;
};

/** Every server this process started and that has not exited yet. */
const running = new Set<ChildProcess>();

/**
 * kill -9 of every server still running, synchronously: for `finally` and signal handlers, so a
 * failed or interrupted proof leaves no server behind on a cluster that is about to go.
 */
export function killEveryServer(): void {
  for (const child of running) child.kill('SIGKILL');
}

export type ServerOptions = {
  env: Env;
  port: number;
  /** The nightly scoring cron pattern, or 'off'. */
  scoringSchedule: string;
  /** Every server's output is appended here (warnings and errors: LOG_LEVEL=warn). */
  logFile?: string;
};

/** Spawns the server; does not wait for it to be ready (the caller measures that from outside). */
export function spawnServer(options: ServerOptions): CrashServer {
  const child: ChildProcess = spawn('node', [vipdeskBin, 'start'], {
    env: {
      ...options.env,
      PORT: String(options.port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      VIPDESK_SCORING_SCHEDULE: options.scoringSchedule,
      VIPDESK_DEMO_SUBSCRIBERS: '0',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error('the server did not start');
  running.add(child);
  let tail = '';
  const keep = (chunk: unknown) => {
    tail = (tail + String(chunk)).slice(-12_000);
    if (options.logFile) appendFileSync(options.logFile, String(chunk));
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  let exitInfo: ExitInfo | null = null;
  const exited = new Promise<ExitInfo>((resolveExit) => {
    child.once('exit', (code, signal) => {
      running.delete(child);
      exitInfo = { code, signal, at: performance.now() };
      resolveExit(exitInfo);
    });
  });
  return {
    pid: child.pid,
    exit: () => exitInfo,
    exited,
    outputTail: () => tail,
    killHard: async () => {
      if (!exitInfo) child.kill('SIGKILL');
      return exited;
    },
    stop: async () => {
      if (exitInfo) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
