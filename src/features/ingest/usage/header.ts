import { open } from 'node:fs/promises';
import type { RowError } from '../import-report';

export type FileHead = {
  /** The header line, without byte-order mark and line ending. */
  header: string;
  /** The line ending the header uses; the whole file is read with it. */
  newline: '\n' | '\r\n';
  totalBytes: number;
};

const HEAD_BYTES = 64 * 1024;
const BOM = [0xef, 0xbb, 0xbf];

/** Reads the header line, or says in one row error why the file cannot even start. */
export async function readFileHead(path: string): Promise<FileHead | RowError> {
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const buffer = Buffer.alloc(Math.min(HEAD_BYTES, size));
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    return parseFileHead(buffer.subarray(0, bytesRead), size);
  } finally {
    await file.close();
  }
}

export function parseFileHead(bytes: Buffer, totalBytes: number): FileHead | RowError {
  if (bytes.length === 0) return headerError('the file is empty; expected a header row');
  const start = BOM.every((b, i) => bytes[i] === b) ? BOM.length : 0;
  const end = bytes.indexOf(0x0a, start);
  if (end < 0 && bytes.length < totalBytes) return headerError('the header line is longer than 64 KiB');
  const lineEnd = end < 0 ? bytes.length : end;
  const crlf = lineEnd > start && bytes[lineEnd - 1] === 0x0d;
  const raw = bytes.subarray(start, crlf ? lineEnd - 1 : lineEnd);
  if (raw.includes(0)) {
    return headerError('the file contains NUL bytes (UTF-16?); save it as UTF-8 CSV');
  }
  let header: string;
  try {
    header = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return headerError('the header is not valid UTF-8; save the file as UTF-8 CSV');
  }
  return { header, newline: crlf ? '\r\n' : '\n', totalBytes };
}

const OTHER_DELIMITERS: ReadonlyArray<[string, string]> = [
  [';', 'semicolons (;)'],
  ['\t', 'tabs'],
  ['|', 'vertical bars (|)'],
];

/**
 * Matches the header against the kind's columns: columns in whatever order, case-insensitive, surrounding spaces
 * and quotes ignored. Every column here is required and unknown ones are refused (a typo would
 * otherwise drop data silently). Returns the canonical names in file order, or the problems.
 */
export function matchHeader(header: string, expected: readonly string[]): string[] | RowError[] {
  const fields = header.split(',');
  if (fields.length === 1) {
    for (const [char, name] of OTHER_DELIMITERS) {
      if (header.includes(char)) {
        return [
          headerError(`the file seems to be delimited by ${name}; vipdesk reads comma-separated files`),
        ];
      }
    }
  }
  const names = fields.map(normaliseName);
  const errors: RowError[] = [];
  const seen = new Set<string>();
  names.forEach((name, index) => {
    if (name === '') {
      errors.push(headerError(`column ${index + 1} has no name`));
    } else if (seen.has(name)) {
      errors.push({ ...headerError(`column '${name}' appears more than once`), column: name });
    } else if (!expected.includes(name)) {
      errors.push({
        ...headerError(`unknown column '${name}'; expected: ${expected.join(', ')}`),
        column: name,
      });
    }
    seen.add(name);
  });
  for (const name of expected) {
    if (!seen.has(name)) errors.push({ ...headerError(`missing required column '${name}'`), column: name });
  }
  return errors.length > 0 ? errors : names;
}

export function isRowError(value: unknown): value is RowError {
  return typeof value === 'object' && value !== null && 'reason' in value && 'line' in value;
}

function normaliseName(field: string): string {
  const trimmed = field.trim();
  const unquoted =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return unquoted.trim().toLowerCase();
}

function headerError(reason: string): RowError {
  return { line: 1, column: null, reason };
}
