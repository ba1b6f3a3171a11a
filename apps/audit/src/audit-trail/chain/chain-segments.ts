/**
 * Where a chain position is stored: segment `floor((seq - 1) / 100)`, slot
 * `(seq - 1) % 100`. Fixed for good: changing it would need a migration.
 */
export const SEGMENT_CAPACITY = 100;

export function segmentOf(seq: number): { segment: number; slot: number; firstSeq: number } {
  const segment = Math.floor((seq - 1) / SEGMENT_CAPACITY);
  return { segment, slot: (seq - 1) % SEGMENT_CAPACITY, firstSeq: segment * SEGMENT_CAPACITY + 1 };
}

export function segmentId(workspaceId: string, segment: number): string {
  return `${workspaceId}:${String(segment).padStart(10, '0')}`;
}
