import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@pxxl/http';
import { OWNER_MAX_LENGTH, OWNER_PATTERN } from '@pxxl/contracts';
import { IsInt, IsISO8601, IsString, Matches, MaxLength } from 'class-validator';
import { OWNER_SYNTAX } from '../../http/owner.dto';

export class RotateOwnerKeysRequestDto {
  @ApiPropertyOptional({ type: 'integer', example: 3600, description: 'each rotation’s grace period: 0 (default) up to the workspace policy’s maxGracePeriodSeconds' })
  @IsOmittable()
  @IsInt()
  gracePeriodSeconds?: number;

  @ApiPropertyOptional({ type: String, maxLength: OWNER_MAX_LENGTH, pattern: OWNER_PATTERN.source, example: 'team:platform', description: `reassign each key to this owner before rotating it (${OWNER_SYNTAX})` })
  @IsOmittable()
  @IsString()
  @MaxLength(OWNER_MAX_LENGTH)
  @Matches(OWNER_PATTERN, { message: `newOwner must be ${OWNER_SYNTAX}` })
  newOwner?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2026-12-02T16:00:00Z',
    description: 'only keys whose secret is older than this (last rotation, or creation); send the same value on a retry and it finds nothing left to do',
  })
  @IsOmittable()
  @IsISO8601({ strict: true }, { message: 'notRotatedSince must be an ISO-8601 date-time, e.g. 2026-12-02T16:00:00Z' })
  notRotatedSince?: string;
}
