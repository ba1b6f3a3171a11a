'use strict';
// Jest's own order (failed first, then slowest first), except that the tests
// which wait for a tool built in the background run last: on a fresh machine
// the tracing test waits for Jaeger's build (scripts/ensure-jaeger.js), and
// run last it holds no worker while every other test can run.
const Sequencer = require('@jest/test-sequencer').default;

const LAST = [/[\\/]test[\\/]observability[\\/]traces\.e2e-spec\.ts$/];

class WaitingTestsLast extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const last = (test) => LAST.some((pattern) => pattern.test(test.path));
    return [...sorted.filter((test) => !last(test)), ...sorted.filter(last)];
  }
}

module.exports = WaitingTestsLast;
