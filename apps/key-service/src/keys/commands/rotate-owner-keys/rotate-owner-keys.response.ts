import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** Shared by both owner routes: one key's outcome. */
export class OwnerKeyOutcomeResponse {
  @ApiProperty({ example: 'k3PXrQ8yZt2mW9aB' }) keyId!: string;
  @ApiProperty({ enum: ['rotated', 'revoked', 'failed'] }) outcome!: string;
  @ApiPropertyOptional({ example: 'SCOPE_ESCALATION', description: 'with `failed`: the code the key’s own command refused with' }) code?: string;
  @ApiPropertyOptional({ description: 'with `failed`' }) message?: string;
  @ApiPropertyOptional({ description: 'with `rotated`: the new plaintext key, shown in this answer only' }) key?: string;
  @ApiPropertyOptional({ example: 'pxxl_k3PXrQ8yZt2mW9aB_Xy7Q' }) displayPrefix?: string;
  @ApiPropertyOptional({ nullable: true, type: String, example: 'team:platform', description: 'with `rotated`: the owner after the call' }) owner?: string | null;
  @ApiPropertyOptional({ example: 4 }) version?: number;
  @ApiPropertyOptional({ example: 3600 }) gracePeriodSeconds?: number;
  @ApiPropertyOptional({ nullable: true, type: String }) previousSecretValidUntil?: string | null;
  @ApiPropertyOptional({ enum: ['verifiable', 'pending'] }) consistency?: string;
}

export class OwnerKeysResponse {
  @ApiProperty({ example: 'team:payments' }) owner!: string;
  @ApiProperty({ type: [OwnerKeyOutcomeResponse], description: 'one item per active key of the owner the call acted on; empty when none is left' })
  results!: OwnerKeyOutcomeResponse[];
}
