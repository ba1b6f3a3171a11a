import { Query } from '@nestjs/cqrs';
import type { VerificationResult } from '@pxxl/contracts';

export class VerifyKeyQuery extends Query<VerificationResult> {
  constructor(
    readonly token: string,
    readonly requiredScopes: string[] = [],
  ) {
    super();
  }
}
