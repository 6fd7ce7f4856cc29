import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where `tsc -p tsconfig.browser.json` writes the pages' scripts: dist/browser, seen from this file compiled
 * (dist/src/common/html) or run from source by the tests (src/common/html).
 */
const BUILT_SCRIPTS = [
  join(__dirname, '..', '..', '..', 'browser'),
  join(__dirname, '..', '..', '..', 'dist', 'browser'),
];

/** A year: a script's URL carries the build's fingerprint, so a new build is a new URL. */
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/**
 * The pages' browser scripts, compiled from src/<domain>/browser/*.ts: ES modules served under
 * `/assets/<fingerprint>/`, which the pages' strict CSP allows as 'self'. The fingerprint is a hash of every
 * built file, so a browser keeps a script as long as it likes and a module's relative imports stay in one build.
 */
export class BrowserAssets {
  readonly directory: string;
  readonly fingerprint: string;

  constructor(directory = BUILT_SCRIPTS.find((folder) => existsSync(folder)) ?? BUILT_SCRIPTS[0]) {
    this.directory = directory;
    this.fingerprint = fingerprintOf(directory);
  }

  /** The URL prefix the scripts are served under. */
  get prefix(): string {
    return `/assets/${this.fingerprint}/`;
  }

  /** The URL of a page's entry script, by its source path under src/ without the extension. */
  scriptUrl(entry: string): string {
    return `${this.prefix}${entry}.js`;
  }

  /** express.static's options for the prefix: long-lived, JavaScript only, and a 404 for anything else. */
  static readonly serving = {
    immutable: true,
    maxAge: MAX_AGE_SECONDS * 1000,
    index: false,
    redirect: false,
    dotfiles: 'ignore',
  } as const;
}

function fingerprintOf(directory: string): string {
  if (!existsSync(directory)) {
    new Logger('BrowserAssets').warn(
      `No browser scripts in ${directory}: the HTML pages will not work until \`npm run build\` compiles them`,
    );
    return 'unbuilt';
  }
  const hash = createHash('sha256');
  for (const file of filesUnder(directory)) {
    hash.update(relative(directory, file));
    hash.update(readFileSync(file));
  }
  return hash.digest('hex').slice(0, 16);
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
