import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '@pxxl/http';

export class VerifyKeyRequestDto {
  /** The presented key; or send it as `Authorization: Bearer <key>`. */
  @ApiPropertyOptional({ example: 'pxxl_k3PXrQ8yZt2mW9aB_…' })
  @IsOmittable()
  @IsString()
  @MaxLength(512)
  key?: string;

  @ApiPropertyOptional({ example: ['cdn:upload:web'], description: 'scopes the key must satisfy' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  requiredScopes?: string[];
}
