import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { toAttestation, type Attestation } from '../shared/attestation';
import { ReviewLoader } from '../shared/review-loader';
import { GetAttestationQuery } from './get-attestation.query';

/** A signed-off review's attestation: a function of its events, so the same document every time. */
@QueryHandler(GetAttestationQuery)
export class GetAttestationHandler implements IQueryHandler<GetAttestationQuery, Attestation> {
  constructor(private readonly reviews: ReviewLoader) {}

  async execute(query: GetAttestationQuery): Promise<Attestation> {
    return toAttestation(await this.reviews.load(query.workspaceId, query.reviewId));
  }
}
