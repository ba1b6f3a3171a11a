import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { KeyCreatedResponse, keyCreatedResponse } from '../../http/key.response';
import type { RotateKeyResult } from './rotate-key.command';

export class KeyRotatedResponse extends KeyCreatedResponse {
  @ApiProperty({ example: 3600 }) gracePeriodSeconds!: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'until when the previous secret still verifies' })
  previousSecretValidUntil!: string | null;
}

export function keyRotatedResponse(result: RotateKeyResult): KeyRotatedResponse {
  return {
    ...keyCreatedResponse(result),
    gracePeriodSeconds: result.gracePeriodSeconds,
    previousSecretValidUntil: result.previousSecretValidUntil,
  };
}
