import { ApiProperty } from '@nestjs/swagger';
import { LIMIT_BOUNDS } from '@pxxl/contracts';
import { IsInt, Max, Min } from 'class-validator';

export class AddCreditsRequestDto {
  @ApiProperty({ example: 500, description: `more successful verifications for the key's quota, in the current period (1 to ${LIMIT_BOUNDS.usage.maxTopUp})` })
  @IsInt()
  @Min(1)
  @Max(LIMIT_BOUNDS.usage.maxTopUp)
  amount!: number;
}
