/**
 * The chain is sealed in segments of 100 positions: segment `floor((seq - 1) / 100)`
 * holds seq `segment * 100 + 1` to `segment * 100 + 100`. Fixed for good:
 * changing it would need a migration.
 */
export const SEGMENT_CAPACITY = 100;

export function segmentOf(seq: number): { segment: number; slot: number; firstSeq: number } {
  const segment = Math.floor((seq - 1) / SEGMENT_CAPACITY);
  return { segment, slot: (seq - 1) % SEGMENT_CAPACITY, firstSeq: segment * SEGMENT_CAPACITY + 1 };
}

export function segmentId(workspaceId: string, segment: number): string {
  return `${workspaceId}:${String(segment).padStart(10, '0')}`;
}

export function linkId(workspaceId: string, seq: number, attempt: number): string {
  return `${workspaceId}:${String(seq).padStart(12, '0')}:${attempt}`;
}
