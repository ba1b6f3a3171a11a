import { Query } from '@nestjs/cqrs';
import type { Verdict } from '@pxxl/contracts';

export class VerifyKeyQuery extends Query<Verdict> {
  constructor(
    readonly token: string,
    readonly requiredScopes: string[] = [],
    /** The caller's address, as the HTTP edge trusts it (TRUSTED_PROXIES). */
    readonly source?: string,
  ) {
    super();
  }
}
