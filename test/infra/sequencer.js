'use strict';
// Jest's own order (failed first, then slowest first), except that the tests
// which wait for a tool built in the background run last: on a fresh machine
// the tracing test waits for Jaeger's build (scripts/ensure-jaeger.js), and
// run last it holds no worker while every other test can run. The cluster fault
// test goes just before it: it waits for that build to end rather than share the
// CPU with a compiler (its one-second revocation promise is measured), so by then
// the wait is normally over.
const Sequencer = require('@jest/test-sequencer').default;

const LAST = [/[\\/]test[\\/]faults[\\/]cluster\.e2e-spec\.ts$/, /[\\/]test[\\/]observability[\\/]traces\.e2e-spec\.ts$/];

class WaitingTestsLast extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const rank = (test) => LAST.findIndex((pattern) => pattern.test(test.path));
    const last = LAST.flatMap((_, i) => sorted.filter((test) => rank(test) === i));
    return [...sorted.filter((test) => rank(test) < 0), ...last];
  }
}

module.exports = WaitingTestsLast;
