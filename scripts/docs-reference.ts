/**
 * Writes the generated parts of docs/: every operation of the OpenAPI spec with who may call it and the error codes
 * (docs/api.md), and the event catalogue (docs/events.md), between their `<!-- name:start/end -->` markers. Run it
 * from the repository root after changing routes, access, error codes or event types; test/docs.e2e-spec.ts fails
 * until it has run. Re-running it changes nothing when nothing changed.
 *
 *   npm run docs
 */
import 'reflect-metadata';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { openApiDocumentOffline } from './lint-openapi';
import {
  OpenApiSpec,
  renderErrorCodes,
  renderEvents,
  renderOperations,
  replaceGenerated,
} from './docs/reference';

async function rewrite(file: string, parts: Record<string, string>): Promise<void> {
  let text = readFileSync(file, 'utf8');
  for (const [name, content] of Object.entries(parts)) text = replaceGenerated(text, name, content);
  // Formatted as `prettier --check .` (npm run lint) wants it, so the output is stable.
  const options = await resolveConfig(file);
  writeFileSync(file, await format(text, { ...options, filepath: file }));
  process.stdout.write(`wrote ${file}\n`);
}

async function main(): Promise<void> {
  const folder = mkdtempSync(join(os.tmpdir(), 'pos-docs-'));
  try {
    const spec = (await openApiDocumentOffline(folder)) as unknown as OpenApiSpec;
    await rewrite('docs/api.md', { operations: renderOperations(spec), 'error-codes': renderErrorCodes() });
    await rewrite('docs/events.md', { events: renderEvents() });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
