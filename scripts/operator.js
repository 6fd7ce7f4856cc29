'use strict';
/**
 * Runs an operator script: `node scripts/operator.js <name> [options]`, as `npm run <name>` does. In a clone, with
 * the TypeScript sources and ts-node at hand, it runs scripts/<name>.ts: no build needed, and never a stale one. In
 * the Docker image, which keeps only dist and the production dependencies, it runs the compiled
 * dist/scripts/<name>.js.
 */
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const SCRIPTS = ['create-admin', 'generate-secret', 'verify-journal'];
const root = join(__dirname, '..');

function resolvable(id) {
  try {
    require.resolve(id, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

// What follows the name is the script's own: its options are read from process.argv.
const [name] = process.argv.splice(2, 1);
if (!SCRIPTS.includes(name)) {
  process.stderr.write(`Usage: node scripts/operator.js <${SCRIPTS.join('|')}> [--help]\n`);
  process.exit(1);
}
const source = join(root, 'scripts', `${name}.ts`);
const compiled = join(root, 'dist', 'scripts', `${name}.js`);
if (existsSync(source) && resolvable('ts-node')) {
  require('ts-node').register({ transpileOnly: true, project: join(root, 'tsconfig.json') });
  require(source);
} else if (existsSync(compiled)) {
  require(compiled);
} else {
  process.stderr.write(`Neither scripts/${name}.ts with ts-node nor dist/scripts/${name}.js: run npm ci\n`);
  process.exit(1);
}
