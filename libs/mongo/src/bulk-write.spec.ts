import { BULK_WRITE_CHUNK, chunks } from './bulk-write';

describe('chunks', () => {
  it('splits bulk operations below the size FerretDB v1 hangs on (100 updates per command)', () => {
    expect(BULK_WRITE_CHUNK).toBeLessThan(100);
    const parts = chunks(Array.from({ length: 120 }, (_, i) => i));
    expect(parts.map((part) => part.length)).toEqual([50, 50, 20]);
    expect(parts.flat()).toEqual(Array.from({ length: 120 }, (_, i) => i));
    expect(chunks([])).toEqual([]);
  });
});
