import { describe, expect, it } from 'vitest';
import { formatFenAsYuan, parseYuanToFen } from './money';

describe('money', () => {
  it('parses yuan with up to two decimals into integer fen', () => {
    expect(parseYuanToFen('128')).toBe(12800);
    expect(parseYuanToFen('128.5')).toBe(12850);
    expect(parseYuanToFen('0.07')).toBe(7);
    expect(parseYuanToFen('-3.10')).toBe(-310);
  });

  it('refuses text that is not an amount', () => {
    expect(parseYuanToFen('12.345')).toBeUndefined();
    expect(parseYuanToFen('¥12')).toBeUndefined();
    expect(parseYuanToFen('')).toBeUndefined();
  });

  it('formats fen back to yuan', () => {
    expect(formatFenAsYuan(12850)).toBe('128.50');
    expect(formatFenAsYuan(-7)).toBe('-0.07');
  });
});
