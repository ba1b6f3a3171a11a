import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import type { KeyView } from '@pxxl/key-read-model';
import { MongoCreditLedger, remainingCredits } from '@pxxl/verification';
import type { Connection } from 'mongoose';
import type { CreditBalance } from '../ports';

/** Reads the credit ledger the verification pipeline spends from: one read per key that has a quota. */
@Injectable()
export class LedgerCreditBalance implements CreditBalance {
  private readonly ledger: MongoCreditLedger;

  constructor(@InjectConnection() connection: Connection) {
    this.ledger = new MongoCreditLedger(connection);
  }

  async remaining(views: KeyView[], now: Date): Promise<Map<string, number>> {
    const withQuota = views.filter((view) => view.usage && view.credits);
    const remaining = await Promise.all(withQuota.map((view) => remainingCredits(this.ledger, view._id, view, now)));
    return new Map(withQuota.map((view, i) => [view._id, remaining[i] ?? 0]));
  }
}
