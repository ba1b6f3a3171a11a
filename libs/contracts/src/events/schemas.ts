/**
 * JSON Schema (draft 2020-12) of each event type and version. These are the
 * published contract: docs/schemas/*.json are generated from them and a test
 * keeps the two identical.
 */
const ISO_DATE_TIME = { type: 'string', format: 'date-time' } as const;
const KEY_ID = { type: 'string', pattern: '^[0-9A-Za-z]{16}$' } as const;
const BCRYPT_HASH = { type: 'string', pattern: '^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$' } as const;
const DISPLAY_PREFIX = { type: 'string', pattern: '^pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{4}$' } as const;

const SCOPE = { type: 'string', pattern: '^[a-z][a-z_]*:[a-z][a-z_]*(:[A-Za-z0-9][A-Za-z0-9._-]{0,63})?$' } as const;
const HEADER_VALUE = { type: ['string', 'null'], maxLength: 300 } as const;
/** An IPv4 or IPv6 CIDR (or single address); the key service checks host bits and ranges (libs/contracts/src/limits). */
const CIDR = { type: 'string', minLength: 2, maxLength: 49, pattern: '^[0-9A-Fa-f:.]+(/[0-9]{1,3})?$' } as const;
/** `<kind>:<name>` (libs/contracts/src/owners: OWNER_PATTERN, repeated here because this file imports nothing). */
const OWNER = { type: ['string', 'null'], maxLength: 71, pattern: '^(team|user|service):[a-z0-9][a-z0-9._-]{0,62}$' } as const;
const RATE_LIMIT = {
  type: 'object',
  additionalProperties: false,
  required: ['limit', 'windowSeconds'],
  properties: { limit: { type: 'integer', minimum: 1, maximum: 1000000 }, windowSeconds: { type: 'integer', minimum: 1, maximum: 86400 } },
} as const;
const QUOTA_PERIOD = { type: 'string', pattern: '^(all|[0-9]{4}-[0-9]{2}(-[0-9]{2})?)$' } as const;

/** The envelope of a key's events and signals: `keyId` names the key (and is the Kafka message key). */
function envelope(type: string, schemaVersion: number, data: object) {
  return workspaceEnvelope(type, schemaVersion, data, { keyId: KEY_ID });
}

/** The envelope of workspace events: no keyId; the Kafka message key is `workspace:<workspaceId>`. */
function workspaceEnvelope(type: string, schemaVersion: number, data: object, extra: Record<string, object> = {}) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://pxxl.dev/schemas/keys/${type}.v${schemaVersion}.json`,
    title: `${type} v${schemaVersion}`,
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'type', 'schemaVersion', ...Object.keys(extra), 'workspaceId', 'version', 'occurredAt', 'actor', 'data'],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      type: { const: type },
      schemaVersion: { const: schemaVersion },
      ...extra,
      workspaceId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
      version: { type: 'integer', minimum: 1 },
      occurredAt: ISO_DATE_TIME,
      actor: { type: 'string', pattern: '^(system|key:[0-9A-Za-z]{16})$' },
      data,
    },
  };
}

/** The envelope of a review's events: `reviewId` names the review; the Kafka message key is `review:<reviewId>`. */
function reviewEnvelope(type: string, data: object) {
  return workspaceEnvelope(type, 1, data, { reviewId: KEY_ID });
}

const OWNER_OR_NULL = { type: ['string', 'null'], minLength: 1, maxLength: 100 } as const;
const REVIEWER = {
  type: 'object',
  additionalProperties: false,
  required: ['keyId', 'owner'],
  properties: { keyId: KEY_ID, owner: OWNER_OR_NULL },
} as const;
const REVIEW_DECISION = { enum: ['keep', 'rotate', 'revoke', 'shorten-expiry', 'reassign'] } as const;
const NULLABLE_DATE_TIME = { oneOf: [ISO_DATE_TIME, { type: 'null' }] } as const;

