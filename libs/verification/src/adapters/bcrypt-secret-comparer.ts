import { newSecret } from '@pxxl/contracts';
import * as bcrypt from 'bcrypt';
import type { SecretComparer } from '../steps/compare-secret';

/** The compare step with bcrypt; an unknown key id is compared against a dummy hash of the keys' cost. */
export class BcryptSecretComparer implements SecretComparer {
  private dummyHash: Promise<string>;

  constructor(bcryptCost: number) {
    this.dummyHash = bcrypt.hash(newSecret(), bcryptCost);
  }

  matches(secret: string, hash: string): Promise<boolean> {
    return bcrypt.compare(secret, hash);
  }

  async spendOne(secret: string): Promise<void> {
    await bcrypt.compare(secret, await this.dummyHash);
  }
}
