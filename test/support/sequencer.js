const { relative } = require('node:path');
const TestSequencer = require('@jest/test-sequencer').default;
const committedSeconds = require('../spec-times.json');

/**
 * Jest's order (a file that failed last time first, then the slowest first), with the spec files' times from a
 * whole run on this machine (test/spec-times.json) where jest's own cache has none: on a fresh clone, as in CI,
 * jest would otherwise order by file size, and a slow small file started last keeps one worker busy alone at the
 * end. A file that is in neither runs first.
 */
class SlowestFirstSequencer extends TestSequencer {
  time(test) {
    const seconds = committedSeconds[relative(test.context.config.rootDir, test.path)];
    return super.time(test) ?? (seconds === undefined ? undefined : seconds * 1000);
  }
}

module.exports = SlowestFirstSequencer;
