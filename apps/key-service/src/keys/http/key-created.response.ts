import type { CreateKeyResult } from '../commands/create-key/create-key.result';

/** The create/rotate answer: the plaintext `key` appears here and nowhere else, ever. */
export function keyCreatedResponse(result: CreateKeyResult) {
  return {
    id: result.keyId,
    key: result.token,
    workspaceId: result.workspaceId,
    name: result.name,
    description: result.description,
    scopes: result.scopes,
    expiresAt: result.expiresAt,
    createdAt: result.createdAt,
    createdBy: result.createdBy,
    displayPrefix: result.displayPrefix,
    version: result.version,
    consistency: result.projected ? 'verifiable' : 'pending',
  };
}
