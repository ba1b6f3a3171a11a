import { SetMetadata } from '@nestjs/common';

export const REQUIRED_SCOPES = 'pxxl:required-scopes';

/**
 * The scopes the calling key must hold. Resource-qualified scopes may name a
 * route parameter: `@RequireScopes('deployments:read:{project}')` on
 * `/projects/:project/...` requires `deployments:read:web` for project `web`,
 * which an unqualified `deployments:read` grant also satisfies.
 */
export const RequireScopes = (...scopes: string[]) => SetMetadata(REQUIRED_SCOPES, scopes);

const PLACEHOLDER = /\{([A-Za-z_][A-Za-z0-9_]*)\}/g;
const RESOURCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/**
 * Fills `{param}` placeholders from the route parameters. A parameter that is
 * missing or is not a valid resource name yields null: no key can hold such a
 * scope, so the request is refused rather than matched against a mangled one.
 */
export function resolveRequiredScopes(templates: readonly string[], params: Record<string, unknown> = {}): string[] | null {
  const resolved: string[] = [];
  for (const template of templates) {
    let invalid = false;
    const scope = template.replace(PLACEHOLDER, (_match, name: string) => {
      const value = params[name];
      if (typeof value !== 'string' || !RESOURCE.test(value)) invalid = true;
      return String(value);
    });
    if (invalid) return null;
    resolved.push(scope);
  }
  return resolved;
}
