import { isOwnerHandle, type KeyEvent } from '@pxxl/contracts';
import { KeyErrors } from './api-key.errors';
import type { KeyPolicy } from './workspace-policy';

/** Why a key must be rotated before it is trusted again. */
export interface RotationDue {
  reason: 'OWNER_CHANGED';
  /** When it became due (the first change of owner since the last rotation). */
  since: string;
}

/** The owner a creation or update gives, checked: the handle's syntax, and the policy's `requireOwner`. */
export function checkOwner(owner: string | null | undefined, policy: KeyPolicy): string | null {
  if (owner === undefined || owner === null) {
    if (policy.requireOwner) throw KeyErrors.ownerRequired();
    return null;
  }
  if (!isOwnerHandle(owner)) throw KeyErrors.invalidOwner(owner);
  return owner;
}

/**
 * The first owner is no change of hands; any later change (to another owner,
 * or to none) is: the previous owner may hold the secret. It stays due, since
 * the first such change, until a rotation.
 */
export function rotationDueAfter(due: RotationDue | null, event: Extract<KeyEvent, { type: 'KeyOwnerChanged' }>): RotationDue | null {
  if (due !== null || event.data.previousOwner === null) return due;
  return { reason: 'OWNER_CHANGED', since: event.occurredAt };
}
