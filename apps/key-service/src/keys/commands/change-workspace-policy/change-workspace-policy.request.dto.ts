import { CATALOG_SCOPE_PATTERN, LIMIT_BOUNDS } from '@pxxl/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { BodyRequired, IsOmittable } from '@pxxl/http';
import { RateLimitDto } from '../../http/key-limits.dto';

/** PUT semantics: the policy as a whole; a field left out takes its default. The domain checks the ranges. */
@BodyRequired()
export class WorkspacePolicyRequestDto {
  @ApiPropertyOptional({ type: 'integer', example: 90, description: '1–3650; default 365' })
  @IsOmittable()
  @IsInt()
  maxLifetimeDays?: number;

  @ApiPropertyOptional({ type: Boolean, example: false, description: 'default false' })
  @IsOmittable()
  @IsBoolean()
  allowNonExpiring?: boolean;

  @ApiPropertyOptional({ type: 'integer', example: 86400, description: '0–2592000 (30 days); default 604800 (7 days)' })
  @IsOmittable()
  @IsInt()
  maxGracePeriodSeconds?: number;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 200,
    items: { type: 'string', maxLength: 200, pattern: CATALOG_SCOPE_PATTERN.source },
    example: ['api_keys:read', 'api_keys:write', 'cdn:upload:web', 'usage:read'],
    nullable: true,
    description: 'the most any key may hold (matched like grants); null or absent: the whole catalog; must keep api_keys:read and api_keys:write',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(200)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  scopeAllowList?: string[] | null;

  @ApiPropertyOptional({ type: Boolean, example: true, description: 'new keys must name an `owner`; default false' })
  @IsOmittable()
  @IsBoolean()
  requireOwner?: boolean;

  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'integer', minimum: 1, maximum: 365 },
    maxItems: 5,
    uniqueItems: true,
    example: [30, 7, 1],
    description: 'days before expiry a KeyExpiring notice is due: distinct, 1–365, at most 5, stored sorted descending; default [14, 1]',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(5)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(365, { each: true })
  expiryNoticeDays?: number[];

  @ApiPropertyOptional({
    type: RateLimitDto,
    nullable: true,
    description: 'the loosest rate limit a key may get (no bigger limit, no higher average rate); set: every new key needs one; null or absent: no maximum',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => RateLimitDto)
  maxRateLimit?: RateLimitDto | null;

  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: LIMIT_BOUNDS.usage.maxLimit,
    nullable: true,
    example: 100000,
    description: 'the most a usage quota may grant (limit and refill amount); set: every new key needs a quota; null or absent: no maximum',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(LIMIT_BOUNDS.usage.maxLimit)
  maxUsageLimit?: number | null;

  @ApiPropertyOptional({ type: Boolean, example: false, description: 'every new key must carry an IP allow-list; default false' })
  @IsOmittable()
  @IsBoolean()
  requireAllowedIps?: boolean;
}
