import { AuditError } from './audit-errors';

/** Refusals of the checkpoint and proof routes (docs/audit.md, "Signed checkpoints and proofs"). */
export const TransparencyErrors = {
  notConfigured: () => new AuditError('CHECKPOINTS_NOT_CONFIGURED', 'this audit app has no signing key (AUDIT_SIGNING_KEY_FILE): it keeps the tree but signs no checkpoint'),
  treeSizeBeyondCheckpoint: (treeSize: number, latest: number) =>
    new AuditError('TREE_SIZE_BEYOND_CHECKPOINT', `tree size ${treeSize} is past the latest signed checkpoint (${latest}): fetch GET /v1/audit/checkpoint first`, { treeSize, latest }),
  leafOutsideTree: (seq: number, treeSize: number) => new AuditError('LEAF_OUTSIDE_TREE', `seq ${seq} is not in a tree of ${treeSize} entries`, { seq, treeSize }),
  entryNotFound: (eventId: string) => new AuditError('ENTRY_NOT_FOUND', 'no entry of this workspace has this event id', { eventId }),
  invalidProofRequest: (message: string) => new AuditError('INVALID_PROOF_REQUEST', message),
  treeNotReady: () => new AuditError('TREE_NOT_READY', 'the newest entries are still being written; try again in a moment'),
};
