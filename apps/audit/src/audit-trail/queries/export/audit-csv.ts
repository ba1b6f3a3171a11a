import { csvRow, type AuditRecord } from '@pxxl/audit-trail';

export const AUDIT_CSV_COLUMNS = [
  'seq',
  'occurredAt',
  'recordedAt',
  'type',
  'keyId',
  'keyName',
  'actor',
  'summary',
  'version',
  'eventId',
  'details',
  'prevHash',
  'hash',
] as const;

export const AUDIT_CSV_HEADER = csvRow(AUDIT_CSV_COLUMNS);

export function auditCsvRow(record: AuditRecord): string {
  return csvRow(AUDIT_CSV_COLUMNS.map((column) => record[column]));
}
