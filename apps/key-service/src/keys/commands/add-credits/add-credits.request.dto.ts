import { ApiProperty } from '@nestjs/swagger';
import { LIMIT_BOUNDS } from '@pxxl/contracts';
import { BodyRequired } from '@pxxl/http';
import { IsInt, Max, Min } from 'class-validator';

@BodyRequired()
export class AddCreditsRequestDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: LIMIT_BOUNDS.usage.maxTopUp, example: 500, description: 'more successful verifications for the key’s quota, in the current period' })
  @IsInt()
  @Min(1)
  @Max(LIMIT_BOUNDS.usage.maxTopUp)
  amount!: number;
}
