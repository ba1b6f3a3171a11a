import { AuditError } from './audit-errors';

/** Refusals of the checkpoint and proof routes (docs/audit.md, "Signed checkpoints and proofs"). */
export const TransparencyErrors = {
  notConfigured: () => new AuditError('CHECKPOINTS_NOT_CONFIGURED', 'this audit app has no signing key (AUDIT_SIGNING_KEY_FILE): it keeps the tree but signs no checkpoint'),
  treeSizeBeyondCheckpoint: (treeSize: number, latest: number) =>
    new AuditError('TREE_SIZE_BEYOND_CHECKPOINT', `tree size ${treeSize} is past the latest signed checkpoint (${latest}): fetch GET /v1/audit/checkpoint first`, { treeSize, latest }),
  leafOutsideTree: (seq: number, treeSize: number) => new AuditError('LEAF_OUTSIDE_TREE', `seq ${seq} is not in a tree of ${treeSize} entries`, { seq, treeSize }),
  entryNotFound: (eventId: string) => new AuditError('ENTRY_NOT_FOUND', 'no entry of this workspace has this event id', { eventId }),
  invalidProofRequest: (message: string) => new AuditError('INVALID_PROOF_REQUEST', message),
  malformedCosignedNote: (message: string) =>
    new AuditError('MALFORMED_COSIGNED_NOTE', `not a cosigned checkpoint (C2SP signed note: the checkpoint, a blank line, signature lines): ${message}`),
  noCosignature: () => new AuditError('NO_COSIGNATURE', 'the note carries no signature line but the log\'s own: append the witness\'s cosignature lines to the checkpoint'),
  checkpointNotOurs: (origin: string, size: number) =>
    new AuditError('CHECKPOINT_NOT_OURS', 'this audit log never signed that checkpoint: its origin, size or root hash is not one of ours', { origin, size }),
  unknownWitness: (witness: string) => new AuditError('UNKNOWN_WITNESS', `${witness} is not a witness this audit log trusts (AUDIT_WITNESS_KEYS)`, { witness }),
  badCosignature: (witness: string, message: string) => new AuditError('BAD_COSIGNATURE', message, { witness }),
  treeNotReady: () => new AuditError('TREE_NOT_READY', 'the newest entries are still being written; try again in a moment'),
};
