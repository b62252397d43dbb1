import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import iconv from 'iconv-lite';
import { parseCsvBody } from './csv-body';
import { CsvByteSource, type FileEncoding } from './csv-source';
import { splitHeaderLine } from './header-line';

/**
 * The bad rows of a --skip-bad import, as a CSV the operator can fix and import again: the
 * file's own header, each bad record's original cells (quoted where CSV needs it), the file's
 * own encoding. Created on the first bad row only.
 */
export class RejectsFile {
  private stream: WriteStream | undefined;
  private header: readonly string[] = [];

  constructor(
    readonly path: string,
    private readonly encoding: FileEncoding,
  ) {}

  setHeader(cells: readonly string[]): void {
    this.header = cells;
  }

  add(cells: readonly string[]): void {
    if (!this.stream) {
      this.stream = createWriteStream(this.path);
      this.write(toCsvRecord(this.header));
    }
    this.write(toCsvRecord(cells));
  }

  /** Closes the file; returns its path when at least one row was written. */
  async finish(): Promise<string | undefined> {
    if (!this.stream) return undefined;
    this.stream.end();
    await once(this.stream, 'close');
    return this.path;
  }

  /** For a refused file: whatever was written is not a complete list, so it goes. */
  async discard(): Promise<void> {
    if (await this.finish()) await rm(this.path, { force: true });
  }

  private write(text: string): void {
    this.stream?.write(this.encoding === 'gbk' ? iconv.encode(text, 'gbk') : text);
  }
}

/**
 * Second pass for rows refused by the set-based checks after staging (duplicates, unknown
 * MSISDN): their original text is only in the file, so it is read again for those lines.
 */
export async function copyRecordsAtLines(
  filePath: string,
  encoding: FileEncoding,
  lines: readonly number[],
  rejects: RejectsFile,
): Promise<void> {
  if (lines.length === 0) return;
  const { body } = await splitHeaderLine(await CsvByteSource.open(filePath, encoding));
  let next = 0;
  const pick = (cells: string[], line: number) => {
    while (next < lines.length && (lines[next] ?? 0) < line) next += 1;
    if (lines[next] === line) rejects.add(cells);
  };
  for await (const _ of parseCsvBody(body, 2, pick)) {
    if (next >= lines.length) break;
  }
}

export function toCsvRecord(cells: readonly string[]): string {
  return `${cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell)).join(',')}\n`;
}
