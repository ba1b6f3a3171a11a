import type { CreditLedger, CreditRange } from './credit-ledger';

/** The credits of one scope that this process may hand out, and how it gets more. */
export interface PoolGrant {
  scope: string;
  /** Credits numbered `[0, grant)` come in blocks of `blockSize`. */
  grant: number;
  blockSize: number;
  /** Extra ranges beyond the grant (a quota's top-ups), taken like given-back ones. */
  extra: CreditRange[];
  expiresAt: Date | null;
}

/**
 * One scope's credits in this process: it spends from the range it holds,
 * without I/O, and takes the next range from the ledger when that one runs
 * low (ahead of time) or out (the caller waits). Never more credits are
 * spent than the ranges held, so across processes never more than the grant.
 */
export class CreditPool {
  private held: { range: CreditRange; next: number; taken: 'block' | 'range' } | null = null;
  private spare: { range: CreditRange; taken: 'block' | 'range' } | null = null;
  private nextBlock = 0;
  /** Blocks seen taken, by us or others: what `remaining` is estimated from. */
  private blocksKnown = 0;
  private refilling: Promise<boolean> | null = null;
  /** Found spent: the ledger is asked again only after this (others may give credits back). */
  private exhaustedUntil = 0;
  private closed = false;

  constructor(
    private readonly ledger: CreditLedger,
    private grant: PoolGrant,
    private readonly now: () => number = Date.now,
    private readonly recheckMs = 1000,
  ) {}

  /** The scope's grant as the key now says (a top-up adds extra ranges): found spent is forgotten. */
  update(grant: PoolGrant): void {
    if (grant.extra.length !== this.grant.extra.length || grant.grant !== this.grant.grant) this.exhaustedUntil = 0;
    this.grant = grant;
  }

  private get exhausted(): boolean {
    return this.closed || this.now() < this.exhaustedUntil;
  }

  /** Spends one credit if one is at hand now (no I/O); false: call `refill` first (or it is spent). */
  trySpend(): boolean {
    if (this.held === null || this.held.next >= this.held.range.end) {
      if (this.spare === null) return false;
      this.held = { range: this.spare.range, next: this.spare.range.start, taken: this.spare.taken };
      this.spare = null;
    }
    this.held.next++;
    // Low on credit: fetch the next range before it is needed.
    if (this.spare === null && !this.exhausted && this.held.range.end - this.held.next <= Math.ceil(this.grant.blockSize / 2)) this.refill().catch(() => undefined);
    return true;
  }

  /** Takes one more range from the ledger (single-flight); false when the scope has none left. */
  refill(): Promise<boolean> {
    if (this.spare !== null) return Promise.resolve(true);
    if (this.exhausted) return Promise.resolve(false);
    this.refilling ??= this.takeNext().finally(() => (this.refilling = null));
    return this.refilling;
  }

  /** Credits this process can still spend without asking the ledger. */
  atHand(): number {
    const held = this.held === null ? 0 : this.held.range.end - this.held.next;
    return held + (this.spare === null ? 0 : this.spare.range.end - this.spare.range.start);
  }

  /** At most this many credits are left in the scope, as far as this process has seen. */
  remainingEstimate(): number {
    if (this.exhausted) return this.atHand();
    const takenByAll = Math.min(this.grant.grant, this.blocksKnown * this.grant.blockSize);
    return Math.max(0, this.grant.grant - takenByAll) + this.atHand() + this.grant.extra.reduce((sum, r) => sum + r.end - r.start, 0);
  }

  /** Gives back what this process holds and has not spent (on shutdown). */
  async close(): Promise<void> {
    // A range being taken right now (a prefetch) is held too: wait for it, or it would be lost.
    this.closed = true;
    await this.refilling?.catch(() => undefined);
    const unused = [
      ...(this.held && this.held.next < this.held.range.end ? [{ range: { start: this.held.next, end: this.held.range.end }, whole: this.held.next === this.held.range.start, taken: this.held.taken }] : []),
      ...(this.spare ? [{ range: this.spare.range, whole: true, taken: this.spare.taken }] : []),
    ];
    this.held = this.spare = null;
    for (const { range, whole, taken } of unused) {
      if (whole && taken === 'range') await this.ledger.untake(this.grant.scope, range.start);
      else await this.ledger.giveBack(this.grant.scope, range, this.grant.expiresAt);
    }
  }

  private async takeNext(): Promise<boolean> {
    const { scope, grant, blockSize, expiresAt } = this.grant;
    // Fresh blocks first: block n is [n·size, min((n+1)·size, grant)).
    while (this.nextBlock * blockSize < grant) {
      const n = this.nextBlock++;
      const range = { start: n * blockSize, end: Math.min((n + 1) * blockSize, grant) };
      this.blocksKnown = Math.max(this.blocksKnown, n + 1);
      if (await this.ledger.takeBlock(scope, n, range, expiresAt)) return this.keep(range, 'block');
    }
    // Then what others gave back, and the scope's extra ranges (top-ups).
    const candidates = [...(await this.ledger.givenBack(scope)), ...this.grant.extra];
    for (const range of candidates) {
      if (await this.ledger.takeRange(scope, range, expiresAt)) return this.keep(range, 'range');
    }
    this.exhaustedUntil = this.now() + this.recheckMs;
    return false;
  }

  private keep(range: CreditRange, taken: 'block' | 'range'): boolean {
    if (this.held === null || this.held.next >= this.held.range.end) this.held = { range, next: range.start, taken };
    else this.spare = { range, taken };
    return true;
  }
}
