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
  /** The latest known name of each key, `_id = keyId`. */
  keyNames: 'audit_key_names',
} as const;

/**
 * The key service's event store (apps/key-service/src/keys/infrastructure/
 * stored-event.schema.ts), read by the completeness check. A test keeps the two names equal.
 */
export const EVENT_STORE_COLLECTION = 'key_events';

/**
 * The key service's outbox of key signals (apps/key-service/src/keys/
 * infrastructure/mongo-key-signal-outbox.ts): refused browser use, recorded
 * in the trail like events, stored here rather than in the event store.
 */
export const KEY_SIGNALS_COLLECTION = 'key_signals';
