/**
 * Who answers for a key: `<kind>:<name>`, e.g. `team:payments`, `user:alice`,
 * `service:cdn-uploader`. One pattern for the DTOs, the OpenAPI document, the
 * event schema and the domain (docs/api.md#owners).
 */
export const OWNER_KINDS = ['team', 'user', 'service'] as const;
export type OwnerKind = (typeof OWNER_KINDS)[number];

/** The name: lowercase, 1–63 characters, starting with a letter or digit; then letters, digits, ".", "_" or "-". */
export const OWNER_PATTERN = /^(team|user|service):[a-z0-9][a-z0-9._-]{0,62}$/;
/** The longest handle: `service:` plus 63 characters. */
export const OWNER_MAX_LENGTH = 71;

export function isOwnerHandle(value: unknown): value is string {
  return typeof value === 'string' && OWNER_PATTERN.test(value);
}
