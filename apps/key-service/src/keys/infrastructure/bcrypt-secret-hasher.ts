import * as bcrypt from 'bcrypt';
import type { SecretHasher } from '../ports';

/** bcrypt's async API runs on the libuv pool, off the event loop. */
export class BcryptSecretHasher implements SecretHasher {
  constructor(private readonly cost: number) {}

  hash(secret: string): Promise<string> {
    return bcrypt.hash(secret, this.cost);
  }
}
