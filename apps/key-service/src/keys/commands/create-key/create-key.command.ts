import { Command } from '@nestjs/cqrs';
import type { Grantor } from '../../domain/grant-rules';
import type { CreateKeyResult } from './create-key.result';

export interface CreateKeyInput {
  workspaceId: string;
  /** `key:<callerKeyId>` or `system`. */
  actor: string;
  /** The caller's own scopes bound what it may grant (no escalation); `system` for bootstrap. */
  grantor: Grantor;
  name: string;
  description?: string | null;
  scopes?: string[];
  /** A preset (GET /v1/scopes) expanded into explicit scopes, merged with `scopes`. */
  preset?: string | null;
  /** Narrows the preset's resource-scopable scopes to this resource (e.g. one CDN space). */
  presetResource?: string | null;
  expiresAt?: string | null;
}

export class CreateKeyCommand extends Command<CreateKeyResult> {
  constructor(readonly input: CreateKeyInput) {
    super();
  }
}
