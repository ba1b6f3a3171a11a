import { ApiPropertyOptional } from '@nestjs/swagger';
import { CATALOG_SCOPE_PATTERN, IP_ADDRESS_PATTERN, parseIp } from '@pxxl/contracts';
import { ApiErrors, IsOmittable } from '@pxxl/http';
import { ArrayMaxSize, IsArray, IsString, MaxLength } from 'class-validator';

/** The request as the OpenAPI document describes it; parseVerifyKeyRequest below enforces the same rules. */
export class VerifyKeyRequestDto {
  /** The presented key; or send it as `Authorization: Bearer <key>`. */
  @ApiPropertyOptional({ type: String, maxLength: 512, example: 'pxxl_k3PXrQ8yZt2mW9aB_…', description: 'the presented key; or send it as `Authorization: Bearer <key>`' })
  @IsOmittable()
  @IsString()
  @MaxLength(512)
  key?: string;

  @ApiPropertyOptional({ type: [String], maxItems: 50, items: { type: 'string', maxLength: 200, pattern: CATALOG_SCOPE_PATTERN.source }, example: ['cdn:upload:web'], description: 'scopes the key must satisfy' })
  @IsOmittable()
  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @MaxLength(200, { each: true })
  requiredScopes?: string[];

  @ApiPropertyOptional({
    type: String,
    maxLength: 45,
    pattern: IP_ADDRESS_PATTERN,
    example: '203.0.113.7',
    description: 'the address the key was presented from (IPv4 or IPv6): required for a key with an IP allow-list, which is refused without it (CLIENT_IP_REQUIRED)',
  })
  @IsOmittable()
  @IsString()
  @MaxLength(45)
  clientIp?: string;
}

export interface VerifyKeyRequest {
  key?: string;
  requiredScopes: string[];
  clientIp?: string;
}

const ALLOWED = new Set(['key', 'requiredScopes', 'clientIp']);

/**
 * The hot path's request check, by hand: the same rules and VALIDATION_FAILED
 * answers as the class-validator DTO (VerifyKeyRequestDto, kept for the
 * OpenAPI document), without instantiating and reflecting a class per request.
 */
export function parseVerifyKeyRequest(body: unknown): VerifyKeyRequest {
  if (body === undefined) return { requiredScopes: [] };
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw ApiErrors.invalidBody();
  const problems: Array<{ field: string; problems: string[] }> = [];
  const { key, requiredScopes, clientIp } = body as Record<string, unknown>;
  for (const field of Object.keys(body)) if (!ALLOWED.has(field)) problems.push({ field, problems: [`property ${field} should not exist`] });
  if (key !== undefined && (typeof key !== 'string' || key.length > 512)) problems.push({ field: 'key', problems: ['key must be a string of at most 512 characters'] });
  const scopesOk =
    requiredScopes === undefined ||
    (Array.isArray(requiredScopes) && requiredScopes.length <= 50 && requiredScopes.every((s) => typeof s === 'string' && s.length <= 200));
  if (!scopesOk) problems.push({ field: 'requiredScopes', problems: ['requiredScopes must be an array of at most 50 strings of at most 200 characters'] });
  if (clientIp !== undefined && (typeof clientIp !== 'string' || parseIp(clientIp) === null)) {
    problems.push({ field: 'clientIp', problems: ['clientIp must be an IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::1'] });
  }
  if (problems.length > 0) throw ApiErrors.validation(problems);
  return { key: key as string | undefined, requiredScopes: (requiredScopes as string[] | undefined) ?? [], clientIp: clientIp as string | undefined };
}
