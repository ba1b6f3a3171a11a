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
}

export const SCOPE_PRESETS: readonly ScopePreset[] = [
  {
    name: 'deployment-checks',
    title: 'Backend deployment checks',
    description: 'Read deployment status and project metadata only; nothing that writes or deploys. Give presetResource to limit it to one project.',
    scopes: ['deployments:read', 'projects:read'],
    resource: 'project',
  },
  {
    name: 'cdn-uploader',
    title: 'CDN uploader',
    description: 'Upload and read CDN assets; no project or billing access. Give presetResource (a CDN space) to limit it to that space.',
    scopes: ['cdn:upload', 'cdn:read'],
    resource: 'cdn_space',
  },
  {
    name: 'internal-automation',
    title: 'Internal automation',
    description: 'No scopes of its own: list exactly the project, domain or billing scopes the automation modifies in `scopes`.',
    scopes: [],
    resource: null,
  },
  {
    name: 'monitoring',
    title: 'Monitoring service',
    description: 'Read-only status, usage and health; cannot trigger deployments or change configuration.',
    scopes: ['health:read', 'usage:read', 'deployments:read'],
    resource: null,
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
