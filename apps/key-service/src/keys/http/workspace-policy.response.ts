import { ApiProperty } from '@nestjs/swagger';
import { RateLimitDto } from './key-limits.dto';

/** Shared by GET and PUT /v1/workspace/policy (two use cases): both answer the policy in force. */
export class WorkspacePolicyResponse {
  @ApiProperty({ example: 'default' }) workspaceId!: string;
  @ApiProperty({ example: 365 }) maxLifetimeDays!: number;
  @ApiProperty({ example: false }) allowNonExpiring!: boolean;
  @ApiProperty({ example: 604800 }) maxGracePeriodSeconds!: number;
  @ApiProperty({ nullable: true, type: [String], description: 'null: the whole catalog' }) scopeAllowList!: string[] | null;
  @ApiProperty({ example: false, description: 'new keys must name an owner' }) requireOwner!: boolean;
  @ApiProperty({ type: 'integer', isArray: true, example: [14, 1], description: 'days before expiry a KeyExpiring notice is due, latest first' }) expiryNoticeDays!: number[];
  @ApiProperty({ type: RateLimitDto, nullable: true, description: 'the loosest rate limit a key may get; null: no maximum' }) maxRateLimit!: RateLimitDto | null;
  @ApiProperty({ type: 'integer', nullable: true, description: 'the most a usage quota may grant; null: no maximum' }) maxUsageLimit!: number | null;
  @ApiProperty({ example: false, description: 'every new key must carry an IP allow-list' }) requireAllowedIps!: boolean;
  @ApiProperty({ example: 2, description: 'also the ETag; 0 while the defaults apply' }) version!: number;
  @ApiProperty({ nullable: true, type: String }) changedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'key:AdminKeyId000001' }) changedBy!: string | null;
}
