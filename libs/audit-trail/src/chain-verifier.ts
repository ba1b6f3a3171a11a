import { GENESIS_HASH, hashRecord, type AuditRecord } from './audit-record';

/** Stable codes for where and how a chain is broken (docs/audit.md explains each). */
export type ChainBreakReason =
  | 'UNREADABLE_RECORD'
  | 'WRONG_WORKSPACE'
  | 'OUT_OF_ORDER'
  | 'ENTRIES_MISSING'
  | 'RECORD_ALTERED'
  | 'BROKEN_LINK'
  | 'TAIL_MISSING'
  | 'HEAD_MISMATCH'
  | 'ANCHOR_MISMATCH';

/** The first entry at which the chain stops being trustworthy. */
export interface ChainBreak {
  reason: ChainBreakReason;
  /** The chain position where it breaks (for missing entries: the first missing position). */
  seq: number;
  /** The entry found there, when there is one. */
  eventId?: string;
  keyId?: string;
  type?: string;
  occurredAt?: string;
  message: string;
}

/** A chain head: the position and hash of the newest entry. Published ones are anchors. */
export interface ChainHeadRef {
  seq: number;
  hash: string;
  /** The newest entry's eventId, when known: names a deleted newest entry. */
  eventId?: string | null;
}

export interface ChainReport {
  ok: boolean;
  checked: number;
  first: { seq: number; hash: string } | null;
  last: { seq: number; hash: string } | null;
  firstBrokenEntry?: ChainBreak;
  /** Whether the anchor (a published head) fell inside what was checked. */
  anchor?: 'matched' | 'broken' | 'not-in-range';
}

export interface ChainVerifierOptions {
  workspaceId: string;
  /**
   * For a range that does not start at seq 1: the first record's link to its
   * predecessor is taken on trust (its own hash is still checked).
   */
  trustFirstLink?: boolean;
  /**
   * The head the database holds: the chain must reach it and carry its hash
   * there. Records after it are fine (the head is moved after a record is written).
   */
  head?: ChainHeadRef | null;
  /** A head published earlier: the same, checked against what was published. */
  anchor?: ChainHeadRef;
}

const pick = (record: Partial<AuditRecord>) => ({
  eventId: typeof record.eventId === 'string' ? record.eventId : undefined,
  keyId: typeof record.keyId === 'string' ? record.keyId : undefined,
  type: typeof record.type === 'string' ? record.type : undefined,
  occurredAt: typeof record.occurredAt === 'string' ? record.occurredAt : undefined,
});

/**
 * Checks a chain record by record, in stored order, with memory independent
 * of its length: positions contiguous from the first, each record's hash
 * recomputed from its content, each record linked to the one before; then,
 * at the end, the newest record against the head. Pure: the caller streams
 * the records in (from MongoDB, an HTTP export or a file).
 */
export class ChainVerifier {
  private previous: { seq: number; hash: string } | null = null;
  private firstRecord: { seq: number; hash: string } | null = null;
  private broken?: ChainBreak;
  private checked = 0;
  private anchorState: 'matched' | 'broken' | undefined;
  private headSeen: true | undefined;

  constructor(private readonly options: ChainVerifierOptions) {}

  get firstBreak(): ChainBreak | undefined {
    return this.broken;
  }

