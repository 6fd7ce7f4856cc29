import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** The variable through which the global setup tells every spec file where the served document is. */
export const DOCUMENT_FILE_VARIABLE = 'POS_OPENAPI_DOCUMENT';

/**
 * Writes the document /docs-json serves (scripts/write-openapi.ts) to a temp file named after the sources it is
 * built from, and returns its path: one build (about 20 s) per change of src/, shared by every later run.
 */
export function writeServedDocument(): string {
  const file = join(os.tmpdir(), `pos-openapi-${sourcesFingerprint()}.json`);
  if (existsSync(file)) return file;
  const partial = `${file}.${process.pid}`;
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'),
      '--transpile-only',
      join(ROOT, 'scripts', 'write-openapi.ts'),
      partial,
    ],
    { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] },
  );
  renameSync(partial, file);
  return file;
}

/** Path, size and modification time of every file the document is built from. */
function sourcesFingerprint(): string {
  const hash = createHash('sha256').update(ROOT);
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      // The web clients' types are generated from the document, not part of it.
      else if (entry.name !== 'api-schema.d.ts') {
        const { size, mtimeMs } = statSync(path);
        hash.update(`${path}\0${size}\0${mtimeMs}\n`);
      }
    }
  };
  visit(join(ROOT, 'src'));
  const { size, mtimeMs } = statSync(join(ROOT, 'package.json'));
  hash.update(`package.json\0${size}\0${mtimeMs}`);
  return hash.digest('hex').slice(0, 16);
}
