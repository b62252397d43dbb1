/** Money is stored as integer fen (1 CNY = 100 fen) everywhere; these convert at the edges only. */
export type Fen = number;

const YUAN_PATTERN = /^-?\d+(\.\d{1,2})?$/;

/** Parses "128", "128.5" or "128.50" yuan into fen; returns undefined for anything else. */
export function parseYuanToFen(text: string): Fen | undefined {
  const trimmed = text.trim();
  if (!YUAN_PATTERN.test(trimmed)) return undefined;
  const negative = trimmed.startsWith('-');
  const [whole = '0', fraction = ''] = trimmed.replace('-', '').split('.');
  const fen = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return negative ? -fen : fen;
}

export function formatFenAsYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
