import type { HttpTransport } from './http-transport';
import type { ApiKey, CreatedKey, CreateKeyRequest, KeyChange, KeyPage, KeyUsageReport, ListKeysQuery, OwnerKeysAnswer, RotatedKey, ScopeCatalog, UpdateKeyRequest, VerifyAnswer } from './wire-types';

const ifMatch = (version: number | undefined): Record<string, string> => (version === undefined ? {} : { 'if-match': `"${version}"` });
const keyPath = (id: string) => `/v1/keys/${encodeURIComponent(id)}`;

/** The key service's management and verification API (docs/api.md). */
export class KeysClient {
  constructor(private readonly http: HttpTransport) {}

  async list(query: ListKeysQuery = {}): Promise<KeyPage> {
    const { status, owner, limit, cursor } = query;
    return (await this.http.json<KeyPage>('GET', '/v1/keys', { query: { status: status?.join(','), owner, limit, cursor } })).body;
  }

  /** Every page, following nextCursor. */
  async *listAll(query: Omit<ListKeysQuery, 'cursor'> = {}): AsyncGenerator<ApiKey> {
    let cursor: string | undefined;
    do {
      const page = await this.list({ ...query, cursor });
      yield* page.items;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  async get(id: string): Promise<ApiKey> {
    return (await this.http.json<ApiKey>('GET', keyPath(id))).body;
  }

  async create(request: CreateKeyRequest): Promise<CreatedKey> {
    return (await this.http.json<CreatedKey>('POST', '/v1/keys', { body: request })).body;
  }

  async update(id: string, changes: UpdateKeyRequest, version?: number): Promise<KeyChange> {
    return (await this.http.json<KeyChange>('PATCH', keyPath(id), { body: changes, headers: ifMatch(version) })).body;
  }

  async rotate(id: string, options: { gracePeriodSeconds?: number; version?: number } = {}): Promise<RotatedKey> {
    const body = options.gracePeriodSeconds === undefined ? {} : { gracePeriodSeconds: options.gracePeriodSeconds };
    return (await this.http.json<RotatedKey>('POST', `${keyPath(id)}/rotate`, { body, headers: ifMatch(options.version) })).body;
  }

  async revoke(id: string, options: { reason?: string; version?: number } = {}): Promise<KeyChange> {
    const body = options.reason === undefined ? {} : { reason: options.reason };
    return (await this.http.json<KeyChange>('POST', `${keyPath(id)}/revoke`, { body, headers: ifMatch(options.version) })).body;
  }

  /** A top-up of the key's usage quota (POST /v1/keys/{id}/usage). */
  async addCredits(id: string, amount: number, version?: number): Promise<KeyChange> {
    return (await this.http.json<KeyChange>('POST', `${keyPath(id)}/usage`, { body: { amount }, headers: ifMatch(version) })).body;
  }

  /** Verifications per day by outcome (GET /v1/keys/{id}/usage). */
  async usage(id: string, days?: number): Promise<KeyUsageReport> {
    return (await this.http.json<KeyUsageReport>('GET', `${keyPath(id)}/usage`, { query: { days } })).body;
  }

  /** Checks a presented key (needs no key of the caller's own). The key goes in the body, never in the URL. */
  async verify(key: string, requiredScopes: string[] = []): Promise<VerifyAnswer> {
    const body = requiredScopes.length > 0 ? { key, requiredScopes } : { key };
    return (await this.http.json<VerifyAnswer>('POST', '/v1/verify', { body })).body;
  }

  /** Someone leaves: every active key of the owner rotated (reassigned first with newOwner); each new secret is in this answer only. */
  async rotateOwner(owner: string, options: { gracePeriodSeconds?: number; newOwner?: string; notRotatedSince?: string } = {}): Promise<OwnerKeysAnswer> {
    return (await this.http.json<OwnerKeysAnswer>('POST', `/v1/owners/${encodeURIComponent(owner)}/rotate`, { body: options })).body;
  }

  /** Every active key of the owner revoked; a second call finds none. */
  async revokeOwner(owner: string, options: { reason?: string } = {}): Promise<OwnerKeysAnswer> {
    return (await this.http.json<OwnerKeysAnswer>('POST', `/v1/owners/${encodeURIComponent(owner)}/revoke`, { body: options })).body;
  }

  async scopes(): Promise<ScopeCatalog> {
    return (await this.http.json<ScopeCatalog>('GET', '/v1/scopes')).body;
  }
}
