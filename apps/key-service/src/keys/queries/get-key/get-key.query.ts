import { Query } from '@nestjs/cqrs';
import type { KeySummary } from '../shared/key-summary';

export class GetKeyQuery extends Query<KeySummary> {
  constructor(
    readonly keyId: string,
    readonly workspaceId: string,
  ) {
    super();
  }
}
