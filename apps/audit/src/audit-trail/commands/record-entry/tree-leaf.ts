import { leafHash, nodeHash, type Hash } from '@pxxl/audit-trail';
import { leftSiblingsOf, subtreeKey, subtreesCompletedBy } from '../../domain/tree-positions';
import type { StoredSubtree, TreeStore } from '../../ports';
import type { MerkleTree } from '../../queries/shared/merkle-tree';

/**
 * Adds the leaf of a committed chain position to the workspace's Merkle
 * tree: its own hash and the hash of every subtree it completes, from the
 * left halves earlier leaves wrote (rebuilt from the chain if one is
 * missing). The writer of the position does it, as it seals the chain;
 * another writer may write the same hashes, which are the same bytes.
 */
export async function addLeaf(tree: MerkleTree, store: TreeStore, workspaceId: string, seq: number, line: string): Promise<void> {
  const leafIndex = seq - 1;
  const lefts = leftSiblingsOf(leafIndex);
  const hashes = lefts.length === 0 ? new Map<string, Hash>() : await tree.subtrees(workspaceId, lefts);
  const completed = subtreesCompletedBy(leafIndex);
  let hash = leafHash(line);
  const written: StoredSubtree[] = [{ position: completed[0], hash }];
  for (let i = 1; i < completed.length; i++) {
    hash = nodeHash(hashes.get(subtreeKey(lefts[i - 1]))!, hash);
    written.push({ position: completed[i], hash });
  }
  await store.store(workspaceId, written);
}
