const { existsSync, mkdirSync, readFileSync, writeFileSync } = require('node:fs');
const { join, relative } = require('node:path');

/**
 * Prints every spec file's time, slowest first (what to size when CI grows long), and one plain closing line,
 * `N passed, N failed, N skipped`, that any CI log reader understands. With SPEC_TIMES_FILE set, it also keeps the
 * times there as JSON ({ "file": seconds }), so .ci/run can print both databases' runs side by side at the end;
 * `SPEC_TIMES_FILE=test/spec-times.json npm test` refreshes the times the sequencer (./sequencer.js) starts from;
 * a run of some files refreshes theirs and keeps the rest.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const times = results.testResults
      .map((file) => ({
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
        file: relative(process.cwd(), file.testFilePath),
      }))
      .sort((a, b) => b.seconds - a.seconds);
    const lines = times.map(({ seconds, file }) => `${seconds.toFixed(0).padStart(5)} s  ${file}`);
    process.stdout.write(`\nspec files by time:\n${lines.join('\n')}\n`);
    const timesFile = process.env.SPEC_TIMES_FILE;
    if (timesFile) {
      mkdirSync(join(timesFile, '..'), { recursive: true });
      // A run of some files refreshes theirs and keeps the others' (of files still there).
      const known = existsSync(timesFile) ? JSON.parse(readFileSync(timesFile, 'utf8')) : {};
      const kept = Object.entries(known).filter(([file]) => existsSync(file));
      const fresh = times.map((t) => [t.file, Math.round(t.seconds)]);
      const byFile = Object.fromEntries(
        [...new Map([...kept, ...fresh])].sort(([a], [b]) => a.localeCompare(b)),
      );
      writeFileSync(timesFile, `${JSON.stringify(byFile, null, 2)}\n`);
    }
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\n${line}\n`);
  }
}

module.exports = SummaryReporter;
