export interface HeardEvent {
  /** The key's version after the event. */
  version: number;
  /** The event was a revocation (final: a key is never un-revoked). */
  revoked?: boolean;
}

interface LedgerEntry {
  version: number;
  revoked: boolean;
  /** Sequence number of the latest invalidation of this key. */
  seq: number;
  /** Sequence number of the latest invalidation that named no version (0: none). */
  blindSeq: number;
  at: number;
}

/**
 * What the cache has lately heard about each key, kept for `retentionMs`: the
 * window in which a backend (the read model, or the key service reading it)
 * may still answer from before the event. Bounded in size; the oldest go first.
 */
export class InvalidationLedger {
  private readonly entries = new Map<string, LedgerEntry>();
  private seq = 0;

  constructor(
    private readonly retentionMs = 60_000,
    private readonly maxEntries = 100_000,
  ) {}

  /** The current sequence number: compare with `seqOf` to see whether a key was invalidated since. */
  get sequence(): number {
    return this.seq;
  }

  record(keyId: string, now: number, heard?: HeardEvent): void {
    const previous = this.entries.get(keyId);
    this.entries.delete(keyId);
    const seq = ++this.seq;
    this.entries.set(keyId, {
      version: Math.max(previous?.version ?? 0, heard?.version ?? 0),
      revoked: (previous?.revoked ?? false) || (heard?.revoked ?? false),
      seq,
      blindSeq: heard ? (previous?.blindSeq ?? 0) : seq,
      at: now,
    });
    this.prune(now);
  }

  get(keyId: string, now: number): LedgerEntry | undefined {
    const entry = this.entries.get(keyId);
    if (entry && now - entry.at > this.retentionMs) {
      this.entries.delete(keyId);
      return undefined;
    }
    return entry;
  }

  private prune(now: number): void {
    for (const [keyId, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && now - entry.at <= this.retentionMs) break;
      this.entries.delete(keyId);
    }
  }
}
