import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

export type ChildMeasurement = { seconds: number; peakRssMb: number; stdout: string; stderr: string };

/** Peak resident set size of a running process, from the kernel's high-water mark. */
function readPeakRssKb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const match = /VmHWM:\s+(\d+) kB/.exec(status);
    return match?.[1] ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command to completion, timing it and sampling its peak RSS every 50 ms. Each measured
 * stage runs in its own process so one stage's memory cannot hide another's.
 */
export function measureChild(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = process.env,
): Promise<ChildMeasurement> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let peakKb = 0;
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => {
      stdout += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const timer = setInterval(() => {
      if (child.pid === undefined) return;
      peakKb = Math.max(peakKb, readPeakRssKb(child.pid) ?? 0);
    }, 50);
    child.on('error', (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`${command} ${args.join(' ')} exited ${code}\n${stderr.slice(-2000)}`));
        return;
      }
      resolvePromise({ seconds, peakRssMb: Math.round(peakKb / 1024), stdout, stderr });
    });
  });
}

/** The last line a child printed, parsed as JSON when it is an object (the benchmarks' result line); else null. */
export function lastJsonLine(stdout: string): Record<string, unknown> | null {
  const line = stdout.trim().split('\n').at(-1);
  if (!line?.startsWith('{')) return null;
  try {
    const parsed: unknown = JSON.parse(line);
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
