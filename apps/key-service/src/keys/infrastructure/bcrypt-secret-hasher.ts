import type { HistogramCell, Metrics } from '@pxxl/observability';
import * as bcrypt from 'bcrypt';
import type { SecretHasher } from '../ports';

/** bcrypt's async API runs on the libuv pool, off the event loop. Timed in pxxl_keys_bcrypt_hash_duration_seconds when the app has metrics. */
export class BcryptSecretHasher implements SecretHasher {
  private readonly duration?: HistogramCell;

  constructor(
    private readonly cost: number,
    metrics?: Metrics,
  ) {
    this.duration = metrics?.hotHistogram('bcryptHash').bind();
  }

  async hash(secret: string): Promise<string> {
    const started = performance.now();
    try {
      return await bcrypt.hash(secret, this.cost);
    } finally {
      this.duration?.observe((performance.now() - started) / 1000);
    }
  }
}
