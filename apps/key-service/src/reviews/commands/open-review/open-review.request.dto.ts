import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { SCOPE_CATALOG } from '@pxxl/contracts';
import { OwnerProperty } from '../../../keys';
import { BodyRequired } from '@pxxl/http';
import { IsISO8601, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

const CATALOG_NAMES = new RegExp(`^(${SCOPE_CATALOG.map((s) => s.name).join('|')})$`);

@BodyRequired()
export class OpenReviewRequestDto {
  @ApiProperty({ example: 'Q4 2026 key review', minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  title!: string;

  @ApiProperty({ example: '2026-12-31T00:00:00Z', format: 'date-time', description: 'when it must be signed off; in the future' })
  @IsISO8601({ strict: true })
  dueAt!: string;

  @OwnerProperty('only keys of this owner')
  owner?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, pattern: CATALOG_NAMES.source, example: 'cdn:upload', description: 'only keys holding this catalog scope, or a narrower grant of it' })
  @IsOptional()
  @IsString()
  @Matches(CATALOG_NAMES)
  scope?: string | null;
}
