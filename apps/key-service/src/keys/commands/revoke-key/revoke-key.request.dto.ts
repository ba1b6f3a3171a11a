import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';
import { IsOmittable } from '@pxxl/http';

export class RevokeKeyRequestDto {
  @ApiPropertyOptional({ type: String, maxLength: 500, example: 'owner left the team', description: 'up to 500 characters; recorded in the audit trail' })
  @IsOmittable()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
