import { ApiErrors } from '@pxxl/http';

export interface VerifyKeyRequest {
  key?: string;
  requiredScopes: string[];
}

const ALLOWED = new Set(['key', 'requiredScopes']);

/**
 * The hot path's request check, by hand: the same rules and VALIDATION_FAILED
 * answers as the class-validator DTO (VerifyKeyRequestDto, kept for the
 * OpenAPI document), without instantiating and reflecting a class per request.
 */
export function parseVerifyKeyRequest(body: unknown): VerifyKeyRequest {
  if (body === undefined) return { requiredScopes: [] };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ApiErrors.invalidBody();
  const problems: Array<{ field: string; problems: string[] }> = [];
  const { key, requiredScopes } = body as Record<string, unknown>;
  for (const field of Object.keys(body)) if (!ALLOWED.has(field)) problems.push({ field, problems: [`property ${field} should not exist`] });
  if (key !== undefined && (typeof key !== 'string' || key.length > 512)) problems.push({ field: 'key', problems: ['key must be a string of at most 512 characters'] });
  const scopesOk =
    requiredScopes === undefined ||
    (Array.isArray(requiredScopes) && requiredScopes.length <= 50 && requiredScopes.every((s) => typeof s === 'string' && s.length <= 200));
  if (!scopesOk) problems.push({ field: 'requiredScopes', problems: ['requiredScopes must be an array of at most 50 strings of at most 200 characters'] });
  if (problems.length > 0) throw ApiErrors.validation(problems);
  return { key: key as string | undefined, requiredScopes: (requiredScopes as string[] | undefined) ?? [] };
}
