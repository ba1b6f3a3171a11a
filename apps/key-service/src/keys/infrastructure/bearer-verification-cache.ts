import { Inject, Injectable } from '@nestjs/common';
import { KEY_CACHE, type KeyCache } from '@pxxl/bearer-auth';
import type { VerificationCache } from '../ports';

/** The port over libs/bearer-auth's cache. */
@Injectable()
export class BearerVerificationCache implements VerificationCache {
  constructor(@Inject(KEY_CACHE) private readonly cache: KeyCache) {}

  forget(keyId: string, version: number, revoked: boolean): void {
    this.cache.invalidateKey(keyId, { version, revoked });
  }
}
