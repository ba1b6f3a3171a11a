import { Query } from '@nestjs/cqrs';
import type { KeyUsageReport } from './key-usage-report';

export class GetKeyUsageQuery extends Query<KeyUsageReport> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
    readonly days: number,
  ) {
    super();
  }
}
