import { linkId, SEGMENT_CAPACITY, segmentId, segmentOf } from './chain-segments';

describe('chain segments', () => {
  it('put 100 positions in each segment, seq 1 first', () => {
    expect(SEGMENT_CAPACITY).toBe(100);
    expect(segmentOf(1)).toEqual({ segment: 0, slot: 0, firstSeq: 1 });
    expect(segmentOf(100)).toEqual({ segment: 0, slot: 99, firstSeq: 1 });
    expect(segmentOf(101)).toEqual({ segment: 1, slot: 0, firstSeq: 101 });
  });

  it('name segments and links so that their ids sort in chain order', () => {
    expect(segmentId('acme', 2)).toBe('acme:0000000002');
    expect(segmentId('acme', 10) > segmentId('acme', 9)).toBe(true);
    expect(linkId('acme', 7, 1)).toBe('acme:000000000007:1');
    expect(linkId('acme', 10, 0) > linkId('acme', 9, 3)).toBe(true);
  });
});
