import { Query } from '@nestjs/cqrs';
import type { Verdict } from '@pxxl/contracts';

export class VerifyKeyQuery extends Query<Verdict> {
  constructor(
    readonly token: string,
    readonly requiredScopes: string[] = [],
    /** The requesting address, as the HTTP edge trusts it (TRUSTED_PROXIES). */
    readonly source?: string,
    /** The address the key is presented from (the request's `clientIp`), for a key's IP allow-list. */
    readonly clientIp?: string,
  ) {
    super();
  }
}
