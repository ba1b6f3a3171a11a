import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { CreateKeyResult } from '../commands/create-key/create-key.result';
import type { KeyCommandResult } from '../commands/shared/key-command.result';
import { etag } from './key-route';
import { RateLimitDto, UsageQuotaDto } from './key-limits.dto';

/**
 * Shared by several routes: the answer shapes more than one use case gives (errors, a key, a new
 * secret, a change), and their mappers. A shape one route alone answers lives in its use case's folder.
 */
export class ErrorResponse {
  @ApiProperty({ example: 'KEY_ALREADY_REVOKED' }) code!: string;
  @ApiProperty({ example: 'the key is already revoked' }) message!: string;
  @ApiProperty({ type: 'object', additionalProperties: true, example: { keyId: 'k3PXrQ8yZt2mW9aB' } }) details!: Record<string, unknown>;
}

export class KeyResponse {
  @ApiProperty({ example: 'k3PXrQ8yZt2mW9aB' }) id!: string;
  @ApiProperty({ example: 'default' }) workspaceId!: string;
  @ApiProperty({ example: 'CDN uploader' }) name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty({ example: ['cdn:upload'] }) scopes!: string[];
  @ApiProperty({ enum: ['active', 'expired', 'revoked', 'deleted'] }) status!: string;
  @ApiProperty({ example: 'pxxl_k3PXrQ8yZt2mW9aB_Xy7Q', description: 'recognisable, never usable' }) displayPrefix!: string;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ example: 'key:AdminKeyId000001', description: '`key:<keyId>` of the creator, or `system`' }) createdBy!: string;
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'updated at most once a minute' }) lastUsedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) rotatedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) revokedReason!: string | null;
  @ApiProperty({ nullable: true, type: RateLimitDto, description: 'docs/limits.md' }) rateLimit!: RateLimitDto | null;
  @ApiProperty({ nullable: true, type: () => UsageResponse }) usage!: UsageResponse | null;
  @ApiProperty({ nullable: true, type: [String], example: ['10.0.0.0/8'] }) allowedIps!: string[] | null;
  @ApiProperty({ nullable: true, type: String, example: 'team:payments', description: 'who answers for the key (docs/api.md#owners)' }) owner!: string | null;
  @ApiProperty({ description: 'true after a change of owner, until the key is rotated' }) rotationDue!: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['OWNER_CHANGED'], description: 'why it is due; null when not due' }) rotationDueReason!: 'OWNER_CHANGED' | null;
  @ApiProperty({ nullable: true, type: String, description: 'since when (the first change of owner since the last rotation); null when not due' }) rotationDueSince!: string | null;
  @ApiProperty({ example: 3, description: 'also the ETag; send it as If-Match' }) version!: number;
}

export class UsageResponse extends UsageQuotaDto {
  @ApiProperty({ nullable: true, type: Number, description: 'credits of the current period not yet handed to a key-service instance' }) remaining!: number | null;
}

export class KeyCreatedResponse {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'the plaintext key: shown in this response only, never again' }) key!: string;
  @ApiProperty() workspaceId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ nullable: true, type: String }) description!: string | null;
  @ApiProperty() scopes!: string[];
  @ApiProperty({ nullable: true, type: String }) expiresAt!: string | null;
  @ApiProperty() createdAt!: string;
  @ApiProperty() createdBy!: string;
  @ApiProperty() displayPrefix!: string;
  @ApiProperty({ nullable: true, type: String, example: 'team:payments' }) owner!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['verifiable', 'pending'], description: '`pending` (HTTP 202): the key verifies moments later' }) consistency!: string;
}

export class KeyChangedResponse {
  @ApiProperty() id!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ enum: ['verifiable', 'pending'] }) consistency!: string;
}

/** The verify route's answer; it belongs to the verify use case and stays here until that slice takes it. */
export class VerifyResponse {
  @ApiProperty() valid!: boolean;
  @ApiProperty({ enum: ['VALID', 'MALFORMED', 'NOT_FOUND', 'REVOKED', 'EXPIRED', 'INSUFFICIENT_SCOPE'] }) code!: string;
  @ApiPropertyOptional() keyId?: string;
  @ApiPropertyOptional() workspaceId?: string;
  @ApiPropertyOptional() scopes?: string[];
  @ApiPropertyOptional({ nullable: true, type: String }) expiresAt?: string | null;
  @ApiPropertyOptional({
    nullable: true,
    type: String,
    description: 'with VALID: when this answer stops being valid by itself (expiry, or the end of the grace period of a rotated-out secret); caches must not keep it longer',
  })
  validUntil?: string | null;
  @ApiPropertyOptional({ description: 'with VALID: the key version the answer was computed from' }) version?: number;
  @ApiPropertyOptional({ description: 'with INSUFFICIENT_SCOPE' }) missingScopes?: string[];
}

export function keyCreatedResponse(result: CreateKeyResult): KeyCreatedResponse {
  return {
    id: result.keyId,
    key: result.token,
    workspaceId: result.workspaceId,
    name: result.name,
    description: result.description,
    scopes: result.scopes,
    expiresAt: result.expiresAt,
    createdAt: result.createdAt,
    createdBy: result.createdBy,
    displayPrefix: result.displayPrefix,
    owner: result.owner,
    version: result.version,
    consistency: result.projected ? 'verifiable' : 'pending',
  };
}

/**
 * Update, revoke and delete answer this: 200 once verification reflects the change; past
 * READ_YOUR_WRITES_TIMEOUT_MS 202, consistency "pending".
 */
export function answerKeyChanged(result: KeyCommandResult, reply: FastifyReply): KeyChangedResponse {
  void reply.status(result.projected ? 200 : 202).header('ETag', etag(result.version));
  return { id: result.keyId, version: result.version, consistency: result.projected ? 'verifiable' : 'pending' };
}
