import { useCallback, useEffect, useState } from 'react';

const STORAGE_PREFIX = 'vipdesk.dialedAt.';

function readStored(taskId: number): number | null {
  try {
    const value = Number(window.sessionStorage.getItem(STORAGE_PREFIX + taskId));
    return Number.isFinite(value) && value > 0 ? value : null;
  } catch {
    return null;
  }
}

function writeStored(taskId: number, at: number | null): void {
  try {
    if (at === null) window.sessionStorage.removeItem(STORAGE_PREFIX + taskId);
    else window.sessionStorage.setItem(STORAGE_PREFIX + taskId, String(at));
  } catch {
    // Storage may be unavailable; the timer then lasts as long as the page.
  }
}

/**
 * The running call timer of one task, measured from Dial. The start is kept in sessionStorage, so a
 * reload in the middle of a call does not lose the handle time.
 */
export function useCallTimer(taskId: number) {
  const [startedAt, setStartedAt] = useState<number | null>(() => readStored(taskId));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (startedAt === null) return;
    setNow(Date.now());
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [startedAt]);

  const start = useCallback(
    (at: number = Date.now()) => {
      writeStored(taskId, at);
      setStartedAt(at);
    },
    [taskId],
  );
  const clear = useCallback(() => {
    writeStored(taskId, null);
    setStartedAt(null);
  }, [taskId]);

  /** Whole seconds since Dial, or null before it. */
  const seconds = startedAt === null ? null : Math.max(0, Math.floor((now - startedAt) / 1000));
  const secondsNow = useCallback(
    () => (startedAt === null ? null : Math.max(0, Math.round((Date.now() - startedAt) / 1000))),
    [startedAt],
  );
  return { startedAt, seconds, secondsNow, start, clear };
}

/** 75 → '01:15', 3725 → '1:02:05'. */
export function formatDuration(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}
