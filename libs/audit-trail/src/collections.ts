/** Where the audit trail lives in MongoDB (docs/operations.md lists every collection). */
export const AUDIT_COLLECTIONS = {
  /** One document per event, `_id = eventId`: what the reviewer API queries. */
  entries: 'audit_entries',
  /** The chain's positions as they are claimed, one per record (`_id = <workspaceId>:<seq>:<attempt>`). */
  links: 'audit_chain_links',
  /** Sealed copies of the chain, 100 records per document: what exports and checks read. */
  segments: 'audit_chain_segments',
  /** One document per workspace, `_id = workspaceId`: the newest position and hash, and how far the chain is sealed. */
  heads: 'audit_chain_heads',
  /** The Merkle tree's perfect-subtree hashes, `_id = <workspaceId>:<level>:<index>` (RFC 9162; docs/audit.md). */
  treeNodes: 'audit_tree_nodes',
  /** Every signed checkpoint, `_id = <workspaceId>:<tree size>`, the C2SP signed note as served. */
  checkpoints: 'audit_checkpoints',
  /** The latest known name of each key, `_id = keyId`. */
  keyNames: 'audit_key_names',
  /** Witnesses' cosignatures of signed checkpoints, `_id = <workspaceId>:<tree size>:<root hash>:<witness name>+<key hash>`, the C2SP signature line as posted. */
  cosignatures: 'audit_cosignatures',
} as const;

