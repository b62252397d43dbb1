import { describe, expect, it } from 'vitest';
import { maskName } from './mask-name';

describe('maskName', () => {
  it('keeps the surname and hides the rest', () => {
    expect(maskName('王小明')).toBe('王**');
    expect(maskName('李强')).toBe('李*');
  });

  it('hides something even for one character or an empty name', () => {
    expect(maskName('王')).toBe('王*');
    expect(maskName('  ')).toBe('*');
  });
});
