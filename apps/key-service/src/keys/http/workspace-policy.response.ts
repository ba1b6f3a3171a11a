import { ApiProperty } from '@nestjs/swagger';

/** Shared by GET and PUT /v1/workspace/policy (two use cases): both answer the policy in force. */
export class WorkspacePolicyResponse {
  @ApiProperty({ example: 'default' }) workspaceId!: string;
  @ApiProperty({ example: 365 }) maxLifetimeDays!: number;
  @ApiProperty({ example: false }) allowNonExpiring!: boolean;
  @ApiProperty({ example: 604800 }) maxGracePeriodSeconds!: number;
  @ApiProperty({ nullable: true, type: [String], description: 'null: the whole catalog' }) scopeAllowList!: string[] | null;
  @ApiProperty({ example: 2, description: 'also the ETag; 0 while the defaults apply' }) version!: number;
  @ApiProperty({ nullable: true, type: String }) changedAt!: string | null;
  @ApiProperty({ nullable: true, type: String, example: 'key:AdminKeyId000001' }) changedBy!: string | null;
}
