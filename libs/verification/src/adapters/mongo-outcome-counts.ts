import type { VerificationCode } from '@pxxl/contracts';
import { randomBytes } from 'node:crypto';
import type { Collection, Connection } from 'mongoose';
import type { OutcomeCounter } from '../steps/outcome-counter';

/** Verification outcomes per key, day and process (libs/verification owns it). */
export const KEY_VERIFICATION_COUNTS_COLLECTION = 'key_verification_counts';
/** Days of counts kept. */
export const OUTCOME_RETENTION_DAYS = 90;

interface CountsDoc {
  /** `<keyId>:<day>:<process>`: one writer per document (FerretDB v1 applies no update atomically). */
  _id: string;
  keyId: string;
  /** UTC `YYYY-MM-DD`. */
  day: string;
  counts: Partial<Record<VerificationCode, number>>;
}

export interface DayCounts {
  day: string;
  counts: Partial<Record<VerificationCode, number>>;
}

const MAX_PENDING = 50_000;

/**
 * Counts in memory, written every `flushIntervalMs` as one `$inc` per key and
 * day into a document of this process alone, so nothing is written on a
 * verification's path and no two writers share a document. Bounded: a burst
 * of distinct keys flushes early; days past the retention are swept.
 */
export class MongoOutcomeCounts implements OutcomeCounter {
  private readonly counts: Collection<CountsDoc>;
  private readonly process = randomBytes(6).toString('hex');
  private pending = new Map<string, { keyId: string; day: string; counts: Partial<Record<VerificationCode, number>> }>();
  private timer: NodeJS.Timeout | null = null;
  private dayStart = 0;
  private day = '';
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    connection: Connection,
    private readonly flushIntervalMs = 10_000,
  ) {
    this.counts = connection.collection<CountsDoc>(KEY_VERIFICATION_COUNTS_COLLECTION);
  }

  count(keyId: string, code: VerificationCode, at: number): void {
    const day = this.dayOf(at);
    const id = `${keyId}:${day}`;
    let entry = this.pending.get(id);
    if (!entry) {
      entry = { keyId, day, counts: {} };
      this.pending.set(id, entry);
      if (this.pending.size >= MAX_PENDING) void this.flush();
    }
    entry.counts[code] = (entry.counts[code] ?? 0) + 1;
    this.timer ??= setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, this.flushIntervalMs).unref();
  }

  /** Writes what is counted so far; a failed write keeps the counts for the next flush. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(() => this.write()).catch(() => undefined);
    return this.flushing;
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.flush();
  }

  /** A key's counts per day from `fromDay` on, summed over every process. */
  async read(keyId: string, fromDay: string): Promise<DayCounts[]> {
    const docs = await this.counts.find({ keyId, day: { $gte: fromDay } }).toArray();
    const byDay = new Map<string, Partial<Record<VerificationCode, number>>>();
    for (const doc of docs) {
      const sum = byDay.get(doc.day) ?? {};
      for (const [code, n] of Object.entries(doc.counts) as Array<[VerificationCode, number]>) sum[code] = (sum[code] ?? 0) + n;
      byDay.set(doc.day, sum);
    }
    return [...byDay.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([day, counts]) => ({ day, counts }));
  }

  async sweep(now: number): Promise<number> {
    const cutoff = new Date(now - OUTCOME_RETENTION_DAYS * 86_400_000).toISOString().slice(0, 10);
    return (await this.counts.deleteMany({ day: { $lt: cutoff } })).deletedCount;
  }

  private async write(): Promise<void> {
    const batch = this.pending;
    this.pending = new Map();
    const failed: typeof batch = new Map();
    for (const [id, entry] of batch) {
      const inc = Object.fromEntries(Object.entries(entry.counts).map(([code, n]) => [`counts.${code}`, n]));
      try {
        await this.counts.updateOne(
          { _id: `${id}:${this.process}` },
          { $inc: inc, $setOnInsert: { keyId: entry.keyId, day: entry.day } },
          { upsert: true },
        );
      } catch {
        failed.set(id, entry);
      }
    }
    // Counted again next time rather than lost (merged with what came in meanwhile).
    for (const [id, entry] of failed) {
      const current = this.pending.get(id);
      if (!current) this.pending.set(id, entry);
      else for (const [code, n] of Object.entries(entry.counts) as Array<[VerificationCode, number]>) current.counts[code] = (current.counts[code] ?? 0) + n;
    }
  }

  private dayOf(at: number): string {
    if (at < this.dayStart || at >= this.dayStart + 86_400_000) {
      this.dayStart = Math.floor(at / 86_400_000) * 86_400_000;
      this.day = new Date(this.dayStart).toISOString().slice(0, 10);
    }
    return this.day;
  }
}

/** Successful verifications per key since `fromDay`, summed over every process (one read for the lot; the review report's evidence). */
export async function validCountsSince(connection: Connection, keyIds: readonly string[], fromDay: string): Promise<Map<string, number>> {
  if (keyIds.length === 0) return new Map();
  const docs = await connection
    .collection<CountsDoc>(KEY_VERIFICATION_COUNTS_COLLECTION)
    .find({ keyId: { $in: [...keyIds] }, day: { $gte: fromDay } })
    .toArray();
  const totals = new Map<string, number>(keyIds.map((id) => [id, 0]));
  for (const doc of docs) totals.set(doc.keyId, (totals.get(doc.keyId) ?? 0) + (doc.counts.VALID ?? 0));
  return totals;
}
