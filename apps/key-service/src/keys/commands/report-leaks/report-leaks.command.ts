import { Command } from '@nestjs/cqrs';
import type { LeakReport } from './leak-report';

export interface LeakProcessing {
  /** Tokens that named a live key, which is now revoked. */
  revoked: number;
  /** Tokens of a key that was already revoked. */
  alreadyRevoked: number;
  /** Everything else: malformed, unknown, wrong secret, dropped under load. */
  ignored: number;
}

/** Reported (possibly) leaked tokens: revoke each live key they name. Runs after the caller got its 202. */
export class ReportLeaksCommand extends Command<LeakProcessing> {
  constructor(
    /** In memory only: the tokens are checked, never stored or logged. */
    readonly reports: LeakReport[],
    readonly receivedAt: Date,
  ) {
    super();
  }
}
