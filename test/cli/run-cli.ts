import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

export type CliResult = { code: number | null; stdout: string; stderr: string };

const BIN = resolve('bin/vipdesk.js');

/** Runs the real `vipdesk` command in a child process with the given environment. */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('node', [BIN, ...args], { env: { PATH: process.env.PATH, TZ: 'UTC', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => {
      stdout += String(c);
    });
    child.stderr.on('data', (c) => {
      stderr += String(c);
    });
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
  });
}
