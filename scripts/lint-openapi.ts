/**
 * Builds the OpenAPI document that /docs-json serves, without listening, and lints it with Redocly's rules
 * (redocly.yaml). Part of `npm run lint`; run it from the repository root.
 *
 *   npx ts-node --transpile-only scripts/lint-openapi.ts [--keep]
 *
 * The app needs a database to start: a throwaway SQLite file in a temp folder, deleted at the end with the
 * spec file unless --keep (which prints where they are).
 */
import 'reflect-metadata';
import type { OpenAPIObject } from '@nestjs/swagger';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createApp } from '../src/bootstrap';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument } from '../src/openapi';

interface RedoclyReport {
  problems: Array<{
    ruleId: string;
    severity: string;
    message: string;
    location: Array<{ pointer: string }>;
  }>;
}

/**
 * Lints an OpenAPI file with the rules of redocly.yaml: one line per problem, warnings included (Redocly's exit
 * status ignores warnings; we keep the spec free of both).
 */
export function openApiProblems(file: string): Promise<string[]> {
  const cli = require.resolve('@redocly/cli/bin/cli.js');
  const args = [cli, 'lint', file, '--config', resolve('redocly.yaml'), '--format', 'json'];
  // Redocly otherwise asks the npm registry whether it is outdated on every run.
  const env = { ...process.env, REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  return new Promise((done, fail) => {
    const redocly = spawn(process.execPath, args, { env });
    let stdout = '';
    let stderr = '';
    redocly.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    redocly.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    redocly.on('error', fail);
    redocly.on('close', () => {
      try {
        const { problems } = JSON.parse(stdout) as RedoclyReport;
        done(problems.map((p) => `${p.severity} ${p.ruleId} at ${p.location[0]?.pointer}: ${p.message}`));
      } catch {
        fail(new Error(`redocly lint gave no report:\n${stderr}`));
      }
    });
  });
}

/** The document /docs-json serves, from an app started on a throwaway SQLite file in `folder`, not listening. */
export async function openApiDocumentOffline(folder: string): Promise<OpenAPIObject> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: `sqlite:${join(folder, 'pos.sqlite')}`,
    LOG_LEVEL: 'silent',
  });
  const { app } = await createApp(config);
  try {
    return buildOpenApiDocument(app);
  } finally {
    await app.close();
  }
}

async function writeSpec(folder: string): Promise<string> {
  const file = join(folder, 'openapi.json');
  writeFileSync(file, JSON.stringify(await openApiDocumentOffline(folder), null, 2));
  return file;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { keep: { type: 'boolean' } } });
  const folder = mkdtempSync(join(os.tmpdir(), 'pos-openapi-'));
  try {
    const problems = await openApiProblems(await writeSpec(folder));
    for (const problem of problems) process.stdout.write(`${problem}\n`);
    process.stdout.write(`OpenAPI spec: ${problems.length} problem(s)\n`);
    process.exitCode = problems.length === 0 ? 0 : 1;
    if (values.keep) process.stdout.write(`Spec kept in ${folder}\n`);
  } finally {
    if (!values.keep) rmSync(folder, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
