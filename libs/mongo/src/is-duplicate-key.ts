/** MongoDB and FerretDB both answer a primary-key collision with code 11000. */
export function isDuplicateKeyError(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as { code?: number; writeErrors?: Array<{ code?: number }> };
  return e.code === 11000 || (e.writeErrors ?? []).some((w) => w.code === 11000);
}
