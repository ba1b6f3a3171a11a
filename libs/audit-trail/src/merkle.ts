import { createHash } from 'node:crypto';

/**
 * The Merkle tree of RFC 9162 §2.1 (the RFC 6962 tree): SHA-256, leaf hash
 * `H(0x00 || leaf)`, node hash `H(0x01 || left || right)`, a tree of n leaves
 * split at the largest power of two below n. Pure: the server builds proofs
 * from stored subtree hashes, the CLI checks them, both through this file.
 */
export type Hash = Buffer;

/** A perfect subtree: `2^level` leaves starting at leaf `index * 2^level`. */
export interface SubtreeRef {
  level: number;
  index: number;
}

/** The hash of a perfect subtree, as stored; how the proofs below reach the tree. */
export type SubtreeLookup = (ref: SubtreeRef) => Hash;

export const EMPTY_ROOT: Hash = createHash('sha256').digest();

export function leafHash(leaf: Uint8Array | string): Hash {
  return createHash('sha256').update(Buffer.from([0])).update(leaf).digest();
}

export function nodeHash(left: Uint8Array, right: Uint8Array): Hash {
  return createHash('sha256').update(Buffer.from([1])).update(left).update(right).digest();
}

/** The largest power of two strictly below n (n > 1). Arithmetic, not bit operations: sizes pass 2^31. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

const isPowerOfTwo = (n: number) => n >= 1 && splitPoint(n + 1) === n;

/**
 * MTH(D[start:end]) from perfect subtrees: a range that is a whole aligned
 * power of two is one lookup, any other splits as RFC 9162 does.
 */
export function rangeHash(start: number, end: number, lookup: SubtreeLookup): Hash {
  const size = end - start;
  if (size === 0) return EMPTY_ROOT;
  if (isPowerOfTwo(size) && start % size === 0) return lookup({ level: Math.log2(size), index: start / size });
  const k = splitPoint(size);
  return nodeHash(rangeHash(start, start + k, lookup), rangeHash(start + k, end, lookup));
}

/** PATH(m, D[0:n]) of RFC 9162 §2.1.3.1, bottom first; m is the 0-based leaf index. */
export function inclusionProof(index: number, size: number, lookup: SubtreeLookup): Hash[] {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  const path = (m: number, start: number, end: number): Hash[] => {
    const n = end - start;
    if (n === 1) return [];
    const k = splitPoint(n);
    return m < k
      ? [...path(m, start, start + k), rangeHash(start + k, end, lookup)]
      : [...path(m - k, start + k, end), rangeHash(start, start + k, lookup)];
  };
  return path(index, 0, size);
}

/** PROOF(m, D[0:n]) of RFC 9162 §2.1.4.1: that the tree of `from` leaves is a prefix of the tree of `to`. */
export function consistencyProof(from: number, to: number, lookup: SubtreeLookup): Hash[] {
  if (!(from >= 1 && from <= to)) throw new RangeError(`no consistency proof from ${from} to ${to}`);
  const subproof = (m: number, start: number, end: number, whole: boolean): Hash[] => {
    const n = end - start;
    if (m === n) return whole ? [] : [rangeHash(start, end, lookup)];
    const k = splitPoint(n);
    return m <= k
      ? [...subproof(m, start, start + k, whole), rangeHash(start + k, end, lookup)]
      : [...subproof(m - k, start + k, end, false), rangeHash(start, start + k, lookup)];
  };
  return subproof(from, 0, to, true);
}

/** Which perfect subtrees a computation reads, found by running it once over placeholders. */
export function subtreesRead(compute: (lookup: SubtreeLookup) => unknown): SubtreeRef[] {
  const refs = new Map<string, SubtreeRef>();
  const placeholder = Buffer.alloc(32);
  compute((ref) => {
    refs.set(`${ref.level}:${ref.index}`, ref);
    return placeholder;
  });
  return [...refs.values()];
}

/**
 * One step up the path of RFC 9162 §2.1.3.2 / §2.1.4.2: whether the proof's
 * next hash is a left sibling (`fn` odd, or the last node of its level), and
 * the node numbers one level up (past the levels where that node has no sibling).
 */
function climb(fn: number, sn: number): { left: boolean; fn: number; sn: number } {
  const left = fn % 2 === 1 || fn === sn;
  if (left && fn % 2 === 0) {
    while (fn % 2 === 0 && fn !== 0) {
      fn = Math.floor(fn / 2);
      sn = Math.floor(sn / 2);
    }
  }
  return { left, fn: Math.floor(fn / 2), sn: Math.floor(sn / 2) };
}

/** The root from an inclusion proof (RFC 9162 §2.1.3.2); compare it with the signed root. */
export function rootFromInclusionProof(index: number, size: number, leaf: Hash, proof: Hash[]): Hash | null {
  if (!(index >= 0 && index < size)) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    const step = climb(fn, sn);
    r = step.left ? nodeHash(p, r) : nodeHash(r, p);
    ({ fn, sn } = step);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(index: number, size: number, leaf: Hash, proof: Hash[], root: Hash): boolean {
  const computed = rootFromInclusionProof(index, size, leaf, proof);
  return computed !== null && computed.equals(root);
}

/** RFC 9162 §2.1.4.2: both roots from one consistency proof. */
export function verifyConsistency(from: number, to: number, proof: Hash[], fromRoot: Hash, toRoot: Hash): boolean {
  if (from < 1 || from > to) return false;
  if (from === to) return proof.length === 0 && fromRoot.equals(toRoot);
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(from) ? [fromRoot, ...proof] : proof;
  let fn = from - 1;
  let sn = to - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    const step = climb(fn, sn);
    if (step.left) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
    } else {
      sr = nodeHash(sr, c);
    }
    ({ fn, sn } = step);
  }
  return sn === 0 && fr.equals(fromRoot) && sr.equals(toRoot);
}

/**
 * Builds a root from leaves streamed in order, holding one hash per level
 * (the "compact range"): the CLI checks a whole export against a signed root
 * in O(log n) memory.
 */
export class StreamingRoot {
  private readonly stack: Array<{ hash: Hash; size: number }> = [];
  size = 0;

  push(leaf: Uint8Array | string): void {
    let node = { hash: leafHash(leaf), size: 1 };
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].size === node.size) {
      const left = this.stack.pop()!;
      node = { hash: nodeHash(left.hash, node.hash), size: left.size * 2 };
    }
    this.stack.push(node);
    this.size++;
  }

  root(): Hash {
    if (this.stack.length === 0) return EMPTY_ROOT;
    let hash = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) hash = nodeHash(this.stack[i].hash, hash);
    return hash;
  }
}

/** GET /v1/audit/proofs/inclusion: the entry's place, its leaf bytes (the export line) and its audit path, base64 hashes bottom first. */
export interface InclusionProofAnswer {
  seq: number;
  eventId: string;
  leafIndex: number;
  treeSize: number;
  entry: string;
  leafHash: string;
  proof: string[];
}

/** GET /v1/audit/proofs/consistency: that the tree of `from` entries is a prefix of the tree of `to`. */
export interface ConsistencyProofAnswer {
  from: number;
  to: number;
  proof: string[];
}
