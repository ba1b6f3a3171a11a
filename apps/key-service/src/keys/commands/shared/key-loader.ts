import { Inject, Injectable } from '@nestjs/common';
import { isKeyLifecycleEvent } from '@pxxl/contracts';
import { fold, type ApiKeyState } from '../../domain/api-key';
import { KeyErrors } from '../../domain/api-key.errors';
import { EVENT_STORE, type EventStore } from '../../ports';

export type ExistingKey = Extract<ApiKeyState, { exists: true }>;

/**
 * Loads a key for a command: folds its events, hides other workspaces' keys
 * (404, never 403) and checks the caller's If-Match version.
 */
@Injectable()
export class KeyLoader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(keyId: string, workspaceId: string, expectedVersion?: number): Promise<ExistingKey> {
    const state = fold((await this.store.load(keyId)).filter(isKeyLifecycleEvent));
    if (!state.exists || state.workspaceId !== workspaceId) throw KeyErrors.notFound(keyId);
    if (expectedVersion !== undefined && expectedVersion !== state.version) {
      throw KeyErrors.versionMismatch(keyId, expectedVersion, state.version);
    }
    return state;
  }
}
