import { join } from 'node:path';
import * as ts from 'typescript';

const ROOT = join(__dirname, '..', '..');

/**
 * Compiles the pages' browser scripts as `npm run build` does (tsconfig.browser.json, into dist/browser), so the
 * app the specs start from source serves the scripts of the source under test. Emits without type-checking:
 * that is the lint's job, and it keeps the setup quick.
 */
export function buildBrowserScripts(): void {
  const configPath = join(ROOT, 'tsconfig.browser.json');
  const { config, error } = ts.readConfigFile(configPath, (path) => ts.sys.readFile(path));
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, ROOT, undefined, configPath);
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, noEmitOnError: false });
  const { emitSkipped, diagnostics } = program.emit();
  if (emitSkipped) {
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    throw new Error(`The browser scripts did not compile: ${messages.join('; ')}`);
  }
}
