import Sequencer from '@jest/test-sequencer';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const WaitingTestsLast = require('./sequencer.js') as typeof Sequencer;
type Test = Parameters<Sequencer['sort']>[0][number];

describe('the test order', () => {
  it("is jest's, but the cluster fault test and then the tracing test, which may wait for Jaeger's background build, run last", async () => {
    const paths = ['/repo/test/observability/traces.e2e-spec.ts', '/repo/test/limits/limits.e2e-spec.ts', '/repo/test/faults/cluster.e2e-spec.ts', '/repo/libs/kafka/src/kafka.client.spec.ts', '/repo/test/observability/metrics.e2e-spec.ts'];
    const tests = paths.map((path) => ({ path }) as Test);
    jest.spyOn(Sequencer.prototype, 'sort').mockImplementation(async (given) => given);
    const sorted = await new WaitingTestsLast({ contexts: [], globalConfig: {} as never }).sort(tests);
    expect(sorted.map((test) => test.path)).toEqual([paths[1], paths[3], paths[4], paths[2], paths[0]]);
  });
});
