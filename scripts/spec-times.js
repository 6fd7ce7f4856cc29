/**
 * Prints the spec files' times of CI's runs side by side, slowest first by their sum, with each run's total:
 * `node scripts/spec-times.js sqlite=a.json postgres=b.json`. The files are what the suite's summary reporter
 * keeps under SPEC_TIMES_FILE.
 */
const { existsSync, readFileSync } = require('node:fs');

const runs = process.argv
  .slice(2)
  .map((argument) => argument.split('='))
  .filter(([, file]) => existsSync(file))
  .map(([name, file]) => ({ name, times: JSON.parse(readFileSync(file, 'utf8')) }));
const files = [...new Set(runs.flatMap((run) => Object.keys(run.times)))];
const sum = (file) => runs.reduce((total, run) => total + (run.times[file] ?? 0), 0);
files.sort((a, b) => sum(b) - sum(a));
const cell = (seconds) => (seconds === undefined ? '-' : seconds.toFixed(0)).padStart(10);
const rows = [
  `${runs.map((run) => run.name.padStart(10)).join('')}  spec file (seconds)`,
  ...files.map((file) => `${runs.map((run) => cell(run.times[file])).join('')}  ${file}`),
  `${runs.map((run) => cell(Object.values(run.times).reduce((a, b) => a + b, 0))).join('')}  all files (worker time)`,
];
process.stdout.write(`${rows.join('\n')}\n`);
