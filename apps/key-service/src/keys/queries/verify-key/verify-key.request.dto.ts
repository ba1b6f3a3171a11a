import { CATALOG_SCOPE_PATTERN } from '@pxxl/contracts';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '@pxxl/http';

export class VerifyKeyRequestDto {
  /** The presented key; or send it as `Authorization: Bearer <key>`. */
  @ApiPropertyOptional({ type: String, maxLength: 512, example: 'pxxl_k3PXrQ8yZt2mW9aB_…', description: 'the presented key; or send it as `Authorization: Bearer <key>`' })
  @IsOmittable()
  @IsString()
  @MaxLength(512)
  key?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, items: { type: 'string', maxLength: 200, pattern: CATALOG_SCOPE_PATTERN.source }, example: ['cdn:upload:web'], description: 'scopes the key must satisfy' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  requiredScopes?: string[];
}
