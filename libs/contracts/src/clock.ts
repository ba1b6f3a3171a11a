/** The time source, injected so that expiry and grace rules are tested without sleeping. */
export interface Clock {
  now(): Date;
}

export const CLOCK = 'CLOCK';

export const systemClock: Clock = { now: () => new Date() };
