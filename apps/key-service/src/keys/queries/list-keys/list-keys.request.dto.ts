import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { OWNER_MAX_LENGTH, OWNER_PATTERN } from '@pxxl/contracts';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { OWNER_SYNTAX } from '../../http/owner.dto';

const LISTED_STATUSES = ['active', 'expired', 'revoked', 'deleted'] as const;

export class ListKeysQueryDto {
  @ApiPropertyOptional({ example: 'active,expired', description: 'comma-separated: active, expired, revoked, deleted; default: all but deleted' })
  @IsOptional()
  @IsString()
  @Matches(/^(active|expired|revoked|deleted)(,(active|expired|revoked|deleted))*$/, {
    message: 'status must be a comma-separated list of active, expired, revoked, deleted',
  })
  status?: string;

  @ApiPropertyOptional({ type: String, maxLength: OWNER_MAX_LENGTH, pattern: OWNER_PATTERN.source, example: 'team:payments', description: `only keys of this owner (${OWNER_SYNTAX})` })
  @IsOptional()
  @IsString()
  @MaxLength(OWNER_MAX_LENGTH)
  @Matches(OWNER_PATTERN, { message: `owner must be ${OWNER_SYNTAX}` })
  owner?: string;

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
