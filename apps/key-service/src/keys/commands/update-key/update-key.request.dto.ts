import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import { BodyRequired } from '@pxxl/http';

@BodyRequired()
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
