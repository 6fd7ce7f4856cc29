import { Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where Vite (src/clients/vite.config.mjs) writes the pages' scripts: dist/browser, seen from this file compiled
 * (dist/src/common/html) or run from source by the tests (src/common/html).
 */
const BUILT_SCRIPTS = [
  join(__dirname, '..', '..', '..', 'browser'),
  join(__dirname, '..', '..', '..', 'dist', 'browser'),
];

/** A year: a script's URL carries the build's fingerprint, so a new build is a new URL. */
const MAX_AGE_SECONDS = 365 * 24 * 60 * 60;

/** What Vite's manifest says of a built file: where it is, the chunks it imports and its stylesheets. */
type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>;

/**
 * The pages' browser scripts, bundled from the web clients (src/clients/*) and the server-rendered pages' scripts
 * (src/<domain>/browser/*.ts): ES modules and stylesheets served under `/assets/<fingerprint>/`, which the pages'
 * strict CSP allows as 'self'. The fingerprint is a hash of every built file, so a browser keeps a script as long
 * as it likes and a module's imports stay in one build.
 */
export class BrowserAssets {
  readonly directory: string;
  readonly fingerprint: string;
  private readonly manifest: Manifest;

  constructor(directory = BUILT_SCRIPTS.find((folder) => existsSync(folder)) ?? BUILT_SCRIPTS[0]) {
    this.directory = directory;
    this.fingerprint = fingerprintOf(directory);
    this.manifest = manifestOf(directory);
  }

  /** The URL prefix the scripts are served under. */
  get prefix(): string {
    return `/assets/${this.fingerprint}/`;
  }

  /** The URL of a page's entry script, by its source path under src/ without the extension. */
  scriptUrl(entry: string): string {
    return `${this.prefix}${entry}.js`;
  }

  /** The URLs of the stylesheets an entry imports (a web client's CSS), by the entry's source path under src/. */
  stylesheetUrls(entry: string): string[] {
    return (this.chunkOf(entry)?.css ?? []).map((file) => `${this.prefix}${file}`);
  }

  /** Every URL an entry loads: its script, the chunks it imports (and theirs), its stylesheets. */
  urlsOf(entry: string): string[] {
    const files = new Set<string>();
    const visit = (chunk: Manifest[string] | undefined) => {
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const css of chunk.css ?? []) files.add(css);
      for (const imported of chunk.imports ?? []) visit(this.manifest[imported]);
    };
    visit(this.chunkOf(entry));
    return [...files].map((file) => `${this.prefix}${file}`);
  }

  /** The built text of an entry's script, for a script served at a fixed address (a service worker). */
  scriptText(entry: string): string | null {
    const file = join(this.directory, `${entry}.js`);
    return existsSync(file) ? readFileSync(file, 'utf8') : null;
  }

  private chunkOf(entry: string): Manifest[string] | undefined {
    return Object.entries(this.manifest).find(([source]) => source.replace(/\.tsx?$/, '') === entry)?.[1];
  }

  /** express.static's options for the prefix: long-lived, the built files only, and a 404 for anything else. */
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

function manifestOf(directory: string): Manifest {
  const file = join(directory, '.vite', 'manifest.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Manifest) : {};
}

function filesUnder(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}
