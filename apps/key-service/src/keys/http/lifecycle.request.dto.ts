import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateIf } from 'class-validator';

export class UpdateKeyRequestDto {
  @ApiPropertyOptional({ example: 'CDN uploader (web)' })
  // Absent means "keep"; null is not a name.
  @ValidateIf((body: UpdateKeyRequestDto) => body.name !== undefined)
  @IsString()
  @MaxLength(1000)
  name?: string;

  @ApiPropertyOptional({ example: 'Owned by the web team; reviewed 2026-Q4', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string | null;
}

export class RotateKeyRequestDto {
  @ApiPropertyOptional({
    example: 3600,
    description: '0 (default) up to the workspace policy’s maxGracePeriodSeconds (default 604800, 7 days); never beyond the key’s expiry',
  })
  @IsOptional()
  @IsInt()
  gracePeriodSeconds?: number;
}

export class RevokeKeyRequestDto {
  @ApiPropertyOptional({ example: 'owner left the team', description: 'up to 500 characters; recorded in the audit trail' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export const LISTED_STATUSES = ['active', 'expired', 'revoked', 'deleted'] as const;

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

