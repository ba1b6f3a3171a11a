import type { AuditRecord, ChainHeadRef } from '@pxxl/audit-trail';

/** A claimed chain position: `_id = <workspaceId>:<seq, 12 digits>:<attempt>`, the sealed record as its canonical JSON line. */
export interface ChainLink {
  _id: string;
  workspaceId: string;
  seq: number;
  attempt: number;
  eventId: string;
  hash: string;
  line: string;
  /** Set once judged; a judgement never changes. Absent: the writer has not finished yet. */
  state?: 'committed' | 'phantom';
}

export type ChainPoint = ChainHeadRef & { eventId: string | null };

/**
 * The chain's storage. Every decision rests on an insert that collides on
 * `_id` (a position, a segment): exactly one insert of an `_id` wins, on
 * MongoDB and FerretDB v1 alike. Updates are only ever idempotent (a
 * judgement that never changes, a head that may lag), because FerretDB v1
 * does not apply a filtered update atomically.
 */
export interface ChainStore {
  headRef(workspaceId: string): Promise<ChainPoint | null>;
  allHeads(): Promise<Array<ChainPoint & { workspaceId: string }>>;
  /** How far the chain is sealed into segments, as the head says (it may lag; links are never removed). */
  sealedEnd(workspaceId: string): Promise<ChainPoint>;
  /** The claimed positions after `afterSeq`, in chain order (attempts of a position in order). */
  linksAfter(workspaceId: string, afterSeq: number, toSeq?: number): Promise<ChainLink[]>;
  /** Claims a position: answers the link, or null when another writer holds that position and attempt. */
  claim(record: AuditRecord, line: string, attempt: number): Promise<ChainLink | null>;
  /** Records a link's judgement; it is the same whoever judges, so racing writers agree. */
  judge(link: ChainLink, state: 'committed' | 'phantom'): Promise<void>;
  /** Seals 100 committed records; sealing them again changes nothing. */
  seal(workspaceId: string, segment: number, lines: string[]): Promise<void>;
  /** Moves the head forward (never back), and how far the chain is sealed when `sealed` is given. */
  advanceHead(workspaceId: string, to: ChainPoint, sealed: ChainPoint | null, at: Date): Promise<void>;
  /** One sealed record, read by its segment's `_id`; null when that segment is not sealed. */
  sealedLine(workspaceId: string, seq: number): Promise<string | null>;
  /** Sealed records of `fromSeq..toSeq`, in chain order, memory flat. */
  sealedLines(workspaceId: string, fromSeq: number, toSeq: number): AsyncIterable<{ seq: number; line: string }>;
}

export const CHAIN_STORE = 'CHAIN_STORE';
