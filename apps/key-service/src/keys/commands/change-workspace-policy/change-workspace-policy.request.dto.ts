import { CATALOG_SCOPE_PATTERN } from '@pxxl/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsInt, IsOptional, IsString, MaxLength } from 'class-validator';
import { BodyRequired, IsOmittable } from '@pxxl/http';

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
}
