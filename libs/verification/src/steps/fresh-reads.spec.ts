import { freshReads } from './fresh-reads';

/** A read that the test ends by hand, recording when each began and the value the store held then. */
function store() {
  let version = 1;
  const reads: Array<{ keyId: string; sawVersion: number; end: () => void }> = [];
  const read = (keyId: string) =>
    new Promise<number>((resolve) => {
      const sawVersion = version;
      reads.push({ keyId, sawVersion, end: () => resolve(sawVersion) });
    });
  return { read, reads, setVersion: (v: number) => (version = v) };
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('freshReads', () => {
  it('serves callers who came during a read from one next read, never from the read already in flight', async () => {
    const { read, reads, setVersion } = store();
    const versionOf = freshReads(read);
    const first = versionOf('k1');
    setVersion(2); // a revocation lands after the first read began
    const second = versionOf('k1');
    const third = versionOf('k1');
    expect(reads).toHaveLength(1);
    reads[0].end();
    await expect(first).resolves.toBe(1);
    await flush();
    expect(reads).toHaveLength(2);
    reads[1].end();
    await expect(second).resolves.toBe(2);
    await expect(third).resolves.toBe(2);
  });

  it('reads each key on its own and starts afresh once no read is in flight', async () => {
    const { read, reads } = store();
    const versionOf = freshReads(read);
    const a = versionOf('k1');
    const b = versionOf('k2');
    expect(reads.map((r) => r.keyId)).toEqual(['k1', 'k2']);
    reads.forEach((r) => r.end());
    await Promise.all([a, b]);
    await flush();
    void versionOf('k1');
    expect(reads).toHaveLength(3);
  });

  it('fails only the callers of a failed read', async () => {
    let calls = 0;
    const versionOf = freshReads(async () => {
      calls++;
      if (calls === 1) throw new Error('store down');
      return 7;
    });
    const failing = versionOf('k1');
    const next = versionOf('k1');
    await expect(failing).rejects.toThrow('store down');
    await expect(next).resolves.toBe(7);
  });
});
