import type { RateLimit } from '../limits/key-limits';
import { findScope, RESOURCE_PATTERN, type ResourceKind } from './catalog';

/**
 * Starting points for the common key patterns. A preset is expanded into
 * explicit scopes when a key is created, so the KeyCreated event (and the
 * audit trail) shows exactly what was granted, never just a preset name.
 */
export interface ScopePreset {
  name: string;
  title: string;
  description: string;
  scopes: readonly string[];
  /** The kind of `presetResource` the preset accepts to narrow its scopes, or null. */
  resource: ResourceKind | null;
  /** The rate limit a key created from the preset gets unless the request sets its own (`rateLimit`, null for none); null: none. */
  rateLimit: RateLimit | null;
}

export const SCOPE_PRESETS: readonly ScopePreset[] = [
  {
    name: 'deployment-checks',
    title: 'Backend deployment checks',
    description: 'Read deployment status and project metadata only; nothing that writes or deploys. Give presetResource to limit it to one project.',
    scopes: ['deployments:read', 'projects:read'],
    resource: 'project',
    // A deploy pipeline checks a handful of times per deployment: 10 a second on average leaves it room.
    rateLimit: { limit: 600, windowSeconds: 60 },
  },
  {
    name: 'cdn-uploader',
    title: 'CDN uploader',
    description: 'Upload and read CDN assets; no project or billing access. Give presetResource (a CDN space) to limit it to that space.',
    scopes: ['cdn:upload', 'cdn:read'],
    resource: 'cdn_space',
    // Uploads come in bursts of many files: no rate limit by default.
    rateLimit: null,
  },
  {
    name: 'internal-automation',
    title: 'Internal automation',
    description: 'No scopes of its own: list exactly the project, domain or billing scopes the automation modifies in `scopes`.',
    scopes: [],
    resource: null,
    rateLimit: null,
  },
  {
    name: 'monitoring',
    title: 'Monitoring service',
    description: 'Read-only status, usage and health; cannot trigger deployments or change configuration.',
    scopes: ['health:read', 'usage:read', 'deployments:read'],
    resource: null,
    // A scraper polls on an interval: one a second on average, bursts of 60.
    rateLimit: { limit: 60, windowSeconds: 60 },
  },
];

export type PresetExpansion =
  | { ok: true; scopes: string[] }
  | { ok: false; reason: 'UNKNOWN_PRESET' | 'RESOURCE_NOT_ACCEPTED' | 'INVALID_RESOURCE' };

/**
 * The explicit scopes a preset stands for; with a resource, every scope that
 * accepts a qualifier of the preset's kind is narrowed to it.
 */
export function expandPreset(name: string, resource?: string | null): PresetExpansion {
  const preset = SCOPE_PRESETS.find((p) => p.name === name);
  if (!preset) return { ok: false, reason: 'UNKNOWN_PRESET' };
  if (resource === undefined || resource === null) return { ok: true, scopes: [...preset.scopes] };
  if (preset.resource === null) return { ok: false, reason: 'RESOURCE_NOT_ACCEPTED' };
  if (!RESOURCE_PATTERN.test(resource)) return { ok: false, reason: 'INVALID_RESOURCE' };
  return {
    ok: true,
    scopes: preset.scopes.map((scope) => (findScope(scope)?.resource === preset.resource ? `${scope}:${resource}` : scope)),
  };
}

/** The rate limit a preset gives a new key, or null (also for an unknown preset, which the scopes refuse). */
export function presetRateLimit(name: string | null | undefined): RateLimit | null {
  const preset = SCOPE_PRESETS.find((p) => p.name === name);
  return preset?.rateLimit ? { ...preset.rateLimit } : null;
}
