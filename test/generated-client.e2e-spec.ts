import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { ADMIN, startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = resolve(__dirname, '..');
const PROGRAM = join(__dirname, 'fixtures', 'generated-client', 'night.ts');

/** `tsc --strict` on the program and the generated types, to CommonJS beside them. */
const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    module: 'node16',
    moduleResolution: 'node16',
    types: ['node'],
    skipLibCheck: false,
  },
  files: ['night.ts', 'api-schema.d.ts'],
};

/**
 * An integrator's generated client: openapi-typescript with its default settings on the served document, and
 * openapi-fetch. The night's program (test/fixtures/generated-client/night.ts) must type-check strictly and then
 * do its calls against the app, as written.
 */
describe('A client generated from /docs-json', () => {
  let t: TestApp;
  let folder: string;

  beforeAll(async () => {
    t = await startTestApp();
    // Inside the repository (test-artifacts/ is ignored), so that the program finds openapi-fetch.
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    folder = mkdtempSync(join(ROOT, 'test-artifacts', 'generated-client-'));
  });

  afterAll(async () => {
    await t.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('compiles with tsc --strict and does a night’s calls', async () => {
    const document = (await t.http().get('/docs-json').expect(200)).body as object;
    // Its command line, as an integrator runs it (its ES modules do not load in Jest).
    writeFileSync(join(folder, 'openapi.json'), JSON.stringify(document));
    const generator = join(ROOT, 'node_modules', 'openapi-typescript', 'bin', 'cli.js');
    await run(process.execPath, [generator, 'openapi.json', '--output', 'api-schema.d.ts'], { cwd: folder });
    copyFileSync(PROGRAM, join(folder, 'night.ts'));
    writeFileSync(join(folder, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const compiled = await run(process.execPath, [tsc, '-p', folder]).catch(
      (failure: { stdout: string }) => failure,
    );
    expect(compiled.stdout).toBe('');

    const { stdout } = await run(process.execPath, [
      join(folder, 'night.js'),
      t.url,
      ADMIN.username,
      ADMIN.password,
    ]);
    const summary = JSON.parse(stdout) as {
      order: { number: number; status: string; total: number; paid: number };
      receipt: { orderId: string; total: number; change: number };
      report: { orders: number; salesInclTax: number };
    };
    expect(summary.order).toEqual({ number: expect.any(Number), status: 'closed', total: 3700, paid: 3700 });
    expect(summary.receipt).toMatchObject({ total: 3700, change: 150 });
    expect(summary.report).toEqual({ orders: 1, salesInclTax: 3700 });
  }, 120_000);
});
