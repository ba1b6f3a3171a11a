import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import { BodyRequired, IsOmittable } from '@pxxl/http';

/** Shape checks only; the domain decides the rules (lengths after trimming, scopes and presets, expiry window). */
@BodyRequired()
export class CreateKeyRequestDto {
  @ApiProperty({ example: 'CDN uploader', description: '1–100 characters after trimming' })
  @IsString()
  @MaxLength(1000)
  name!: string;

  @ApiPropertyOptional({ example: 'Uploads release assets to the cdn space "web"', nullable: true, description: 'up to 500 characters' })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;

  @ApiPropertyOptional({
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

  @ApiPropertyOptional({ example: 'cdn-uploader', description: 'a preset from GET /v1/scopes; expanded into explicit scopes in the KeyCreated event' })
  @IsOmittable()
  @IsString()
  @MaxLength(100)
  preset?: string;

  @ApiPropertyOptional({ example: 'web', description: 'narrows the preset’s scopes to one resource (for cdn-uploader: a CDN space)' })
  @IsOmittable()
  @IsString()
  @MaxLength(200)
  presetResource?: string;

  @ApiPropertyOptional({ example: '2027-01-31T00:00:00Z', nullable: true, description: 'ISO-8601; required unless the workspace allows non-expiring keys' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'expiresAt must be an ISO-8601 date-time, e.g. 2026-12-31T00:00:00Z' })
  expiresAt?: string | null;
}
