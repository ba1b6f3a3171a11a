import { DomainError, keyErrorMapper } from '../../keys';
import type { FieldErrors } from '../views/layout';

/** Which form field each of the API's error codes is about; a code not listed is shown at the form's top. */
const FIELD_OF_CODE: Record<string, string> = {
  INVALID_NAME: 'name',
  NOTHING_TO_UPDATE: 'name',
  INVALID_DESCRIPTION: 'description',
  UNKNOWN_PRESET: 'preset',
  INVALID_PRESET_RESOURCE: 'preset',
  NO_SCOPES: 'scopes',
  UNKNOWN_SCOPE: 'scopes',
  SCOPE_ESCALATION: 'scopes',
  SCOPE_NOT_ALLOWED: 'scopes',
  EXPIRY_REQUIRED: 'expiresOn',
  EXPIRY_IN_PAST: 'expiresOn',
  EXPIRY_TOO_FAR: 'expiresOn',
  INVALID_EXPIRY: 'expiresOn',
  INVALID_GRACE_PERIOD: 'gracePeriodSeconds',
  INVALID_LIMIT: 'limits',
};

/**
 * A refusal of the domain as errors next to the form's fields, with the
 * API's code and message; other errors (not found, outage) propagate to the
 * error page. `fallbackField` takes a code the form has no field for.
 */
export function fieldErrorsOf(error: unknown, fields: readonly string[], fallbackField: string): FieldErrors {
  if (!(error instanceof DomainError)) throw error;
  const mapped = FIELD_OF_CODE[error.code];
  const field = mapped && fields.includes(mapped) ? mapped : fallbackField;
  return { [field]: { code: error.code, message: error.message } };
}

/** The status the API answers the same error with. */
export function statusOf(error: unknown): number {
  return keyErrorMapper(error)?.status ?? 400;
}
