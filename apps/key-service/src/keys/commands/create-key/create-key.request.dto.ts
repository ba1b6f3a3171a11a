import { CATALOG_SCOPE_PATTERN, RESOURCE_PATTERN, SCOPE_PRESETS } from '@pxxl/contracts';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { BodyRequired, IsOmittable } from '@pxxl/http';
import { OwnerProperty } from '../../http/owner.dto';
import { AllowedIpsProperty, RateLimitDto, RateLimitProperty, UsageQuotaDto, UsageQuotaProperty } from '../../http/key-limits.dto';

/** Shape checks only; the domain decides the rules (lengths after trimming, scopes and presets, expiry window). */
@BodyRequired()
export class CreateKeyRequestDto {
  @ApiProperty({ type: String, maxLength: 1000, example: 'CDN uploader', description: '1–100 characters after trimming' })
  @IsString()
  @MaxLength(1000)
  name!: string;

  @ApiPropertyOptional({ type: String, maxLength: 5000, example: 'Uploads release assets to the cdn space "web"', nullable: true, description: 'up to 500 characters after trimming' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({
    type: [String],
    minItems: 1,
    maxItems: 100,
    items: { type: 'string', maxLength: 200, pattern: CATALOG_SCOPE_PATTERN.source },
    example: ['cdn:upload:web'],
    description: '`area:action` or `area:action:<resource>` from GET /v1/scopes; merged with the preset’s; at least one scope in all',
  })
  @IsOmittable()
  @IsArray()
  @ArrayMinSize(1, { message: 'scopes must name at least one scope (or leave it out and use a preset)' })
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  scopes?: string[];

  @ApiPropertyOptional({ type: String, enum: SCOPE_PRESETS.map((preset) => preset.name), example: 'cdn-uploader', description: 'a preset from GET /v1/scopes; expanded into explicit scopes in the KeyCreated event' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  preset?: string;

  @ApiPropertyOptional({ type: String, maxLength: 200, pattern: RESOURCE_PATTERN.source, example: 'web', description: 'narrows the preset’s scopes to one resource (for cdn-uploader: a CDN space)' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  presetResource?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    nullable: true,
    // A date the default policy (365 days at most) accepts whenever the document is served.
    example: new Date(Date.now() + 30 * 86400_000).toISOString().replace(/\.\d{3}Z$/, 'Z'),
    description: 'ISO-8601; null (never expires) only where the workspace policy allows non-expiring keys (`EXPIRY_REQUIRED` otherwise)',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time, e.g. 2026-12-31T00:00:00Z' })
  expiresAt?: string | null;

  @RateLimitProperty()
  rateLimit?: RateLimitDto | null;

  @UsageQuotaProperty()
  usage?: UsageQuotaDto | null;

  @AllowedIpsProperty()
  allowedIps?: string[] | null;

  @OwnerProperty('who answers for the key; required when the workspace policy says `requireOwner` (OWNER_REQUIRED)')
  owner?: string | null;
}
