import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseUnicodeRange, splitIntoRuns, subsetFile, subsetFor } from './pdf-fonts';

describe('Noto Sans SC subsets for the PDF', () => {
  it('parses CSS unicode ranges', () => {
    expect(parseUnicodeRange('U+4e00-4e0f, U+3002,U+00??')).toEqual([
      [0x4e00, 0x4e0f],
      [0x3002, 0x3002],
      [0x0000, 0x00ff],
    ]);
  });

  it('finds a shipped subset file for Latin and for each character of the report title', () => {
    expect(subsetFor('A'.codePointAt(0) ?? 0)).toBe('latin');
    for (const char of '一对一服务报告王') {
      const key = subsetFor(char.codePointAt(0) ?? 0);
      expect(key, char).not.toBeNull();
      expect(existsSync(subsetFile(key ?? '', 400)), char).toBe(true);
      expect(existsSync(subsetFile(key ?? '', 700)), char).toBe(true);
    }
  });

  it('cuts text into runs of one subset that together spell the text', () => {
    const text = '尊敬的王**：2026年第3季度 Q3';
    const runs = splitIntoRuns(text);
    expect(runs.map((r) => r.text).join('')).toBe(text);
    for (let i = 1; i < runs.length; i += 1) expect(runs[i]?.key).not.toBe(runs[i - 1]?.key);
  });
});
