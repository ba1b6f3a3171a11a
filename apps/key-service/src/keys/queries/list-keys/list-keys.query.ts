import { Query } from '@nestjs/cqrs';
import type { ListedStatus } from '../../ports';
import type { KeySummary } from '../shared/key-summary';

export interface KeyPage {
  items: KeySummary[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

export class ListKeysQuery extends Query<KeyPage> {
  constructor(
    readonly workspaceId: string,
    readonly statuses: ListedStatus[],
    readonly cursor: string | undefined,
    readonly limit: number,
    /** Only keys of this owner. */
    readonly owner?: string,
  ) {
    super();
  }
}
