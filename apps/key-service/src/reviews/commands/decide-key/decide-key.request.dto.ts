import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { REVIEW_DECISIONS, type ReviewDecision } from '@pxxl/contracts';
import { OwnerProperty } from '../../../keys';
import { BodyRequired } from '@pxxl/http';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

@BodyRequired()
export class DecideKeyRequestDto {
  @ApiProperty({ enum: REVIEW_DECISIONS, example: 'keep' })
  @IsIn(REVIEW_DECISIONS)
  decision!: ReviewDecision;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, example: 'uploads release assets; used daily', description: 'required for keep' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  justification?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, format: 'date-time', description: 'shorten-expiry only: the new, earlier expiry' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expiresAt?: string | null;

  @OwnerProperty('reassign only: the new owner')
  owner?: string | null;
}
