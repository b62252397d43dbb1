import type { RowError } from '../import-report';

/**
 * The file as a whole cannot be read (wrong encoding, wrong delimiter, bad header, broken quoting):
 * nothing is imported, even with --skip-bad, because row boundaries or values cannot be trusted.
 */
export class FileRefusedError extends Error {
  readonly errors: RowError[];

  constructor(errors: RowError[]) {
    super(errors.map((e) => `line ${e.line}: ${e.reason}`).join('; '));
    this.name = 'FileRefusedError';
    this.errors = errors;
  }
}

export function refuseAt(line: number, reason: string, value?: string): FileRefusedError {
  return new FileRefusedError([{ line, column: null, reason, ...(value === undefined ? {} : { value }) }]);
}
