import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { BodyRequired } from '@pxxl/http';
import { OwnerProperty } from '../../http/owner.dto';
import { AllowedIpsProperty, RateLimitDto, RateLimitProperty, UsageQuotaDto, UsageQuotaProperty } from '../../http/key-limits.dto';

@BodyRequired()
export class UpdateKeyRequestDto {
  @ApiPropertyOptional({ type: String, maxLength: 1000, example: 'CDN uploader (web)', description: '1–100 characters after trimming' })
  // Absent means "keep"; null is not a name.
  @ValidateIf((body: UpdateKeyRequestDto) => body.name !== undefined)
  @IsString()
  @MaxLength(1000)
  name?: string;

  @ApiPropertyOptional({ type: String, maxLength: 5000, example: 'Owned by the web team; reviewed 2026-Q4', nullable: true, description: 'up to 500 characters after trimming; null clears it' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @RateLimitProperty()
  rateLimit?: RateLimitDto | null;

  @UsageQuotaProperty()
  usage?: UsageQuotaDto | null;

  @AllowedIpsProperty()
  allowedIps?: string[] | null;

  @OwnerProperty('a new owner (KeyOwnerChanged): a change of hands makes the key rotation due; null removes it (OWNER_REQUIRED where the policy requires one)')
  owner?: string | null;
}
