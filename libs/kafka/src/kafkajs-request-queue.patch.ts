/**
 * kafkajs 2.2.4 spins while idle: every broker connection's request queue
 * re-arms a timer of `throttledUntil - now` ms after each check, and with
 * nothing pending and no throttle that is a negative delay, which Node runs
 * after 1 ms, forever (tulios/kafkajs#1556, #1704; the fix in PR #1667 is
 * unreleased). Each connection then wakes its process 1,000 times a second:
 * an idle producer alone used 2% of a core here (docs/operations.md, "Idle").
 *
 * This replaces that one method with the fixed one: a check is scheduled only
 * while requests wait (as before) or a broker throttle is pending; a request
 * that cannot go at once is still queued and scheduled by `push`, and every
 * answer checks the queue again. Applied once, when `@pxxl/kafka` loads,
 * and only to the version it was written for.
 */
const PATCHED_VERSION = '2.2.4';
/** kafkajs's own interval for re-checking waiting requests (requestQueue/index.js). */
const CHECK_PENDING_REQUESTS_INTERVAL_MS = 10;

interface RequestQueueInternals {
  throttledUntil: number;
  pending: unknown[];
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests(): void;
}

function scheduleCheckPendingRequests(this: RequestQueueInternals): void {
  if (this.throttleCheckTimeoutId) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  let delay: number;
  if (this.pending.length > 0) delay = untilUnthrottled > 0 ? untilUnthrottled : CHECK_PENDING_REQUESTS_INTERVAL_MS;
  else if (untilUnthrottled > 0) delay = untilUnthrottled;
  else return; // nothing waits and nothing is throttled: the next push or answer checks again
  this.throttleCheckTimeoutId = setTimeout(() => {
    this.throttleCheckTimeoutId = null;
    this.checkPendingRequests();
  }, delay);
}

/** true when kafkajs's request queue runs the fixed scheduler (false: another kafkajs version, left as it is). */
export function patchKafkajsRequestQueue(): boolean {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== PATCHED_VERSION) return false;
  const RequestQueue = require('kafkajs/src/network/requestQueue') as { prototype: RequestQueueInternals };
  /* eslint-enable @typescript-eslint/no-require-imports */
  RequestQueue.prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
  return true;
}

export const kafkajsRequestQueuePatched = patchKafkajsRequestQueue();
