'use strict';
/**
 * What `-r ts-node/register/transpile-only` does for the service processes a test starts (each file through
 * TypeScript's transpileModule with tsconfig.json's options), with each file's output kept on disk by its content:
 * ts-node transpiles the whole app again in every process, seconds of CPU each, and a spec that restarts the
 * service a dozen times waited minutes for it. A changed file has a new key, so nothing stale is ever run.
 */
const { createHash } = require('node:crypto');
const { mkdirSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const ROOT = join(__dirname, '..', '..');
const CACHE = join(tmpdir(), 'pos-ts-register');
const TSCONFIG = readFileSync(join(ROOT, 'tsconfig.json'), 'utf8');
// What decides the output besides the file: the compiler's version, its options and this file (TypeScript itself,
// half a second to load, is loaded only when a file is not in the cache).
const SETTINGS = [
  require('typescript/package.json').version,
  TSCONFIG,
  readFileSync(__filename, 'utf8'),
  '',
].join('\n');
mkdirSync(CACHE, { recursive: true });

let compiler;
function loadCompiler() {
  if (compiler) return compiler;
  const ts = require('typescript');
  const { options } = ts.convertCompilerOptionsFromJson(
    {
      ...ts.parseConfigFileTextToJson('tsconfig.json', TSCONFIG).config.compilerOptions,
      sourceMap: false,
      inlineSourceMap: true,
    },
    ROOT,
  );
  compiler = { ts, options };
  return compiler;
}

function transpiled(source, filename) {
  const key = createHash('sha256')
    .update(SETTINGS)
    .update(filename)
    .update('\n')
    .update(source)
    .digest('hex');
  const file = join(CACHE, `${key}.js`);
  try {
    return readFileSync(file, 'utf8');
  } catch {
    const { ts, options } = loadCompiler();
    const { outputText } = ts.transpileModule(source, { compilerOptions: options, fileName: filename });
    // Written aside and renamed: a process reading it at the same time sees the whole file or none.
    const partial = `${file}.${process.pid}`;
    writeFileSync(partial, outputText);
    renameSync(partial, file);
    return outputText;
  }
}

Module._extensions['.ts'] = (module, filename) => {
  module._compile(transpiled(readFileSync(filename, 'utf8'), filename), filename);
};
