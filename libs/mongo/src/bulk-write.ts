/**
 * FerretDB v1 (SQLite) stops answering every client once one `update`
 * command carries 100 or more statements (a bulkWrite of ≥100 updateOne
 * operations; 99 work, measured). MongoDB has no such limit. Bulk updates
 * are sent in chunks below it.
 */
export const BULK_WRITE_CHUNK = 50;

export function chunks<T>(items: readonly T[], size = BULK_WRITE_CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
