import { Command } from '@nestjs/cqrs';
import type { CreateKey } from '../../domain/api-key';
import type { CreateKeyResult } from './create-key.result';

/** What a caller asks for; the handler adds the id, secret, clock and workspace policy. */
export type CreateKeyInput = Pick<CreateKey, 'workspaceId' | 'name' | 'description' | 'scopes' | 'preset' | 'presetResource' | 'expiresAt' | 'grantor' | 'limits' | 'owner'> & {
  /** `key:<callerKeyId>` or `system`. */
  actor: string;
};

export class CreateKeyCommand extends Command<CreateKeyResult> {
  constructor(readonly input: CreateKeyInput) {
    super();
  }
}
