import { Inject, Injectable } from '@nestjs/common';
import { consistencyProof, inclusionProof, leafHash, nodeHash, rangeHash, subtreesRead, type Hash, type SubtreeLookup } from '@pxxl/audit-trail';
import { seqRangeOf, subtreeKey, type TreePosition } from '../../domain/tree-positions';
import { TREE_STORE, type StoredSubtree, type TreeStore } from '../../ports';
import { ChainReader } from './chain-reader';

/** The chain does not hold every leaf of the asked range yet (a writer is still at work). */
export class TreeNotReadyError extends Error {
  constructor(readonly position: TreePosition) {
    super(`the leaves of subtree ${subtreeKey(position)} are not all recorded yet`);
    this.name = 'TreeNotReadyError';
  }
}

/**
 * A workspace's Merkle tree (RFC 9162) read from its stored perfect
 * subtrees: a root or a proof reads the O(log n) hashes it needs in one
 * query, never the leaves. A subtree not stored (its writer died between
 * committing an entry and writing the hashes, or they were removed) is
 * rebuilt from the chain's records below it and stored, so the tree always
 * says what the chain says.
 */
@Injectable()
export class MerkleTree {
  constructor(
    @Inject(TREE_STORE) private readonly store: TreeStore,
    private readonly chain: ChainReader,
  ) {}

  root(workspaceId: string, size: number): Promise<Hash> {
    return this.compute(workspaceId, (lookup) => rangeHash(0, size, lookup));
  }

  inclusion(workspaceId: string, leafIndex: number, size: number): Promise<Hash[]> {
    return this.compute(workspaceId, (lookup) => inclusionProof(leafIndex, size, lookup));
  }

  consistency(workspaceId: string, from: number, to: number): Promise<Hash[]> {
    return this.compute(workspaceId, (lookup) => consistencyProof(from, to, lookup));
  }

  /** The hashes of `positions`, rebuilding the missing ones from the chain. */
  async subtrees(workspaceId: string, positions: TreePosition[]): Promise<Map<string, Hash>> {
    const found = await this.store.subtrees(workspaceId, positions);
    for (const position of positions) {
      if (!found.has(subtreeKey(position))) found.set(subtreeKey(position), await this.rebuild(workspaceId, position));
    }
    return found;
  }

  /** Runs a pure tree computation twice: once to learn which subtrees it reads, then over their stored hashes. */
  private async compute<T>(workspaceId: string, computation: (lookup: SubtreeLookup) => T): Promise<T> {
    const hashes = await this.subtrees(workspaceId, subtreesRead(computation));
    return computation((position) => hashes.get(subtreeKey(position))!);
  }

  /** Every perfect subtree inside `position`, from the chain's records, stored as it goes; answers the hash of `position`. */
  private async rebuild(workspaceId: string, position: TreePosition): Promise<Hash> {
    const range = seqRangeOf(position);
    const stack: Array<{ hash: Hash; level: number; index: number }> = [];
    let pending: StoredSubtree[] = [];
    let next = range.fromSeq;
    for await (const { seq, line } of this.chain.records(workspaceId, range)) {
      if (seq !== next) break; // a gap: positions are missing, the tree cannot be built past it
      let node = { hash: leafHash(line), level: 0, index: seq - 1 };
      pending.push({ position: { level: 0, index: node.index }, hash: node.hash });
      while (stack.length > 0 && stack[stack.length - 1].level === node.level) {
        const left = stack.pop()!;
        node = { hash: nodeHash(left.hash, node.hash), level: node.level + 1, index: left.index / 2 };
        pending.push({ position: { level: node.level, index: node.index }, hash: node.hash });
      }
      stack.push(node);
      if (pending.length >= 1000) {
        await this.store.store(workspaceId, pending);
        pending = [];
      }
      next++;
    }
    if (next !== range.toSeq + 1) throw new TreeNotReadyError(position);
    await this.store.store(workspaceId, pending);
    return stack[0].hash;
  }
}
