import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CIDR_PATTERN, LIMIT_BOUNDS, type KeyLimits } from '@pxxl/contracts';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, ValidateNested } from 'class-validator';

// Shared by create (POST /v1/keys) and update (PATCH /v1/keys/{id}): the limits a key carries
// (docs/limits.md). Shape checks only; the domain checks ranges and CIDRs (domain/key-limits.ts).

export class RateLimitDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMIT_BOUNDS.rateLimit.maxLimit, example: 100, description: 'VALID answers per window' })
  @IsInt()
  @Min(1)
  @Max(LIMIT_BOUNDS.rateLimit.maxLimit)
  limit!: number;

  @ApiProperty({ type: 'integer', minimum: LIMIT_BOUNDS.rateLimit.minWindowSeconds, maximum: LIMIT_BOUNDS.rateLimit.maxWindowSeconds, example: 60, description: 'the window, in seconds' })
  @IsInt()
  @Min(LIMIT_BOUNDS.rateLimit.minWindowSeconds)
  @Max(LIMIT_BOUNDS.rateLimit.maxWindowSeconds)
  windowSeconds!: number;
}

export class RefillDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMIT_BOUNDS.usage.maxLimit, example: 1000, description: 'credits each later period starts with' })
  @IsInt()
  @Min(1)
  @Max(LIMIT_BOUNDS.usage.maxLimit)
  amount!: number;

  @ApiProperty({ enum: ['day', 'month'], description: 'UTC calendar day or month' })
  @IsIn(['day', 'month'])
  interval!: 'day' | 'month';
}

export class UsageQuotaDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMIT_BOUNDS.usage.maxLimit, example: 10000, description: 'successful verifications allowed: in total, or in the first period with `refill`' })
  @IsInt()
  @Min(1)
  @Max(LIMIT_BOUNDS.usage.maxLimit)
  limit!: number;

  @ApiPropertyOptional({ type: RefillDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => RefillDto)
  refill?: RefillDto | null;
}

export const RateLimitProperty = () =>
  applyDecorators(
    ApiPropertyOptional({ type: RateLimitDto, nullable: true, description: 'at most `limit` VALID answers per `windowSeconds`; null lifts it' }),
    IsOptional(),
    ValidateNested(),
    Type(() => RateLimitDto),
  );

export const UsageQuotaProperty = () =>
  applyDecorators(
    ApiPropertyOptional({ type: UsageQuotaDto, nullable: true, description: 'at most `limit` VALID answers in all (or per refill period); null lifts it' }),
    IsOptional(),
    ValidateNested(),
    Type(() => UsageQuotaDto),
  );

export const AllowedIpsProperty = () =>
  applyDecorators(
    ApiPropertyOptional({
      type: 'array',
      nullable: true,
      minItems: 1,
      maxItems: LIMIT_BOUNDS.allowedIps.maxEntries,
      items: { type: 'string', maxLength: 49, pattern: CIDR_PATTERN },
      example: ['10.0.0.0/8', '2001:db8::/32'],
      description: 'IPv4/IPv6 CIDRs the key may be presented from, host bits zero (INVALID_LIMIT otherwise); null: any address',
    }),
    IsOptional(),
    IsArray(),
    ArrayMaxSize(LIMIT_BOUNDS.allowedIps.maxEntries),
    IsString({ each: true }),
    MaxLength(49, { each: true }),
  );

/** The limits a request body names: a field absent keeps (or, on create, does not set) that limit. */
export function limitsOf(body: { rateLimit?: RateLimitDto | null; usage?: UsageQuotaDto | null; allowedIps?: string[] | null }): Partial<KeyLimits> {
  const limits: Partial<KeyLimits> = {};
  if (body.rateLimit !== undefined) limits.rateLimit = body.rateLimit === null ? null : { limit: body.rateLimit.limit, windowSeconds: body.rateLimit.windowSeconds };
  if (body.usage !== undefined) {
    limits.usage = body.usage === null ? null : { limit: body.usage.limit, refill: body.usage.refill ? { amount: body.usage.refill.amount, interval: body.usage.refill.interval } : null };
  }
  if (body.allowedIps !== undefined) limits.allowedIps = body.allowedIps;
  return limits;
}
