import { refuseAt } from './file-refused';

/** Receives each record with the physical line (1-based, header = 1) where the record starts. */
export type RecordHandler = (cells: string[], line: number) => void;

/** Guards memory against an unclosed quote swallowing the rest of a large file. */
export const MAX_RECORD_CHARS = 1_000_000;

const COMMA = 44;
const QUOTE = 34;
const LF = 10;
const CR = 13;
/** readRecord's answer when the text ends before the record does and more text may follow. */
const INCOMPLETE = -1;

/**
 * A streaming RFC 4180 tokenizer over decoded text, with the dialect csv-parse was configured
 * for (`,`; CRLF or LF between records; empty lines skipped; a quote that does not open a field
 * or close one before `,`/end of line is kept as text (relax_quotes); ragged rows passed on).
 *
 * Hand-written because it is the hot path of every import: measured on 1M subscribers,
 * csv-parse took 9–12 s where this takes about 2–3 s (csv-parse walks bytes one by one through
 * generic delimiter/escape/trim checks and builds each field in a resizable buffer). Here an
 * unquoted field is one slice of the chunk, a quoted one one slice plus one per doubled quote,
 * and a record one array; nothing else is allocated per row. Agreement with csv-parse is
 * checked by property tests (csv-tokenizer.test.ts).
 *
 * Each record goes to `onRecord` with its physical start line, counted here from the line
 * breaks themselves (a CRLF is one line), so quoted newlines and blank lines never make it drift.
 * A record cut by a chunk boundary is kept and read again, whole, from the next chunk.
 */
export class CsvTokenizer {
  private rest = '';
  /** The physical line the next record (or blank line) starts on. */
  private line: number;
  /** Line breaks inside the quoted fields of the record readRecord just read. */
  private quotedBreaks = 0;

  constructor(
    firstLine: number,
    private readonly onRecord: RecordHandler,
  ) {
    this.line = firstLine;
  }

  /** Reads every whole record in `chunk` (after what is left from before); `final` marks the end of input. */
  push(chunk: string, final: boolean): void {
    const text = this.rest.length === 0 ? chunk : this.rest + chunk;
    const n = text.length;
    let pos = 0;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (c === LF) {
        pos += 1;
        this.line += 1;
        continue;
      }
      if (c === CR) {
        if (pos + 1 === n && !final) break;
        if (pos + 1 < n && text.charCodeAt(pos + 1) === LF) {
          pos += 2;
          this.line += 1;
          continue;
        }
      }
      const end = this.readRecord(text, pos, final);
      if (end === INCOMPLETE) break;
      pos = end;
    }
    this.rest = pos === n ? '' : text.slice(pos);
    if (this.rest.length > MAX_RECORD_CHARS) throw tooLong(this.line);
  }

  /**
   * Reads the record starting at `start`, hands it on and returns where the next one starts,
   * or INCOMPLETE when more text is needed to finish it.
   */
  private readRecord(text: string, start: number, final: boolean): number {
    const n = text.length;
    const cells: string[] = [];
    this.quotedBreaks = 0;
    let i = start;
    for (;;) {
      let end: number;
      if (i < n && text.charCodeAt(i) === QUOTE) {
        end = this.readQuoted(text, i, final, cells);
        if (end === INCOMPLETE) return INCOMPLETE;
      } else {
        end = unquotedEnd(text, i, final);
        if (end === INCOMPLETE) return INCOMPLETE;
        cells.push(text.slice(i, end));
      }
      // `end` is at a comma, a line break or the end of the input.
      if (end < n && text.charCodeAt(end) === COMMA) {
        i = end + 1;
        continue;
      }
      if (end === n && !final) return INCOMPLETE;
      const next = end === n ? n : text.charCodeAt(end) === CR ? end + 2 : end + 1;
      if (next - start > MAX_RECORD_CHARS) throw tooLong(this.line);
      const line = this.line;
      this.line += this.quotedBreaks + (end < n ? 1 : 0);
      this.onRecord(cells, line);
      return next;
    }
  }

  /**
   * A quoted field from its opening quote: pushes its value and returns the index just after
   * the closing quote. `""` is one quote; a quote followed by anything but `,`, a line break or
   * the end turns the field into unquoted text from its opening quote on, with doubled quotes
   * already made single (what csv-parse 7 does with relax_quotes).
   */
  private readQuoted(text: string, open: number, final: boolean, cells: string[]): number {
    const n = text.length;
    let value = '';
    let from = open + 1;
    let at = from;
    for (;;) {
      const q = text.indexOf('"', at);
      if (q === -1) {
        if (final) throw unclosed(this.line);
        return INCOMPLETE;
      }
      if (q + 1 === n) {
        if (!final) return INCOMPLETE;
        return this.closeQuoted(text, open, value + text.slice(from, q), q + 1, cells);
      }
      const next = text.charCodeAt(q + 1);
      if (next === QUOTE) {
        value += text.slice(from, q + 1);
        at = q + 2;
        from = at;
        continue;
      }
      if (next === COMMA || next === LF) {
        return this.closeQuoted(text, open, value + text.slice(from, q), q + 1, cells);
      }
      if (next === CR) {
        if (q + 2 === n && !final) return INCOMPLETE;
        if (q + 2 < n && text.charCodeAt(q + 2) === LF) {
          return this.closeQuoted(text, open, value + text.slice(from, q), q + 1, cells);
        }
      }
      // Not a closing quote: like csv-parse, the field turns unquoted, its quotes put back.
      const end = unquotedEnd(text, q + 1, final);
      if (end === INCOMPLETE) return INCOMPLETE;
      return this.closeQuoted(text, open, `"${value}${text.slice(from, end)}`, end, cells);
    }
  }

  private closeQuoted(text: string, open: number, value: string, end: number, cells: string[]): number {
    this.quotedBreaks += countLineBreaksIn(text, open, end);
    cells.push(value);
    return end;
  }
}

/** Where an unquoted field starting at `start` ends: a comma, LF, CRLF or the end of the text. */
function unquotedEnd(text: string, start: number, final: boolean): number {
  const n = text.length;
  for (let j = start; j < n; j += 1) {
    const c = text.charCodeAt(j);
    if (c === COMMA || c === LF) return j;
    if (c === CR) {
      if (j + 1 === n) return final ? n : INCOMPLETE;
      if (text.charCodeAt(j + 1) === LF) return j;
    }
  }
  return n;
}

function countLineBreaksIn(text: string, from: number, to: number): number {
  let count = 0;
  let at = text.indexOf('\n', from);
  while (at !== -1 && at < to) {
    count += 1;
    at = text.indexOf('\n', at + 1);
  }
  return count;
}

function unclosed(line: number): Error {
  return refuseAt(line, 'a quoted field that opens on this line is never closed (a missing closing ")');
}

function tooLong(line: number): Error {
  return refuseAt(
    line,
    `the row starting on this line runs past ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters; a quote is probably not closed`,
  );
}
