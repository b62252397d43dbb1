import { describe, expect, it } from 'vitest';
import { idRanges } from './relational-facts';

describe('the id ranges of a relational export in parts', () => {
  it('covers every id from the lowest to the highest once, in contiguous half-open ranges', () => {
    expect(idRanges({ lo: 1, hi: 10 }, 2)).toEqual([
      { from: 1, to: 6 },
      { from: 6, to: 11 },
    ]);
    expect(idRanges({ lo: '5', hi: '11' }, 3)).toEqual([
      { from: 5, to: 8 },
      { from: 8, to: 11 },
      { from: 11, to: 12 },
    ]);
  });

  it('leaves later parts empty when there are fewer ids than parts', () => {
    expect(idRanges({ lo: 7, hi: 7 }, 2)).toEqual([
      { from: 7, to: 8 },
      { from: 8, to: 8 },
    ]);
  });

  it('exports the whole table in the first part when there are no subscribers or one part', () => {
    expect(idRanges({ lo: null, hi: null }, 2)).toEqual([undefined, { from: 0, to: 0 }]);
    expect(idRanges({ lo: 1, hi: 100 }, 1)).toEqual([undefined]);
  });
});
