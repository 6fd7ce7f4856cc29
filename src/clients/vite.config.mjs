// @ts-check
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const SRC = resolve(import.meta.dirname, '..');

/**
 * Every script a page of the service loads, by its path under src/ and without the extension: the web clients and
 * the server-rendered pages' scripts. One bundler for all of them; `BrowserAssets` serves what it writes.
 */
const ENTRIES = {
  'clients/back-office/main': 'tsx',
  'clients/kitchen/main': 'tsx',
  'clients/pickup/main': 'tsx',
  'clients/shared/app-shell-worker': 'ts',
  'clients/waiter/main': 'tsx',
  'public/browser/qr-page': 'ts',
};

export default defineConfig({
  root: SRC,
  publicDir: false,
  logLevel: 'warn',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(SRC, '..', 'dist', 'browser'),
    emptyOutDir: true,
    target: 'es2022',
    manifest: true,
    modulePreload: false,
    rollupOptions: {
      input: Object.fromEntries(
        Object.entries(ENTRIES).map(([entry, extension]) => [entry, resolve(SRC, `${entry}.${extension}`)]),
      ),
      output: {
        // Entries keep their source path, so a page names its script without the manifest; shared code is hashed.
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
      },
    },
  },
});
