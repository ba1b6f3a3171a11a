import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';

const LISTED_STATUSES = ['active', 'expired', 'revoked', 'deleted'] as const;

export class ListKeysQueryDto {
  @ApiPropertyOptional({ example: 'active,expired', description: 'comma-separated: active, expired, revoked, deleted; default: all but deleted' })
  @IsOptional()
  @IsString()
  @Matches(/^(active|expired|revoked|deleted)(,(active|expired|revoked|deleted))*$/, {
    message: 'status must be a comma-separated list of active, expired, revoked, deleted',
  })
  status?: string;

  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ example: 20, description: '1–100, default 20' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export function parseStatuses(status: string | undefined): Array<(typeof LISTED_STATUSES)[number]> {
  return status ? ([...new Set(status.split(','))] as Array<(typeof LISTED_STATUSES)[number]>) : [];
}