export const KEY_EVENT_SCHEMAS = {
  'KeyCreated.v1': envelope('KeyCreated', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'description', 'scopes', 'expiresAt', 'secretHash', 'displayPrefix'],
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: ['string', 'null'], maxLength: 500 },
      scopes: { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } },
      expiresAt: { oneOf: [ISO_DATE_TIME, { type: 'null' }] },
      secretHash: BCRYPT_HASH,
      displayPrefix: DISPLAY_PREFIX,
    },
  }),
  'KeyRotated.v1': envelope('KeyRotated', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['secretHash', 'displayPrefix', 'gracePeriodSeconds', 'previousSecretValidUntil'],
    properties: {
      secretHash: BCRYPT_HASH,
      displayPrefix: DISPLAY_PREFIX,
      gracePeriodSeconds: { type: 'integer', minimum: 0 },
      previousSecretValidUntil: { oneOf: [ISO_DATE_TIME, { type: 'null' }] },
    },
  }),
  'KeyRevoked.v1': envelope('KeyRevoked', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['reason'],
    properties: { reason: { type: ['string', 'null'], maxLength: 500 } },
  }),
  'KeyUpdated.v1': envelope('KeyUpdated', 1, {
    type: 'object',
    additionalProperties: false,
    minProperties: 1,
    properties: {
      name: { type: 'string', minLength: 1, maxLength: 100 },
      description: { type: ['string', 'null'], maxLength: 500 },
    },
  }),
  'KeyLimitsChanged.v1': envelope('KeyLimitsChanged', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['rateLimit', 'usage', 'allowedIps'],
    properties: {
      rateLimit: {
        oneOf: [
          RATE_LIMIT,
          { type: 'null' },
        ],
      },
      usage: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['limit', 'refill'],
            properties: {
              limit: { type: 'integer', minimum: 1, maximum: 1000000000 },
              refill: {
                oneOf: [
                  {
                    type: 'object',
                    additionalProperties: false,
                    required: ['amount', 'interval'],
                    properties: { amount: { type: 'integer', minimum: 1, maximum: 1000000000 }, interval: { enum: ['day', 'month'] } },
                  },
                  { type: 'null' },
                ],
              },
            },
          },
          { type: 'null' },
        ],
      },
      allowedIps: { oneOf: [{ type: 'array', minItems: 1, maxItems: 50, items: CIDR }, { type: 'null' }] },
    },
  }),
  'KeyCreditsAdded.v1': envelope('KeyCreditsAdded', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['amount', 'period'],
    properties: { amount: { type: 'integer', minimum: 1, maximum: 1000000000 }, period: QUOTA_PERIOD },
  }),
  'KeyBrowserUseRefused.v1': envelope('KeyBrowserUseRefused', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['origin', 'secFetchMode', 'secFetchSite', 'route'],
    properties: {
      origin: HEADER_VALUE,
      secFetchMode: HEADER_VALUE,
      secFetchSite: HEADER_VALUE,
      route: { type: 'string', minLength: 1, maxLength: 300 },
    },
  }),
  'WorkspacePolicyChanged.v1': workspaceEnvelope('WorkspacePolicyChanged', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['maxLifetimeDays', 'allowNonExpiring', 'maxGracePeriodSeconds', 'scopeAllowList'],
    properties: {
      maxLifetimeDays: { type: 'integer', minimum: 1 },
      allowNonExpiring: { type: 'boolean' },
      maxGracePeriodSeconds: { type: 'integer', minimum: 0 },
      scopeAllowList: { oneOf: [{ type: 'array', items: SCOPE, maxItems: 200 }, { type: 'null' }] },
    },
  }),
  'KeyExpiring.v1': envelope('KeyExpiring', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['thresholdDays', 'expiresAt', 'owner'],
    properties: { thresholdDays: { type: 'integer', minimum: 1, maximum: 365 }, expiresAt: ISO_DATE_TIME, owner: OWNER },
  }),
  'KeyExpired.v1': envelope('KeyExpired', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['expiresAt', 'owner'],
    properties: { expiresAt: ISO_DATE_TIME, owner: OWNER },
  }),
  'ReviewOpened.v1': reviewEnvelope('ReviewOpened', {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'dueAt', 'owner', 'scope', 'keys'],
    properties: {
      title: { type: 'string', minLength: 1, maxLength: 200 },
      dueAt: ISO_DATE_TIME,
      owner: OWNER_OR_NULL,
      scope: { oneOf: [SCOPE, { type: 'null' }] },
      keys: {
        type: 'array',
        maxItems: 1000,
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['keyId', 'name', 'owner', 'scopes', 'createdAt', 'createdBy', 'lastUsedAt', 'expiresAt', 'version'],
          properties: {
            keyId: KEY_ID,
            name: { type: 'string', minLength: 1, maxLength: 100 },
            owner: OWNER_OR_NULL,
            scopes: { type: 'array', items: { type: 'string', minLength: 1 } },
            createdAt: ISO_DATE_TIME,
            createdBy: { type: 'string' },
            lastUsedAt: NULLABLE_DATE_TIME,
            expiresAt: NULLABLE_DATE_TIME,
            version: { type: 'integer', minimum: 1 },
          },
        },
      },
    },
  }),
  'KeyReviewed.v1': reviewEnvelope('KeyReviewed', {
    type: 'object',
    additionalProperties: false,
    required: ['keyId', 'decision', 'justification', 'expiresAt', 'owner', 'reviewer'],
    properties: {
      keyId: KEY_ID,
      decision: REVIEW_DECISION,
      justification: { type: ['string', 'null'], maxLength: 1000 },
      expiresAt: NULLABLE_DATE_TIME,
      owner: OWNER_OR_NULL,
      reviewer: REVIEWER,
    },
  }),
  'ReviewActionApplied.v1': reviewEnvelope('ReviewActionApplied', {
    type: 'object',
    additionalProperties: false,
    required: ['keyId', 'decision', 'followUpEventId', 'followUpEventType', 'keyVersion'],
    properties: {
      keyId: KEY_ID,
      decision: { enum: ['rotate', 'revoke', 'shorten-expiry', 'reassign'] },
      followUpEventId: { type: 'string', format: 'uuid' },
      followUpEventType: { type: 'string', minLength: 1, maxLength: 100 },
      keyVersion: { type: 'integer', minimum: 1 },
    },
  }),
  'ReviewSignedOff.v1': reviewEnvelope('ReviewSignedOff', {
    type: 'object',
    additionalProperties: false,
    required: ['by', 'checkpoint', 'keysReviewed'],
    properties: {
      by: REVIEWER,
      checkpoint: {
        oneOf: [
          {
            type: 'object',
            additionalProperties: false,
            required: ['size', 'signedAt', 'note'],
            properties: { size: { type: 'integer', minimum: 0 }, signedAt: ISO_DATE_TIME, note: { type: 'string', minLength: 1, maxLength: 10000 } },
          },
          { type: 'null' },
        ],
      },
      keysReviewed: { type: 'integer', minimum: 0 },
    },
  }),
  'WorkspacePolicyChanged.v2': workspaceEnvelope('WorkspacePolicyChanged', 2, {
    type: 'object',
    additionalProperties: false,
    required: [
      'maxLifetimeDays',
      'allowNonExpiring',
      'maxGracePeriodSeconds',
      'scopeAllowList',
      'requireOwner',
      'expiryNoticeDays',
      'maxRateLimit',
      'maxUsageLimit',
      'requireAllowedIps',
    ],
    properties: {
      maxLifetimeDays: { type: 'integer', minimum: 1 },
      allowNonExpiring: { type: 'boolean' },
      maxGracePeriodSeconds: { type: 'integer', minimum: 0 },
      scopeAllowList: { oneOf: [{ type: 'array', items: SCOPE, maxItems: 200 }, { type: 'null' }] },
      requireOwner: { type: 'boolean' },
      expiryNoticeDays: { type: 'array', maxItems: 5, uniqueItems: true, items: { type: 'integer', minimum: 1, maximum: 365 } },
      maxRateLimit: {
        oneOf: [
          RATE_LIMIT,
          { type: 'null' },
        ],
      },
      maxUsageLimit: { oneOf: [{ type: 'integer', minimum: 1, maximum: 1000000000 }, { type: 'null' }] },
      requireAllowedIps: { type: 'boolean' },
    },
  }),
  'KeyOwnerChanged.v1': envelope('KeyOwnerChanged', 1, {
    type: 'object',
    additionalProperties: false,
    required: ['owner', 'previousOwner'],
    properties: { owner: OWNER, previousOwner: OWNER },
  }),
} as const;

export type KeyEventSchemaName = keyof typeof KEY_EVENT_SCHEMAS;
