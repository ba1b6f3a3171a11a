import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class RevokeKeyRequestDto {
  @ApiPropertyOptional({ example: 'owner left the team', description: 'up to 500 characters; recorded in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}
