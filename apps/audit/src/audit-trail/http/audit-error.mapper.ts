import { ApiError, type ErrorMapper } from '@pxxl/http';
import { AuditError } from '../domain/audit-errors';

const STATUS: Record<string, number> = {
  KEY_NOT_FOUND: 404,
  ENTRY_NOT_FOUND: 404,
  CHECKPOINTS_NOT_CONFIGURED: 503,
  TREE_NOT_READY: 503,
  UNKNOWN_WITNESS: 403,
  CHECKPOINT_NOT_OURS: 422,
  BAD_COSIGNATURE: 422,
};

/** HTTP status per audit error code; anything not listed is a 400. */
export const auditErrorMapper: ErrorMapper = (error) =>
  error instanceof AuditError ? new ApiError(STATUS[error.code] ?? 400, error.code, error.message, error.details) : undefined;

/** The status an audit code answers with, by this mapping (the contract groups its error answers by it). */
export const auditErrorStatus = (code: string): number => auditErrorMapper(new AuditError(code, code))!.status;
