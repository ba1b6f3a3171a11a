/**
 * The scope catalog: every permission a Pxxl platform key can carry. A scope
 * is `area:action`, or `area:action:<resource>` for areas whose grants can be
 * narrowed to one resource (docs/scopes.md). Served at `GET /v1/scopes`.
 */

/** What a resource qualifier names, per area. */
export type ResourceKind = 'project' | 'domain' | 'cdn_space';

export interface ScopeDefinition {
  /** `area:action`. */
  name: string;
  area: string;
  action: string;
  description: string;
  /** The kind of resource a grant may be narrowed to (`area:action:<resource>`), or null when it cannot be. */
  resource: ResourceKind | null;
}

export const RESOURCE_KINDS: Record<ResourceKind, string> = {
  project: 'a project id: the grant covers that project only',
  domain: 'a domain name: the grant covers that domain only',
  cdn_space: 'a CDN space id: the grant covers that CDN space only',
};

function scope(name: string, resource: ResourceKind | null, description: string): ScopeDefinition {
  const [area, action] = name.split(':');
  return { name, area, action, description, resource };
}

export const SCOPE_CATALOG: readonly ScopeDefinition[] = [
  scope('deployments:read', 'project', 'read deployment status, logs and history'),
  scope('deployments:trigger', 'project', 'start a deployment'),
  scope('projects:read', 'project', 'read project metadata and settings'),
  scope('projects:write', 'project', 'change project settings'),
  scope('domains:read', 'domain', 'read domains and their DNS and certificate status'),
  scope('domains:write', 'domain', 'add, change and remove domains'),
  scope('cdn:read', 'cdn_space', 'list and download CDN assets'),
  scope('cdn:upload', 'cdn_space', 'upload and replace CDN assets'),
  scope('billing:read', null, 'read invoices, plan and payment status'),
  scope('billing:write', null, 'change the plan and payment details'),
  scope('usage:read', null, 'read usage metrics and quotas'),
  scope('health:read', null, 'read platform health and status'),
  scope('api_keys:read', null, 'list and read the workspace’s API keys (never their secrets) and its key policy'),
  scope('api_keys:write', null, 'create, rotate, revoke and delete API keys; change the workspace key policy'),
  scope('audit:read', null, 'read and export the audit trail of the workspace’s keys'),
  scope('keys:review', null, 'open review campaigns of the workspace’s keys, record a decision per key and sign them off'),
];

/** The scopes the key service itself checks on its routes. */
export const SCOPES = {
  API_KEYS_READ: 'api_keys:read',
  API_KEYS_WRITE: 'api_keys:write',
  AUDIT_READ: 'audit:read',
  KEYS_REVIEW: 'keys:review',
} as const;

/**
 * What the bootstrap (admin) key of a workspace holds: every catalog scope,
 * unscoped. No key can grant more than it holds itself, so the first key must
 * hold everything the workspace will ever hand out.
 */
export const ADMIN_SCOPES: readonly string[] = SCOPE_CATALOG.map((s) => s.name);

/** A resource qualifier: a letter or digit, then up to 63 letters, digits, `.`, `_` or `-`. */
export const RESOURCE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** `area:action`, optionally `area:action:resource`: the syntax only; validateScopes checks the catalog. */
export const SCOPE_PATTERN = /^[a-z][a-z_]*:[a-z][a-z_]*(:[A-Za-z0-9][A-Za-z0-9._-]{0,63})?$/;

const BY_NAME = new Map(SCOPE_CATALOG.map((s) => [s.name, s]));

/**
 * Exactly the scopes validateScopes accepts, as one pattern: each catalog scope, with a resource
 * qualifier where it takes one. The OpenAPI document gives it to every scope a request carries.
 */
export const CATALOG_SCOPE_PATTERN = new RegExp(
  `^(${SCOPE_CATALOG.map((s) => (s.resource === null ? s.name : `${s.name}(:${RESOURCE_PATTERN.source.slice(1, -1)})?`)).join('|')})$`,
);

export function findScope(name: string): ScopeDefinition | undefined {
  return BY_NAME.get(name);
}

/**
 * Which of `scopes` are not in the catalog: malformed, an unknown
 * `area:action`, or a resource qualifier on a scope that takes none.
 */
export function validateScopes(scopes: readonly string[]): { unknown: string[] } {
  const unknown = scopes.filter((candidate) => {
    if (typeof candidate !== 'string' || !SCOPE_PATTERN.test(candidate)) return true;
    const [area, action, resource] = candidate.split(':');
    const definition = BY_NAME.get(`${area}:${action}`);
    return definition === undefined || (resource !== undefined && definition.resource === null);
  });
  return { unknown };
}
