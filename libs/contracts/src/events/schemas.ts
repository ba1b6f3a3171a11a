/**
 * JSON Schema (draft 2020-12) of each event type and version. These are the
 * published contract: docs/schemas/*.json are generated from them and a test
 * keeps the two identical.
 */
const ISO_DATE_TIME = { type: 'string', format: 'date-time' } as const;
const KEY_ID = { type: 'string', pattern: '^[0-9A-Za-z]{16}$' } as const;
const BCRYPT_HASH = { type: 'string', pattern: '^\\$2[aby]\\$\\d{2}\\$[./A-Za-z0-9]{53}$' } as const;
const DISPLAY_PREFIX = { type: 'string', pattern: '^pxxl_[0-9A-Za-z]{16}_[0-9A-Za-z]{4}$' } as const;

function envelope(type: string, schemaVersion: number, data: object) {
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `https://pxxl.dev/schemas/keys/${type}.v${schemaVersion}.json`,
    title: `${type} v${schemaVersion}`,
    type: 'object',
    additionalProperties: false,
    required: ['eventId', 'type', 'schemaVersion', 'keyId', 'workspaceId', 'version', 'occurredAt', 'actor', 'data'],
    properties: {
      eventId: { type: 'string', format: 'uuid' },
      type: { const: type },
      schemaVersion: { const: schemaVersion },
      keyId: KEY_ID,
      workspaceId: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' },
      version: { type: 'integer', minimum: 1 },
      occurredAt: ISO_DATE_TIME,
      actor: { type: 'string', pattern: '^(system|key:[0-9A-Za-z]{16})$' },
      data,
    },
  };
}

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
} as const;

export type KeyEventSchemaName = keyof typeof KEY_EVENT_SCHEMAS;
