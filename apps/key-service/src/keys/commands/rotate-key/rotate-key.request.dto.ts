import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt } from 'class-validator';
import { IsOmittable } from '@pxxl/http';

export class RotateKeyRequestDto {
  @ApiPropertyOptional({
    type: 'integer',
    example: 3600,
    description: '0 (default) up to the workspace policy’s maxGracePeriodSeconds (default 604800, 7 days); never beyond the key’s expiry',
  })
  @IsOmittable()
  @IsInt()
  gracePeriodSeconds?: number;
}
