import { Query } from '@nestjs/cqrs';
import type { Attestation } from '../shared/attestation';

export class GetAttestationQuery extends Query<Attestation> {
  constructor(
    readonly workspaceId: string,
    readonly reviewId: string,
  ) {
    super();
  }
}
