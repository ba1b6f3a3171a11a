import { isDuplicateKeyError } from '@pxxl/mongo';
import type { Collection, Connection } from 'mongoose';
import type { CreditLedger, CreditRange } from '../steps/credit-ledger';

/** Credit ranges of rate limits and quotas (libs/verification owns it). */
export const KEY_CREDIT_LEASES_COLLECTION = 'key_credit_leases';

interface LeaseDoc {
  /** `<scope>#b<n>` a block taken, `<scope>#c<start>` a range taken, `<scope>#r<start>` a range given back. */
  _id: string;
  scope: string;
  kind: 'block' | 'taken' | 'givenBack';
  start: number;
  end: number;
  /** When the scope's window or period is long over; null: never (a quota without refill). */
  expiresAt: Date | null;
}

const SWEEP_EVERY_MS = 5 * 60_000;

/**
 * The credit ledger on MongoDB / FerretDB v1: every hand-out is an insert of
 * a deterministic `_id`, so two processes racing for one range collide and
 * exactly one gets it (FerretDB v1 has no atomic conditional update; an
 * `_id` collision is atomic on both). Reads by `scope` happen only when a
 * process has run out of fresh blocks, and for the management API's
 * `remaining`. Expired scopes are swept in the background (no TTL index on FerretDB).
 */
export class MongoCreditLedger implements CreditLedger {
  private readonly leases: Collection<LeaseDoc>;
  private sweeper: NodeJS.Timeout | null = null;
  private indexed: Promise<unknown> | null = null;

  constructor(connection: Connection, private readonly now: () => number = Date.now) {
    this.leases = connection.collection<LeaseDoc>(KEY_CREDIT_LEASES_COLLECTION);
  }

  takeBlock(scope: string, n: number, range: CreditRange, expiresAt: Date | null): Promise<boolean> {
    return this.insert({ _id: `${scope}#b${n}`, scope, kind: 'block', ...range, expiresAt });
  }

  takeRange(scope: string, range: CreditRange, expiresAt: Date | null): Promise<boolean> {
    return this.insert({ _id: `${scope}#c${range.start}`, scope, kind: 'taken', ...range, expiresAt });
  }

  async giveBack(scope: string, range: CreditRange, expiresAt: Date | null): Promise<void> {
    await this.insert({ _id: `${scope}#r${range.start}`, scope, kind: 'givenBack', ...range, expiresAt });
  }

  async untake(scope: string, start: number): Promise<void> {
    await this.leases.deleteOne({ _id: `${scope}#c${start}` });
  }

  async givenBack(scope: string): Promise<CreditRange[]> {
    const docs = await this.leases.find({ scope, kind: { $in: ['givenBack', 'taken'] } }).toArray();
    const taken = new Set(docs.filter((doc) => doc.kind === 'taken').map((doc) => doc.start));
    return docs.filter((doc) => doc.kind === 'givenBack' && !taken.has(doc.start)).map(({ start, end }) => ({ start, end }));
  }

  async taken(scope: string): Promise<number> {
    const docs = await this.leases.find({ scope }).toArray();
    return docs.reduce((sum, doc) => sum + (doc.kind === 'givenBack' ? -1 : 1) * (doc.end - doc.start), 0);
  }

  /** Starts the background sweep of expired scopes (the verification pipeline's owner calls it). */
  start(): void {
    this.sweeper ??= setInterval(() => void this.sweep().catch(() => undefined), SWEEP_EVERY_MS).unref();
  }

  async sweep(): Promise<number> {
    const { deletedCount } = await this.leases.deleteMany({ expiresAt: { $ne: null, $lt: new Date(this.now()) } });
    return deletedCount;
  }

  stop(): void {
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /** Created only when missing (like libs/mongo's IndexEnsurer): speed, not correctness, so a failure is ignored. */
  private async ensureScopeIndex(): Promise<void> {
    try {
      const indexes = await this.leases.listIndexes().toArray();
      if (!indexes.some((index) => index.key?.scope === 1)) await this.leases.createIndex({ scope: 1 });
    } catch {
      // no collection yet, or no rights: reads by scope scan
    }
  }

  private async insert(doc: LeaseDoc): Promise<boolean> {
    this.indexed ??= this.ensureScopeIndex();
    try {
      await this.leases.insertOne(doc);
      return true;
    } catch (error) {
      if (isDuplicateKeyError(error)) return false;
      throw error;
    }
  }
}
