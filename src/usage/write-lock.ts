import { open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { isNotFound } from './manifest';

export const LOCK_FILE = '.write.lock';

/** Another live process is writing to the same usage store (e.g. a CLI import beside the server). */
export class UsageStoreBusyError extends Error {
  constructor(readonly pid: number) {
    super(`another vipdesk process (pid ${pid}) is writing to the usage store; try again when it finishes`);
    this.name = 'UsageStoreBusyError';
  }
}

// Writers in this process queue here first, so two imports started together run one after the
// other instead of one failing on the lock file the other holds.
const queues = new Map<string, Promise<void>>();

export type WriteLock = { release(): Promise<void> };

/**
 * Exclusive right to change the store: one writer per process (queued), one process per store
 * (a lock file holding the owner's pid; a lock left by a dead process is taken over).
 */
export async function acquireWriteLock(usageDir: string): Promise<WriteLock> {
  const previous = queues.get(usageDir) ?? Promise.resolve();
  let releaseQueue = () => {};
  const turn = new Promise<void>((resolve) => {
    releaseQueue = resolve;
  });
  const chained = previous.then(() => turn);
  queues.set(usageDir, chained);
  await previous;
  try {
    await takeLockFile(usageDir);
  } catch (error) {
    releaseQueue();
    forget(usageDir, chained);
    throw error;
  }
  let released = false;
  return {
    release: async () => {
      if (released) return;
      released = true;
      await rm(join(usageDir, LOCK_FILE), { force: true });
      releaseQueue();
      forget(usageDir, chained);
    },
  };
}

/** The lock if nobody holds it right now, otherwise undefined (for optional housekeeping). */
export async function tryAcquireWriteLock(usageDir: string): Promise<WriteLock | undefined> {
  if (queues.has(usageDir)) return undefined;
  try {
    return await acquireWriteLock(usageDir);
  } catch (error) {
    if (error instanceof UsageStoreBusyError) return undefined;
    throw error;
  }
}

function forget(usageDir: string, chained: Promise<void>): void {
  if (queues.get(usageDir) === chained) queues.delete(usageDir);
}

async function takeLockFile(usageDir: string): Promise<void> {
  const path = join(usageDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const file = await open(path, 'wx');
      await file.writeFile(`${JSON.stringify({ pid: process.pid, since: new Date().toISOString() })}\n`);
      await file.close();
      return;
    } catch (error) {
      if (!(error instanceof Error && 'code' in error && error.code === 'EEXIST')) throw error;
    }
    const owner = await readLockOwner(path);
    // Our own pid can only be a leftover: the in-process queue admits one writer at a time.
    if (owner !== undefined && owner !== process.pid && isProcessAlive(owner)) {
      throw new UsageStoreBusyError(owner);
    }
    await rm(path, { force: true });
  }
  throw new Error(`could not take the usage store lock ${path}`);
}

async function readLockOwner(path: string): Promise<number | undefined> {
  try {
    const parsed: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'pid' in parsed && typeof parsed.pid === 'number') {
      return parsed.pid;
    }
    return undefined;
  } catch (error) {
    if (isNotFound(error) || error instanceof SyntaxError) return undefined;
    throw error;
  }
}

/** Whether a process with this pid exists (signal 0 checks without signalling). */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return error instanceof Error && 'code' in error && error.code === 'EPERM';
  }
}
