/** The new key, with its plaintext token: the only time it is ever returned. */
export interface CreateKeyResult {
  keyId: string;
  token: string;
  workspaceId: string;
  name: string;
  description: string | null;
  scopes: string[];
  expiresAt: string | null;
  createdAt: string;
  createdBy: string;
  displayPrefix: string;
  owner: string | null;
  version: number;
  /** false when the read model did not catch up within the bound: the key verifies shortly after. */
  projected: boolean;
}
