/** The key policy of a workspace, as a whole: every change records the complete new policy. */
export interface WorkspacePolicyChangedV1Data {
  /** The longest expiry a new or rotated key may have, in days from the moment of the grant. */
  maxLifetimeDays: number;
  /** Whether keys without an expiry may be created (and rotated). */
  allowNonExpiring: boolean;
  /** The longest grace period a rotation may give the previous secret. */
  maxGracePeriodSeconds: number;
  /** The most any key of the workspace may hold (matched like grants); null: the whole catalog. */
  scopeAllowList: string[] | null;
}

/**
 * Not a key event: the workspace policy is its own aggregate in the same event
 * store (stream `policy:<workspaceId>`), published on the key topic with the
 * message key `workspace:<workspaceId>`. Its envelope has no keyId.
 */
export interface WorkspacePolicyChangedV1 {
  eventId: string;
  type: 'WorkspacePolicyChanged';
  schemaVersion: 1;
  workspaceId: string;
  /** Per-workspace policy sequence number, 1 for the first change. */
  version: number;
  occurredAt: string;
  actor: string;
  data: WorkspacePolicyChangedV1Data;
}
