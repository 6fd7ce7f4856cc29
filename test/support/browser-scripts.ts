import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * Bundles the pages' and web clients' scripts as `npm run build` does (Vite, into dist/browser), so the app the
 * specs start from source serves the scripts of the source under test. Without the type check: that is the lint's
 * job, and it keeps the setup quick (under a second).
 */
export function buildBrowserScripts(): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'),
      'build',
      '--config',
      'src/clients/vite.config.mjs',
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
}
