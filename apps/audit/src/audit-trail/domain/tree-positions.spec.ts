import { leftSiblingsOf, seqRangeOf, subtreesCompletedBy } from './tree-positions';

describe('tree positions', () => {
  it('given leaf 0, when it is written, then only the leaf itself is complete', () => {
    expect(subtreesCompletedBy(0)).toEqual([{ level: 0, index: 0 }]);
    expect(leftSiblingsOf(0)).toEqual([]);
  });

  it('given leaf 7 (seq 8), when it is written, then it completes the subtrees of 2, 4 and 8 leaves, from left halves written before', () => {
    expect(subtreesCompletedBy(7)).toEqual([
      { level: 0, index: 7 },
      { level: 1, index: 3 },
      { level: 2, index: 1 },
      { level: 3, index: 0 },
    ]);
    expect(leftSiblingsOf(7)).toEqual([
      { level: 0, index: 6 },
      { level: 1, index: 2 },
      { level: 2, index: 0 },
    ]);
  });

  it('given leaf 5, then it completes its pair only', () => {
    expect(subtreesCompletedBy(5)).toEqual([{ level: 0, index: 5 }, { level: 1, index: 2 }]);
  });

  it('stays exact past 2^31 leaves', () => {
    expect(subtreesCompletedBy(2 ** 32 - 1)).toHaveLength(33);
    expect(seqRangeOf({ level: 32, index: 1 })).toEqual({ fromSeq: 2 ** 32 + 1, toSeq: 2 ** 33 });
  });
});
