import { KafkaLiveness } from './kafka-liveness';

function setup() {
  const clock = { now: 1_000_000 };
  const liveness = new KafkaLiveness(10_000, () => clock.now);
  return { clock, liveness };
}

describe('KafkaLiveness', () => {
  it('knows nothing and covers nothing before the consumer has fetched', () => {
    const { liveness } = setup();
    expect(liveness.lastHeardAt()).toBe(0);
    expect(liveness.coveredSince()).toBe(Infinity);
  });

  it('counts a completed fetch from the moment it began, and covers from the first fetch after joining', async () => {
    const { clock, liveness } = setup();
    liveness.joined();
    const covering = liveness.whenCovering();
    liveness.fetchStarted(1);
    clock.now += 50;
    liveness.fetched(1);
    await covering;
    expect(liveness.lastHeardAt()).toBe(1_000_000);
    expect(liveness.coveredSince()).toBe(1_000_050);
  });

  it('stays fresh while an idle consumer keeps fetching, and goes stale when a fetch hangs', () => {
    const { clock, liveness } = setup();
    liveness.joined();
    for (let i = 0; i < 100; i++) {
      liveness.fetchStarted(1);
      clock.now += 50;
      liveness.fetched(1);
    }
    expect(liveness.lastHeardAt()).toBe(clock.now - 50);
    liveness.fetchStarted(1);
    const hungSince = clock.now;
    clock.now += 60_000;
    expect(liveness.lastHeardAt()).toBe(hungSince - 50);
  });

  it('goes by the broker heard from least recently', () => {
    const { clock, liveness } = setup();
    liveness.joined();
    liveness.fetchStarted(1);
    liveness.fetchStarted(2);
    liveness.fetched(1);
    clock.now += 5000;
    liveness.fetchStarted(1);
    liveness.fetched(1);
    expect(liveness.lastHeardAt()).toBe(0);
    liveness.fetched(2);
    expect(liveness.lastHeardAt()).toBe(1_000_000);
  });

  it('forgets a broker that left the rotation, but not one whose fetch is in flight', () => {
    const { clock, liveness } = setup();
    liveness.joined();
    liveness.fetchStarted(1);
    liveness.fetched(1);
    liveness.fetchStarted(2);
    liveness.fetched(2);
    clock.now += 10_001;
    liveness.fetchStarted(1);
    liveness.fetched(1);
    expect(liveness.lastHeardAt()).toBe(clock.now);
  });

  it('forgets everything when the consumer crashes or rejoins', () => {
    const { liveness } = setup();
    liveness.joined();
    liveness.fetchStarted(1);
    liveness.fetched(1);
    liveness.stopped();
    expect(liveness.lastHeardAt()).toBe(0);
    expect(liveness.coveredSince()).toBe(Infinity);
    liveness.joined();
    expect(liveness.coveredSince()).toBe(Infinity);
  });
});
