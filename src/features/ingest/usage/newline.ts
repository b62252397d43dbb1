/** read_csv's new_line option, written the way DuckDB expects it (escaped, not raw characters). */
export function newLineOption(newline: '\n' | '\r\n'): string {
  return newline === '\r\n' ? String.raw`'\r\n'` : String.raw`'\n'`;
}
