/**
 * Where the workspace's Merkle tree (RFC 9162) keeps its hashes: one stored
 * hash per perfect subtree, `level` (0 = a leaf) and `index` (from the
 * left), never changed once written. The leaf for `seq` N has index N-1.
 * Pure integer arithmetic (no bit operations: sizes pass 2^31).
 */
export interface TreePosition {
  level: number;
  index: number;
}

export function subtreeKey(position: TreePosition): string {
  return `${position.level}:${position.index}`;
}

export function subtreeId(workspaceId: string, position: TreePosition): string {
  return `${workspaceId}:${subtreeKey(position)}`;
}

/** The perfect subtrees whose last leaf is `leafIndex`: the leaf itself, then each parent it completes, bottom first. */
export function subtreesCompletedBy(leafIndex: number): TreePosition[] {
  const completed: TreePosition[] = [{ level: 0, index: leafIndex }];
  for (let level = 1, span = 2; (leafIndex + 1) % span === 0; level++, span *= 2) completed.push({ level, index: (leafIndex + 1) / span - 1 });
  return completed;
}

/** The left halves of the subtrees `leafIndex` completes above itself: already complete, written by earlier leaves. */
export function leftSiblingsOf(leafIndex: number): TreePosition[] {
  return subtreesCompletedBy(leafIndex)
    .slice(1)
    .map(({ level, index }) => ({ level: level - 1, index: index * 2 }));
}

/** The leaf range of a subtree, as chain positions `fromSeq..toSeq`. */
export function seqRangeOf(position: TreePosition): { fromSeq: number; toSeq: number } {
  const span = 2 ** position.level;
  return { fromSeq: position.index * span + 1, toSeq: (position.index + 1) * span };
}
