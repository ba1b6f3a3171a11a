/**
 * The port of the credit steps (rate limit, usage quota): a ledger of credit
 * ranges in a scope (`r:<keyId>:<windowStart>` or `q:<keyId>:<epoch>:<period>`),
 * handed out by inserts that collide on `_id`, the one atomic write MongoDB
 * and FerretDB v1 share. A range is a run of credit numbers `[start, end)`:
 * whoever inserts its id first holds it, so no credit is ever held twice.
 */
export interface CreditRange {
  start: number;
  end: number;
}

export interface CreditLedger {
  /** Takes block `n` of a scope (`[start, end)`); false when another holder has it. */
  takeBlock(scope: string, n: number, range: CreditRange, expiresAt: Date | null): Promise<boolean>;
  /** Takes a range someone gave back (or a top-up) starting at `start`; false when another holder has it. */
  takeRange(scope: string, range: CreditRange, expiresAt: Date | null): Promise<boolean>;
  /** Gives back the unused tail of a range, for others to take. */
  giveBack(scope: string, range: CreditRange, expiresAt: Date | null): Promise<void>;
  /** Undoes `takeRange` of a range left wholly unused: it is free to take again. */
  untake(scope: string, start: number): Promise<void>;
  /** The ranges given back in a scope that nobody holds now. */
  givenBack(scope: string): Promise<CreditRange[]>;
  /** Credits of a scope handed to some process so far (spent or held), net of what was given back. */
  taken(scope: string): Promise<number>;
}
