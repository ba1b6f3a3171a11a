import {
  consistencyProof,
  EMPTY_ROOT,
  inclusionProof,
  leafHash,
  nodeHash,
  rangeHash,
  StreamingRoot,
  subtreesRead,
  verifyConsistency,
  verifyInclusion,
  type SubtreeLookup,
} from './merkle';

// The RFC 6962 / RFC 9162 test tree of github.com/transparency-dev/merkle v0.0.2
// (testonly/constants.go, proof/verify_test.go): 8 leaves, every root, and proofs.
const LEAVES = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map((h) => Buffer.from(h, 'hex'));
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
].map((h) => Buffer.from(h, 'hex'));
const hx = (...hashes: string[]) => hashes.map((h) => Buffer.from(h, 'hex'));
// [leaf index (1-based in the vectors), tree size, proof]
const INCLUSION: Array<[number, number, Buffer[]]> = [
  [1, 8, hx('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4')],
  [6, 8, hx('bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7')],
  [3, 3, hx('fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125')],
  [2, 5, hx('6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b')],
];
const CONSISTENCY: Array<[number, number, Buffer[]]> = [
  [1, 8, hx('96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4')],
  [6, 8, hx('0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7')],
  [2, 5, hx('5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b')],
  [6, 7, hx('0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7')],
];

/** Given leaves: the stored perfect subtrees, as the audit app keeps them. */
function givenTree(leaves: Buffer[]): SubtreeLookup {
  return ({ level, index }) => {
    const span = 2 ** level;
    const start = index * span;
    if (start + span > leaves.length) throw new Error(`no subtree ${level}:${index}`);
    if (level === 0) return leafHash(leaves[start]);
    const half = givenTree(leaves);
    return nodeHash(half({ level: level - 1, index: index * 2 }), half({ level: level - 1, index: index * 2 + 1 }));
  };
}

describe('the RFC 9162 Merkle tree', () => {
  const tree = givenTree(LEAVES);

  it('gives every root of the reference tree, from stored subtrees and from streamed leaves', () => {
    const stream = new StreamingRoot();
    expect(stream.root()).toEqual(EMPTY_ROOT);
    for (let size = 1; size <= 8; size++) {
      stream.push(LEAVES[size - 1]);
      expect(rangeHash(0, size, tree).toString('hex')).toBe(ROOTS[size].toString('hex'));
      expect(stream.root().toString('hex')).toBe(ROOTS[size].toString('hex'));
    }
  });

  it.each(INCLUSION)('when asked for leaf %i of %i, then it gives the reference inclusion proof, which verifies', (leaf, size, expected) => {
    const proof = inclusionProof(leaf - 1, size, tree);
    expect(proof.map((h) => h.toString('hex'))).toEqual(expected.map((h) => h.toString('hex')));
    expect(verifyInclusion(leaf - 1, size, leafHash(LEAVES[leaf - 1]), proof, ROOTS[size])).toBe(true);
  });

  it.each(CONSISTENCY)('when asked for consistency from %i to %i, then it gives the reference proof, which verifies', (from, to, expected) => {
    const proof = consistencyProof(from, to, tree);
    expect(proof.map((h) => h.toString('hex'))).toEqual(expected.map((h) => h.toString('hex')));
    expect(verifyConsistency(from, to, proof, ROOTS[from], ROOTS[to])).toBe(true);
  });

  it('verifies every inclusion and consistency proof of every tree up to 8, and refuses them moved or altered', () => {
    for (let size = 1; size <= 8; size++) {
      for (let index = 0; index < size; index++) {
        const proof = inclusionProof(index, size, tree);
        const leaf = leafHash(LEAVES[index]);
        expect(verifyInclusion(index, size, leaf, proof, ROOTS[size])).toBe(true);
        if (size > 1) expect(verifyInclusion((index + 1) % size, size, leaf, proof, ROOTS[size])).toBe(false);
        if (proof.length > 0) expect(verifyInclusion(index, size, leaf, [leafHash('x'), ...proof.slice(1)], ROOTS[size])).toBe(false);
        expect(verifyInclusion(index, size, leafHash('other'), proof, ROOTS[size])).toBe(false);
      }
      for (let from = 1; from <= size; from++) {
        const proof = consistencyProof(from, size, tree);
        expect(verifyConsistency(from, size, proof, ROOTS[from], ROOTS[size])).toBe(true);
        if (from < size) {
          expect(verifyConsistency(from, size, proof, ROOTS[from - 1] ?? EMPTY_ROOT, ROOTS[size])).toBe(false);
          expect(verifyConsistency(from, size, proof.slice(1), ROOTS[from], ROOTS[size])).toBe(false);
          expect(verifyConsistency(from, size, [], ROOTS[from], ROOTS[size])).toBe(false);
        }
      }
    }
  });

  it('reads O(log n) stored subtrees for a proof in a tree of ten million leaves', () => {
    const size = 10_000_000;
    const read = subtreesRead((lookup) => inclusionProof(4_321_987, size, lookup));
    expect(read.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
    const consistency = subtreesRead((lookup) => consistencyProof(6_000_001, size, lookup));
    expect(consistency.length).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(size)));
  });

  it('refuses a leaf outside the tree', () => {
    expect(() => inclusionProof(8, 8, tree)).toThrow(RangeError);
    expect(() => consistencyProof(0, 8, tree)).toThrow(RangeError);
  });
});