  /** One stored record: its NDJSON line, or the parsed record (Date fields allowed). */
  push(input: string | object): void {
    this.checked++;
    const expected = this.previous ? this.previous.seq + 1 : null;
    let record: Partial<AuditRecord>;
    try {
      record = typeof input === 'string' ? JSON.parse(input) : (input as Partial<AuditRecord>);
      if (typeof record !== 'object' || record === null || !Number.isInteger(record.seq)) throw new Error('no seq');
    } catch {
      const seq = expected ?? 0;
      this.fail({ reason: 'UNREADABLE_RECORD', seq, message: `the record after seq ${seq - 1} is not a readable audit record` });
      return;
    }
    const seq = record.seq as number;
    const stored = String(record.hash);
    const about = pick(record);
    if (record.workspaceId !== this.options.workspaceId) {
      this.fail({ reason: 'WRONG_WORKSPACE', seq, ...about, message: `seq ${seq} belongs to workspace "${String(record.workspaceId)}", not to this chain` });
    } else if (expected !== null && seq < expected) {
      const outOfOrder: ChainBreak = { reason: 'OUT_OF_ORDER', seq, ...about, message: `seq ${seq} comes after seq ${expected - 1}: an entry was inserted, duplicated or moved` };
      // A position first seen as missing that turns up later was moved, not removed.
      if (this.broken?.reason === 'ENTRIES_MISSING' && this.broken.seq === seq) this.broken = outOfOrder;
      else this.fail(outOfOrder);
    } else if (expected !== null && seq > expected) {
      const gap = seq - 1 === expected ? `seq ${expected} is` : `seq ${expected}–${seq - 1} are`;
      this.fail({ reason: 'ENTRIES_MISSING', seq: expected, message: `${gap} missing before entry ${about.eventId ?? '?'} (seq ${seq})` });
    } else if (expected === null && seq !== 1 && !this.options.trustFirstLink) {
      this.fail({ reason: 'ENTRIES_MISSING', seq: 1, message: `the chain starts at seq ${seq}: seq 1–${seq - 1} are missing` });
    } else if (hashRecord(record) !== stored) {
      this.fail({ reason: 'RECORD_ALTERED', seq, ...about, message: `entry ${about.eventId ?? '?'} (seq ${seq}) no longer matches its hash: its content was changed` });
    } else {
      const linkTo = this.previous ? this.previous.hash : seq === 1 ? GENESIS_HASH : null;
      if (linkTo !== null && record.prevHash !== linkTo) {
        this.fail({ reason: 'BROKEN_LINK', seq, ...about, message: `entry ${about.eventId ?? '?'} (seq ${seq}) does not link to the entry before it: entries were replaced or reordered` });
      }
    }
    const { head, anchor } = this.options;
    if (head && seq === head.seq && this.headSeen === undefined) {
      this.headSeen = true;
      if (stored !== head.hash) this.fail({ reason: 'HEAD_MISMATCH', seq, ...about, message: `the entry at seq ${seq} is not the one the chain head names: the chain was rewritten` });
    }
    if (anchor && seq === anchor.seq && this.anchorState === undefined) {
      this.anchorState = stored === anchor.hash ? 'matched' : 'broken';
      if (this.anchorState === 'broken') {
        this.fail({ reason: 'ANCHOR_MISMATCH', seq, ...about, message: `the entry at seq ${seq} is not the one the published head names: the chain was rewritten` });
      }
    }
    this.previous = { seq, hash: stored };
    this.firstRecord ??= { seq, hash: stored };
  }

  /**
   * Ends the check. `reachedEnd`: the records streamed in ran to the end of
   * the stored chain, so a head (or anchor) beyond the last record means the
   * newest entries were removed.
   */
  finish(options: { reachedEnd?: boolean } = {}): ChainReport {
    const last = this.previous;
    const { head, anchor } = this.options;
    if (options.reachedEnd && head && head.seq > 0 && this.headSeen === undefined && (last?.seq ?? 0) < head.seq) {
      const seq = (last?.seq ?? 0) + 1;
      const named = seq === head.seq && head.eventId ? head.eventId : undefined;
      this.fail({
        reason: 'TAIL_MISSING',
        seq,
        eventId: named,
        message: `the chain ends at seq ${seq - 1} but its head is at seq ${head.seq}: the newest entries${named ? ` (entry ${named})` : ''} were removed`,
      });
    }
    if (anchor && this.anchorState === undefined && options.reachedEnd && (last?.seq ?? 0) < anchor.seq) {
      this.anchorState = 'broken';
      const seq = (last?.seq ?? 0) + 1;
      this.fail({
        reason: 'ANCHOR_MISMATCH',
        seq,
        eventId: seq === anchor.seq && anchor.eventId ? anchor.eventId : undefined,
        message: last
          ? `the chain ends at seq ${last.seq}, before the published head at seq ${anchor.seq}: the newest entries were removed`
          : `the chain is empty, but a head at seq ${anchor.seq} was published: every entry was removed`,
      });
    }
    return {
      ok: this.broken === undefined,
      checked: this.checked,
      first: this.firstRecord,
      last,
      ...(this.broken ? { firstBrokenEntry: this.broken } : {}),
      ...(anchor ? { anchor: this.anchorState ?? 'not-in-range' } : {}),
    };
  }

  private fail(found: ChainBreak): void {
    if (this.broken === undefined || found.seq < this.broken.seq) this.broken = found;
  }
}
