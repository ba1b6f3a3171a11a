import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { KEY_EVENT_SCHEMAS, type KeyEventSchemaName } from './schemas';
import type { TopicEvent } from './topic-event';
import { upcast } from './upcasters';

export class InvalidKeyEventError extends Error {
  readonly code = 'INVALID_KEY_EVENT';
  constructor(
    readonly reason: 'NOT_JSON' | 'NOT_AN_OBJECT' | 'UNKNOWN_TYPE' | 'SCHEMA_VIOLATION',
    message: string,
  ) {
    super(message);
    this.name = 'InvalidKeyEventError';
  }
}

const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats(ajv);
const validators = new Map<string, ValidateFunction>(
  Object.entries(KEY_EVENT_SCHEMAS).map(([name, schema]) => [name, ajv.compile(schema)]),
);

function formatErrors(errors: ErrorObject[] | null | undefined): string {
  return (errors ?? [])
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message}`)
    .join('; ');
}

/**
 * Validates an incoming message of the key topic (bytes, string or object)
 * against the schema of its type and version, then upcasts it to the current
 * shape. Besides the key lifecycle events the topic carries key signals
 * (KeyBrowserUseRefused) and workspace events (WorkspacePolicyChanged):
 * consumers check `type` (isKeyLifecycleEvent) and skip what they do not need.
 * Throws InvalidKeyEventError for anything else: callers dead-letter it.
 */
export function parseKeyEvent(input: Buffer | string | unknown): TopicEvent {
  let value: unknown = input;
  if (Buffer.isBuffer(input) || typeof input === 'string') {
    try {
      value = JSON.parse(input.toString());
    } catch {
      throw new InvalidKeyEventError('NOT_JSON', 'message is not valid JSON');
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidKeyEventError('NOT_AN_OBJECT', 'message is not a JSON object');
  }
  const { type, schemaVersion } = value as { type?: unknown; schemaVersion?: unknown };
  const name = `${String(type)}.v${String(schemaVersion)}`;
  const validate = validators.get(name);
  if (!validate) {
    throw new InvalidKeyEventError('UNKNOWN_TYPE', `unknown event type or schema version: ${name.slice(0, 80)}`);
  }
  if (!validate(value)) {
    throw new InvalidKeyEventError('SCHEMA_VIOLATION', `${name} violates its schema: ${formatErrors(validate.errors)}`);
  }
  return upcast(name as KeyEventSchemaName, value as never);
}
