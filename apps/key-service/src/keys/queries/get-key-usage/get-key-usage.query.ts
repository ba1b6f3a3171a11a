import { Query } from '@nestjs/cqrs';
import type { KeyUsageReport } from './key-usage.response';

export class GetKeyUsageQuery extends Query<KeyUsageReport> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
    readonly days: number,
  ) {
    super();
  }
}
