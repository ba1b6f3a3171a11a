import { csvRow } from '@pxxl/audit-trail';
import type { EventFinding, KeyFinding, ReviewReport } from '../../domain/review-report';

export const REVIEW_CSV_COLUMNS = [
  'section',
  'keyId',
  'keyName',
  'detail',
  'scopes',
  'createdAt',
  'createdBy',
  'expiresAt',
  'lastUsedAt',
  'rotatedAt',
  'limits',
  'verificationsLast30Days',
  'eventId',
  'occurredAt',
  'actor',
  'owner',
] as const;

/**
 * The review report as one sheet: a row per finding (the `section` column
 * says which list it is on), then a row per month of activity, then one row
 * naming any section the trail does not record yet.
 */
export function reviewCsv(report: ReviewReport): string {
  const rows: string[] = [csvRow(REVIEW_CSV_COLUMNS)];
  // Every row as wide as the header, so a spreadsheet sees one clean table.
  const note = (section: string, detail: string) => csvRow([section, '', '', detail, ...Array(REVIEW_CSV_COLUMNS.length - 4).fill('')]);
  for (const [section, findings] of Object.entries(report.findings) as Array<[string, Array<KeyFinding | EventFinding>]>) {
    for (const f of findings) {
      const key = 'scopes' in f ? f : null;
      const event = 'eventId' in f ? f : null;
      rows.push(
        csvRow([
          section,
          f.keyId,
          f.keyName,
          f.detail,
          key?.scopes.join(' '),
          key?.createdAt,
          key?.createdBy,
          key?.expiresAt,
          key?.lastUsedAt,
          key?.rotatedAt,
          key?.limits,
          key?.verificationsLast30Days ?? (key ? '' : undefined),
          event?.eventId,
          event?.occurredAt,
          event?.actor,
          key?.owner,
        ]),
      );
    }
  }
  for (const month of report.activity.byMonth) {
    const { month: name, ...counts } = month;
    const detail = `${name}: ${counts.created} created, ${counts.rotated} rotated, ${counts.revoked} revoked (${counts.leaked} as leaked), ${counts.updated} updated, ${counts.limitsChanged} limits changed, ${counts.toppedUp} topped up, ${counts.ownerChanged} owner changes`;
    rows.push(note('activity', detail));
  }
  for (const section of report.notYetRecorded) rows.push(note('not yet recorded', `${section}: the audit trail does not record these yet`));
  return rows.join('');
}
