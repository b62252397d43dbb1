import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import type { DbHandle } from '#src/db/client';
import type { UsageStore } from '#src/usage/usage-store';

export const IMPORT_KINDS = ['subscribers', 'plans', 'contracts', 'complaints', 'bills', 'usage'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** One bad value in one row: where it is and why it was refused, in words an operator can act on. */
export type RowError = {
  /** 1-based physical line in the file (the header is line 1). */
  line: number;
  /** The CSV column at fault, or null when the row as a whole is wrong (column count, duplicate key). */
  column: string | null;
  /** The offending text as read, truncated to 80 characters; absent when there is none. */
  value?: string;
  reason: string;
};

export type ImportOptions = {
  /** Commit the good rows and write the bad ones to `rejectsPath`; otherwise any bad row commits nothing. */
  skipBad?: boolean;
  /** Where rejected rows go with --skip-bad (default: `<file>.rejects.csv`). */
  rejectsPath?: string;
  /** Text encoding of the file: utf8 (default) or gbk (common in operator exports). */
  encoding?: 'utf8' | 'gbk';
  onProgress?: (progress: ImportProgress) => void;
};

export type ImportProgress = { rowsRead: number; bytesRead: number; totalBytes: number };

export type ImportReport = {
  kind: ImportKind;
  file: string;
  /** committed: everything good was written; rejected: bad rows found and nothing was written. */
  status: 'committed' | 'rejected';
  rowsRead: number;
  rowsLoaded: number;
  rowsRejected: number;
  /** The first MAX_ERRORS_IN_REPORT errors; every error is in `errorsFile` when there are more. */
  errors: RowError[];
  errorCount: number;
  errorsFile?: string;
  rejectsFile?: string;
  /** Usage kinds only: the billing months (YYYY-MM) whose partitions this import replaced. */
  months?: string[];
  durationMs: number;
};

export const MAX_ERRORS_IN_REPORT = 1000;

/**
 * Collects row errors for a report: keeps the first MAX_ERRORS_IN_REPORT in memory and streams
 * every one to a CSV file beside the input, so a file with millions of bad rows stays in bounded
 * memory yet every bad row is reported.
 */
export class RowErrorCollector {
  readonly sample: RowError[] = [];
  count = 0;
  private file: WriteStream | undefined;

  constructor(private readonly errorsPath: string) {}

  add(error: RowError): void {
    this.count += 1;
    if (this.sample.length < MAX_ERRORS_IN_REPORT) this.sample.push(error);
    if (!this.file) {
      this.file = createWriteStream(this.errorsPath, { encoding: 'utf8' });
      this.file.write('line,column,value,reason\n');
    }
    const cells = [String(error.line), error.column ?? '', error.value ?? '', error.reason];
    this.file.write(`${cells.map(quoteCsv).join(',')}\n`);
  }

  /** Closes the errors file; returns its path when there was at least one error. */
  async finish(): Promise<string | undefined> {
    if (!this.file) return undefined;
    this.file.end();
    await once(this.file, 'close');
    return this.errorsPath;
  }
}

export function truncateValue(value: string): string {
  return value.length > 80 ? `${value.slice(0, 77)}...` : value;
}

function quoteCsv(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** "line 7, column msisdn: '1381234' is not an 11-digit mobile number" */
export function describeRowError(error: RowError): string {
  const where = error.column ? `line ${error.line}, column ${error.column}` : `line ${error.line}`;
  const value = error.value !== undefined ? `'${error.value}' ` : '';
  return `${where}: ${value}${error.reason}`;
}

/** What every importer needs: the relational store, the usage store and the business calendar. */
export type IngestContext = {
  handle: DbHandle;
  usage: UsageStore;
  /** IANA zone for date-times without an offset and for "today" (Asia/Shanghai by default). */
  timeZone: string;
  /** Overrides today's date (YYYY-MM-DD, business zone) for range checks; tests pin it. */
  today?: string;
};
