import { reconcileTrail, type ChainBreakReason } from '@pxxl/audit-trail';
import { KEY_EVENTS_COLLECTION, KEY_SIGNALS_COLLECTION } from '@pxxl/event-store';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditErrors } from '../../apps/audit/src/audit-trail/domain/audit-errors';
import type { EntryBreakReason } from '../../apps/audit/src/audit-trail/queries/verify-integrity/entry-check';

/** docs/audit.md names every code a reviewer can meet; the CLI reads the event store the key service writes. */
describe('docs/audit.md and the audit trail’s contracts', () => {
  const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'audit.md'), 'utf8');

  it('explains every integrity reason and every error code of the reviewer API', () => {
    const reasons: Record<ChainBreakReason | EntryBreakReason, true> = {
      UNREADABLE_RECORD: true,
      WRONG_WORKSPACE: true,
      OUT_OF_ORDER: true,
      ENTRIES_MISSING: true,
      RECORD_ALTERED: true,
      BROKEN_LINK: true,
      TAIL_MISSING: true,
      HEAD_MISMATCH: true,
      ANCHOR_MISMATCH: true,
      ENTRY_ALTERED: true,
      ENTRY_MISSING: true,
      ENTRY_NOT_IN_CHAIN: true,
      ENTRY_WITHOUT_EVENT: true,
    };
    const errors = Object.values(AuditErrors).map((make) => (make as (...args: unknown[]) => { code: string })('x', 'y').code);
    for (const code of [...Object.keys(reasons), ...errors, 'INVALID_KEY_ID', 'VALIDATION_FAILED', 'INSUFFICIENT_SCOPE']) expect(doc).toContain(`\`${code}\``);
  });

  it('reconciles against the collections the key service stores its events and signals in', async () => {
    const read: string[] = [];
    const db = {
      collection(name: string) {
        read.push(name);
        return { find: async function* () {} };
      },
    };
    await reconcileTrail(db, { now: new Date(), graceMs: 0 });
    expect(read).toEqual(expect.arrayContaining([KEY_EVENTS_COLLECTION, KEY_SIGNALS_COLLECTION]));
  });
});
