import type { TreePosition } from '../domain/tree-positions';

export interface StoredSubtree {
  position: TreePosition;
  hash: Buffer;
}

/**
 * The Merkle tree's perfect-subtree hashes, `_id = <workspaceId>:<level>:<index>`.
 * A hash is fixed by the leaves below it, so whoever writes it writes the
 * same bytes: writes are inserts, and a collision means it is there already
 * (MongoDB and FerretDB v1 alike).
 */
export interface TreeStore {
  /** The stored hashes among `positions`, by `subtreeKey`. */
  subtrees(workspaceId: string, positions: TreePosition[]): Promise<Map<string, Buffer>>;
  store(workspaceId: string, subtrees: StoredSubtree[]): Promise<void>;
}

export const TREE_STORE = 'TREE_STORE';
