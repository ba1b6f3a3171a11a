/** What the key service stored (events and key signals), seen from the trail: every entry must have one. */
export interface EventLogReader {
  /** The eventIds of everything stored for a workspace. Streamed. */
  storedEventIds(workspaceId: string): AsyncIterable<string>;
}

export const EVENT_LOG_READER = 'EVENT_LOG_READER';
