import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOmittable } from '@pxxl/http';
import { IsInt, Max, Min } from 'class-validator';

export class ApplyReviewRequestDto {
  @ApiPropertyOptional({ type: 'integer', minimum: 0, maximum: 2592000, example: 3600, description: 'grace of each rotation (within the workspace policy); default 0' })
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(2592000)
  gracePeriodSeconds?: number;
}
