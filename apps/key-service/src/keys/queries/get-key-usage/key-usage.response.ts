import { ApiProperty } from '@nestjs/swagger';

export class KeyUsageDayResponse {
  @ApiProperty({ example: '2026-12-01' }) day!: string;
  @ApiProperty({ example: 1520 }) VALID!: number;
  @ApiProperty({ example: 3 }) RATE_LIMITED!: number;
  @ApiProperty({ example: 0 }) USAGE_EXHAUSTED!: number;
  @ApiProperty({ example: 0 }) IP_NOT_ALLOWED!: number;
  @ApiProperty({ example: 0 }) CLIENT_IP_REQUIRED!: number;
  @ApiProperty({ example: 0 }) REVOKED!: number;
  @ApiProperty({ example: 0 }) EXPIRED!: number;
  @ApiProperty({ example: 12 }) INSUFFICIENT_SCOPE!: number;
}

export class KeyUsageResponse {
  @ApiProperty({ example: 'k3PXrQ8yZt2mW9aB' }) keyId!: string;
  @ApiProperty({ type: [KeyUsageDayResponse] }) days!: KeyUsageDayResponse[];
  @ApiProperty({ type: KeyUsageDayResponse, description: 'the same counts over all the days (its `day` is the first one)' }) totals!: KeyUsageDayResponse;
}
