/**
 * Prints the slowest spec files (what to size when CI grows long) and one plain closing line,
 * `N passed, N failed, N skipped`, that any CI log reader understands.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const slowest = results.testResults
      .map((file) => ({
        seconds: (file.perfStats.end - file.perfStats.start) / 1000,
        path: file.testFilePath,
      }))
      .sort((a, b) => b.seconds - a.seconds)
      .slice(0, 15);
    const lines = slowest.map(
      ({ seconds, path }) => `${seconds.toFixed(0).padStart(5)} s  ${path.split('/test/').pop()}`,
    );
    process.stdout.write(`\nslowest spec files:\n${lines.join('\n')}\n`);
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\n${line}\n`);
  }
}

module.exports = SummaryReporter;
