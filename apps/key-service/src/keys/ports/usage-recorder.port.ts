/** Notes that a key was used; written off the hot path, batched. */
export interface UsageRecorder {
  record(keyId: string, at: Date): void;
}

export const USAGE_RECORDER = 'USAGE_RECORDER';
