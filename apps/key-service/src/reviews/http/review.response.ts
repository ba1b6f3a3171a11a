import { ApiProperty } from '@nestjs/swagger';

/** The answer shapes of the review routes (OpenAPI); the values are the query side's views (queries/shared). */
const NULLABLE_STRING = { nullable: true, type: String } as const;

export class ReviewerResponse {
  @ApiProperty({ example: 'Sec0Reviewer0001' }) keyId!: string;
  @ApiProperty({ ...NULLABLE_STRING, example: 'team:security' }) owner!: string | null;
}

export class CheckpointResponse {
  @ApiProperty({ type: 'integer', example: 12 }) size!: number;
  @ApiProperty() signedAt!: string;
  @ApiProperty({ description: 'the C2SP signed note, exactly as the audit app serves it' }) note!: string;
}

export class SignOffResponse {
  @ApiProperty({ type: ReviewerResponse }) by!: ReviewerResponse;
  @ApiProperty() at!: string;
  @ApiProperty({ type: CheckpointResponse, nullable: true }) checkpoint!: CheckpointResponse | null;
}

export class ReviewProgressResponse {
  @ApiProperty({ type: 'integer' }) keys!: number;
  @ApiProperty({ type: 'integer' }) decided!: number;
  @ApiProperty({ type: 'integer' }) done!: number;
}

export class KeySnapshotResponse {
  @ApiProperty() keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty(NULLABLE_STRING) owner!: string | null;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty(NULLABLE_STRING) lastUsedAt!: string | null;
  @ApiProperty(NULLABLE_STRING) expiresAt!: string | null;
  @ApiProperty({ type: 'integer' }) version!: number;
}

export class DecisionResponse {
  @ApiProperty({ enum: ['keep', 'rotate', 'revoke', 'shorten-expiry', 'reassign'] }) decision!: string;
  @ApiProperty(NULLABLE_STRING) justification!: string | null;
  @ApiProperty(NULLABLE_STRING) expiresAt!: string | null;
  @ApiProperty(NULLABLE_STRING) owner!: string | null;
  @ApiProperty({ type: ReviewerResponse }) reviewer!: ReviewerResponse;
  @ApiProperty() decidedAt!: string;
  @ApiProperty({ description: 'the KeyReviewed event (an audit trail entry)' }) eventId!: string;
}

export class FollowUpResponse {
  @ApiProperty() eventId!: string;
  @ApiProperty({ example: 'KeyRevoked' }) type!: string;
  @ApiProperty({ type: 'integer' }) keyVersion!: number;
  @ApiProperty() appliedAt!: string;
}

/** What a review shows of every key: who owns it, what it may do, when it was used, when it ends. */
export class KeyFactsResponse {
  @ApiProperty() keyId!: string;
  @ApiProperty() name!: string;
  @ApiProperty(NULLABLE_STRING) owner!: string | null;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty(NULLABLE_STRING) lastUsedAt!: string | null;
  @ApiProperty(NULLABLE_STRING) expiresAt!: string | null;
}

export class ReviewKeyResponse extends KeyFactsResponse {
  @ApiProperty({ enum: ['active', 'expired', 'revoked', 'deleted', 'missing'], description: 'the key’s status now' }) status!: string;
  @ApiProperty({ type: KeySnapshotResponse, description: 'the key as the review froze it when it opened' }) snapshot!: KeySnapshotResponse;
  @ApiProperty({ type: DecisionResponse, nullable: true }) decision!: DecisionResponse | null;
  @ApiProperty({ description: 'decided, and (for a change) carried out' }) done!: boolean;
  @ApiProperty({ type: FollowUpResponse, nullable: true }) followUp!: FollowUpResponse | null;
}

