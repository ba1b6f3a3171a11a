import { kafkajsRequestQueuePatched } from './kafkajs-request-queue.patch';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const RequestQueue = require('kafkajs/src/network/requestQueue');

const noLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const queue = () => new RequestQueue({ maxInFlightRequests: 1, requestTimeout: 30_000, enforceRequestTimeout: false, clientId: 'spec', broker: 'b:1', logger: noLogger });

describe('kafkajs request queue patch', () => {
  afterEach(() => jest.useRealTimers());

  it('is applied to the kafkajs version the apps run', () => {
    expect(kafkajsRequestQueuePatched).toBe(true);
  });

  it('arms no timer when nothing waits and nothing is throttled (kafkajs 2.2.4 re-armed one every 1 ms)', () => {
    jest.useFakeTimers();
    const q = queue();
    q.checkPendingRequests();
    expect(q.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('still re-checks waiting requests, and waits out a broker throttle', () => {
    jest.useFakeTimers();
    const waiting = queue();
    waiting.pending.push({});
    waiting.scheduleCheckPendingRequests();
    expect(jest.getTimerCount()).toBe(1);
    jest.clearAllTimers();

    const throttled = queue();
    throttled.throttledUntil = Date.now() + 500;
    const check = jest.spyOn(throttled, 'checkPendingRequests');
    throttled.scheduleCheckPendingRequests();
    jest.advanceTimersByTime(499);
    expect(check).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(check).toHaveBeenCalledTimes(1);
  });
});
