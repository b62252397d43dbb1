// CPU time the server and PostgreSQL spend per request, read from /proc (Linux): on a box the
// server, the database and the load share, this says what each answer costs whatever else is
// running — the latencies alone do not — and so how many requests a second the box can carry.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** utime + stime of one process in milliseconds, or 0 when it is gone. */
function cpuMsOf(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    // Fields 14 and 15 of stat (11 and 12 after the command), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

function parentOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1]);
  } catch {
    return -1;
  }
}

/** The postmaster and every process it started (backends, background workers). */
function postgresCpuMs(pgDir: string): number {
  const pidFile = join(pgDir, 'cluster', 'postmaster.pid');
  if (!existsSync(pidFile)) return 0;
  const postmaster = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let total = cpuMsOf(postmaster);
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (Number.isInteger(pid) && pid > 0 && parentOf(pid) === postmaster) total += cpuMsOf(pid);
  }
  return total;
}

export type CpuSample = { server: number; postgres: number; load: number; at: number };

export function sampleCpu(serverPid: number | undefined, pgDir: string): CpuSample | null {
  if (!existsSync('/proc/self/stat') || serverPid === undefined) return null;
  const own = process.cpuUsage();
  return {
    server: cpuMsOf(serverPid),
    postgres: postgresCpuMs(pgDir),
    load: (own.user + own.system) / 1000,
    at: performance.now(),
  };
}

export type CpuPerRequest = { server: number; postgres: number; load: number; serverBusy: number };

/** CPU milliseconds per request between two samples, and the server's share of one core. */
export function cpuPerRequest(from: CpuSample, to: CpuSample, requests: number): CpuPerRequest | null {
  if (requests <= 0 || to.at <= from.at) return null;
  return {
    server: (to.server - from.server) / requests,
    postgres: (to.postgres - from.postgres) / requests,
    load: (to.load - from.load) / requests,
    serverBusy: (to.server - from.server) / (to.at - from.at),
  };
}
