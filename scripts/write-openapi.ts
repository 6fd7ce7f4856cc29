/**
 * Writes the OpenAPI document that /docs-json serves to a file, built without listening (see lint-openapi.ts).
 * The test suite's global setup uses it: every reply a spec receives is checked against this document.
 *
 *   ts-node --transpile-only scripts/write-openapi.ts <file>
 */
import 'reflect-metadata';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { openApiDocumentOffline } from './lint-openapi';

async function main(file: string | undefined): Promise<void> {
  if (!file) throw new Error('usage: write-openapi.ts <file>');
  const folder = mkdtempSync(join(os.tmpdir(), 'pos-openapi-'));
  try {
    writeFileSync(file, JSON.stringify(await openApiDocumentOffline(folder)));
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
