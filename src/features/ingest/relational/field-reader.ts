import { type RowError, truncateValue } from '../import-report';
import { characterCount, Invalid, parseIsoDate } from './field-rules';
import type { HeaderIndex } from './header-check';

/** What row rules compare against: the business calendar of this import. */
export type RowRules = {
  /** Today in the business time zone (YYYY-MM-DD). */
  today: string;
  /** "Now" for date-times that must not be in the future (end of `today` when today is pinned). */
  nowMs: number;
  timeZone: string;
};

/** A record that failed its row checks, with every problem found in it. */
export class RejectedRow {
  constructor(readonly errors: RowError[]) {}
}

/**
 * Reads one record's cells by column name and records every problem, so one pass reports all
 * the bad cells of a row. Getters return a placeholder when a cell is refused; the row parser
 * returns `errors` instead of the row whenever there are any.
 */
export class FieldReader {
  errors: RowError[] | undefined;

  constructor(
    private readonly cells: readonly string[],
    private readonly index: HeaderIndex,
    readonly line: number,
  ) {}

  /** The cell trimmed; '' when empty or when the column is not in the file. */
  text(column: string): string {
    const at = this.index.get(column);
    if (at === undefined) return '';
    return this.cells[at]?.trim() ?? '';
  }

  has(column: string): boolean {
    return this.index.has(column);
  }

  /** The row, or the rejection when any cell was refused. */
  result<Row>(row: Row): Row | RejectedRow {
    return this.errors ? new RejectedRow(this.errors) : row;
  }

  fail(column: string, value: string, reason: string): void {
    const error: RowError = { line: this.line, column, value: truncateValue(value), reason };
    if (this.errors) this.errors.push(error);
    else this.errors = [error];
  }

  requiredText(column: string, maxChars = Number.POSITIVE_INFINITY): string {
    const text = this.text(column);
    if (text === '') this.fail(column, text, 'is required');
    else if (text.length > maxChars && characterCount(text) > maxChars)
      this.fail(column, text, `is longer than ${maxChars} characters`);
    return text;
  }

  optionalText(column: string): string | null {
    const text = this.text(column);
    return text === '' ? null : text;
  }

  /** A required cell through `parse`; `placeholder` when empty or refused. */
  required<T>(column: string, parse: (text: string) => T | Invalid, placeholder: T): T {
    const text = this.text(column);
    if (text === '') {
      this.fail(column, text, 'is required');
      return placeholder;
    }
    return this.checked(column, text, parse(text), placeholder);
  }

  /** An optional cell through `parse`; `fallback` when empty (or absent) or refused. */
  optional<T, F>(column: string, parse: (text: string) => T | Invalid, fallback: F): T | F {
    const text = this.text(column);
    if (text === '') return fallback;
    return this.checked(column, text, parse(text), fallback);
  }

  private checked<T, F>(column: string, text: string, result: T | Invalid, placeholder: F): T | F {
    if (result instanceof Invalid) {
      this.fail(column, text, result.reason);
      return placeholder;
    }
    return result;
  }
}

/** A date parser that also keeps the date within [min, max]; labels say what the bounds mean. */
export function dateBetween(
  min: string | undefined,
  max: string | undefined,
  maxLabel = max,
): (text: string) => string | Invalid {
  return (text) => {
    const date = parseIsoDate(text);
    if (date instanceof Invalid) return date;
    if (min !== undefined && date < min) return new Invalid(`is before ${min}`);
    if (max !== undefined && date > max) return new Invalid(`is after ${maxLabel}`);
    return date;
  };
}
