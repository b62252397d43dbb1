import type { ImportProgress } from '#src/features/ingest/import-report';

/**
 * A one-line progress display for an interactive terminal: rows, rows/s and ETA from the bytes
 * read so far. Written to stderr so stdout stays clean for scripts.
 */
export function createProgressLine(label: string, enabled: boolean) {
  const started = performance.now();
  let lastDraw = 0;
  return {
    update(progress: ImportProgress): void {
      if (!enabled) return;
      const now = performance.now();
      if (now - lastDraw < 200) return;
      lastDraw = now;
      process.stderr.write(`\r${formatProgress(label, progress, (now - started) / 1000)}\x1b[K`);
    },
    done(): void {
      if (enabled && lastDraw > 0) process.stderr.write('\n');
    },
  };
}

export function formatProgress(label: string, progress: ImportProgress, seconds: number): string {
  const rate = seconds > 0 ? progress.rowsRead / seconds : 0;
  const fraction = progress.totalBytes > 0 ? Math.min(1, progress.bytesRead / progress.totalBytes) : 0;
  const etaSeconds = fraction > 0 ? (seconds / fraction) * (1 - fraction) : undefined;
  const parts = [
    `${label}: ${progress.rowsRead.toLocaleString('en-US')} rows`,
    `${Math.round(rate).toLocaleString('en-US')} rows/s`,
    `${Math.round(fraction * 100)}%`,
    etaSeconds === undefined ? 'ETA --' : `ETA ${Math.ceil(etaSeconds)}s`,
  ];
  return parts.join(' · ');
}