export class ReviewSummaryResponse {
  @ApiProperty({ example: 'Rv7Qm2xK9pLs4TbN' }) id!: string;
  @ApiProperty() workspaceId!: string;
  @ApiProperty({ example: 'Q4 2026 key review' }) title!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty(NULLABLE_STRING) owner!: string | null;
  @ApiProperty(NULLABLE_STRING) scope!: string | null;
  @ApiProperty({ enum: ['open', 'signed-off'] }) status!: string;
  @ApiProperty() openedAt!: string;
  @ApiProperty() openedBy!: string;
  @ApiProperty({ type: 'integer', description: 'also the ETag; send it as If-Match' }) version!: number;
  @ApiProperty({ type: ReviewProgressResponse }) progress!: ReviewProgressResponse;
  @ApiProperty({ type: SignOffResponse, nullable: true }) signOff!: SignOffResponse | null;
}

export class ReviewResponse extends ReviewSummaryResponse {
  @ApiProperty({ type: [ReviewKeyResponse] }) keys!: ReviewKeyResponse[];
  @ApiProperty({ type: [KeySnapshotResponse], description: 'active keys in scope created after the review opened: listed, not reviewed here' })
  newSinceOpened!: KeySnapshotResponse[];
}

export class ReviewListResponse {
  @ApiProperty({ type: [ReviewSummaryResponse] }) items!: ReviewSummaryResponse[];
}

export class AppliedOutcomeResponse {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['rotate', 'revoke', 'shorten-expiry', 'reassign'] }) decision!: string;
  @ApiProperty({ enum: ['applied', 'skipped', 'failed'] }) outcome!: string;
  @ApiProperty(NULLABLE_STRING) followUpEventId!: string | null;
  @ApiProperty(NULLABLE_STRING) followUpEventType!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, description: 'a rotated key’s new token: shown in this response only' }) key!: string | null;
  @ApiProperty({ ...NULLABLE_STRING, example: 'ACTION_NOT_AVAILABLE' }) code!: string | null;
  @ApiProperty(NULLABLE_STRING) message!: string | null;
}

export class ApplyReviewResponse {
  @ApiProperty({ type: [AppliedOutcomeResponse] }) results!: AppliedOutcomeResponse[];
  @ApiProperty({ type: ReviewSummaryResponse }) review!: ReviewSummaryResponse;
}

export class AttestedKeyResponse extends KeyFactsResponse {
  @ApiProperty({ enum: ['keep', 'rotate', 'revoke', 'shorten-expiry', 'reassign'] }) decision!: string;
  @ApiProperty(NULLABLE_STRING) justification!: string | null;
  @ApiProperty(NULLABLE_STRING) newExpiresAt!: string | null;
  @ApiProperty(NULLABLE_STRING) newOwner!: string | null;
  @ApiProperty({ type: ReviewerResponse }) decidedBy!: ReviewerResponse;
  @ApiProperty() decidedAt!: string;
  @ApiProperty() decisionEventId!: string;
  @ApiProperty({ type: FollowUpResponse, nullable: true }) followUp!: FollowUpResponse | null;
}

export class AttestedReviewResponse {
  @ApiProperty() id!: string;
  @ApiProperty() title!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty(NULLABLE_STRING) owner!: string | null;
  @ApiProperty(NULLABLE_STRING) scope!: string | null;
  @ApiProperty() openedAt!: string;
  @ApiProperty() openedBy!: string;
}

export class PeriodResponse {
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}

export class AttestedSignOffResponse {
  @ApiProperty({ type: ReviewerResponse }) by!: ReviewerResponse;
  @ApiProperty() at!: string;
  @ApiProperty() eventId!: string;
}

export class AttestationResponse {
  @ApiProperty({ example: 'pxxl-keys/review-attestation/v1' }) format!: string;
  @ApiProperty() workspaceId!: string;
  @ApiProperty({ type: AttestedReviewResponse }) review!: AttestedReviewResponse;
  @ApiProperty({ type: PeriodResponse }) period!: PeriodResponse;
  @ApiProperty({ type: [AttestedKeyResponse] }) keys!: AttestedKeyResponse[];
  @ApiProperty({ type: AttestedSignOffResponse }) signOff!: AttestedSignOffResponse;
  @ApiProperty({ type: CheckpointResponse, nullable: true }) checkpoint!: CheckpointResponse | null;
}
