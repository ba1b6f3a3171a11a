import { Command } from '@nestjs/cqrs';
import type { Grantor } from '../../domain/grant-rules';
import type { OwnerKeyOutcome, OwnerKeysResult } from '../shared/owner-keys';

/** A rotated key's outcome carries its new secret: shown in this answer only. */
export interface RotatedOwnerKey extends OwnerKeyOutcome {
  outcome: 'rotated';
  key: string;
  displayPrefix: string;
  owner: string | null;
  version: number;
  gracePeriodSeconds: number;
  previousSecretValidUntil: string | null;
  consistency: 'verifiable' | 'pending';
}

export type RotateOwnerKeysResult = OwnerKeysResult<RotatedOwnerKey | OwnerKeyOutcome>;

export class RotateOwnerKeysCommand extends Command<RotateOwnerKeysResult> {
  constructor(
    readonly workspaceId: string,
    readonly actor: string,
    /** Each rotation hands out a new secret: the caller must hold the key's scopes. */
    readonly grantor: Grantor,
    readonly owner: string,
    readonly options: {
      gracePeriodSeconds?: number;
      /** Reassign each key first (KeyOwnerChanged), then rotate it: the rotation clears the "rotation due" the change sets. */
      newOwner?: string;
      /** Only keys whose secret is older than this (last rotation, or creation): a retry with the same value finds nothing left. */
      notRotatedSince?: Date;
    },
  ) {
    super();
  }
}
