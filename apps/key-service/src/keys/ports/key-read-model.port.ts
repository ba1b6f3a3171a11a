import type { KeyView } from '@pxxl/key-read-model';

export type ListedStatus = 'active' | 'expired' | 'revoked' | 'deleted';

export interface ListKeysParams {
  workspaceId: string;
  /** Empty: every key but deleted ones. */
  statuses: ListedStatus[];
  /** Only keys of this owner (`team:payments`); absent: any. */
  owner?: string;
  /** Keys strictly after this position in (createdAt desc, id desc) order. */
  after?: { createdAt: Date; keyId: string };
  limit: number;
  now: Date;
}

/** The query side of the keys: the verification read model, seen by the management API. */
export interface KeyReadModel {
  get(keyId: string): Promise<KeyView | null>;
  list(params: ListKeysParams): Promise<KeyView[]>;
  /** keyId → version of every view (admin checks only: a full scan). */
  versions(): Promise<Map<string, number>>;
}

export const KEY_READ_MODEL = 'KEY_READ_MODEL';
