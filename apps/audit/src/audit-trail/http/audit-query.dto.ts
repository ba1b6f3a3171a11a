import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KEY_EVENT_TYPES, KEY_ID_SHAPE } from '@pxxl/contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';

const TYPE_LIST = new RegExp(`^(${KEY_EVENT_TYPES.join('|')})(,(${KEY_EVENT_TYPES.join('|')}))*$`);

/** `from` (inclusive) and `to` (exclusive), ISO-8601, on the time the event occurred. */
export class RangeQueryDto {
  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'inclusive, on the time the event occurred' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', description: 'exclusive; after `from`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class EventFiltersDto extends RangeQueryDto {
  @ApiPropertyOptional({ type: String, pattern: KEY_ID_SHAPE.source })
  @IsOptional()
  @Matches(/^[0-9A-Za-z]{16}$/, { message: 'keyId must be a key id (16 letters and digits)' })
  keyId?: string;

  @ApiPropertyOptional({ type: String, pattern: TYPE_LIST.source, description: 'comma-separated event types' })
  @IsOptional()
  @Matches(TYPE_LIST, { message: `type must be a comma-separated list of ${KEY_EVENT_TYPES.join(', ')}` })
  type?: string;

  @ApiPropertyOptional({ type: String, pattern: '^(system|key:[0-9A-Za-z]{16})$' })
  @IsOptional()
  @Matches(/^(system|key:[0-9A-Za-z]{16})$/, { message: 'actor must be "system" or "key:<keyId>"' })
  actor?: string;
}

export class EventsQueryDto extends EventFiltersDto {
  @ApiPropertyOptional({ enum: ['newest', 'oldest'] })
  @IsOptional()
  @IsIn(['newest', 'oldest'])
  order?: 'newest' | 'oldest';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ type: String, maxLength: 200, description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

class SeqRangeDto extends EventFiltersDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  fromSeq?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  toSeq?: number;
}

export class ExportQueryDto extends SeqRangeDto {
  @ApiPropertyOptional({ enum: ['ndjson', 'csv'] })
  @IsOptional()
  @IsIn(['ndjson', 'csv', 'bundle'])
  format?: 'ndjson' | 'csv' | 'bundle';
}

export class IntegrityQueryDto extends RangeQueryDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  fromSeq?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  toSeq?: number;

  /** A chain head published earlier (`seq` and `hash`): the chain must still hold it. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'with expectHash: a chain head published earlier' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  expectSeq?: number;

  @ApiPropertyOptional({ type: String, pattern: '^[0-9a-f]{64}$', description: 'with expectSeq' })
  @IsOptional()
  @Matches(/^[0-9a-f]{64}$/, { message: 'expectHash must be 64 lowercase hex digits' })
  expectHash?: string;
}

export class ReviewQueryDto extends RangeQueryDto {
  @ApiPropertyOptional({ enum: ['json', 'csv'] })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  expiringWithinDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  unusedForDays?: number;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  notRotatedForDays?: number;
}

export const toDate = (value: string | undefined) => (value === undefined ? undefined : new Date(value));
export const toTypes = (value: string | undefined) => (value ? [...new Set(value.split(','))] : undefined);

export class InclusionQueryDto {
  /** The entry's chain position (its leaf is `seq - 1`); or `eventId`. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'the entry’s chain position (its leaf is seq - 1); give this or eventId' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  seq?: number;

  @ApiPropertyOptional({ type: String, format: 'uuid', description: 'the entry’s event id; give this or seq' })
  @IsOptional()
  @IsUUID()
  eventId?: string;

  /** The checkpoint's tree size the proof is for; default the latest signed one. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'the signed checkpoint’s tree size the proof is for; default the latest' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  treeSize?: number;
}

export class ConsistencyQueryDto {
  /** The tree size of the checkpoint kept earlier. */
  @ApiProperty({ type: 'integer', minimum: 1, description: 'the tree size of the checkpoint you kept earlier' })
  @Type(() => Number)
  @IsInt()
  @Min(1)
  from!: number;

  /** The later tree size; default the latest signed checkpoint's. */
  @ApiPropertyOptional({ type: 'integer', minimum: 1, description: 'the later tree size; default the latest signed checkpoint’s' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  to?: number;
}
