/** What each web client's page downloads, read from the build's Vite manifest (`npm run build`). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** The pages' scripts, by the manifest's key (their source under src/). */
export const CLIENT_ENTRIES = {
  'back office': 'clients/back-office/main.tsx',
  'waiter tablet': 'clients/waiter/main.tsx',
  'kitchen screen': 'clients/kitchen/main.tsx',
  'pickup board': 'clients/pickup/main.tsx',
  'QR page': 'public/browser/qr-page.ts',
} as const;

export interface BundleSize {
  files: number;
  bytes: number;
  /** Each file gzipped at level 9, summed: what a compressing proxy would send. */
  gzipBytes: number;
}

type Manifest = Record<string, { file: string; imports?: string[]; css?: string[] }>;

/** An entry of the build in `browserFolder` with the chunks it imports and their stylesheets. */
export function bundleSize(browserFolder: string, entry: string): BundleSize {
  const manifest = JSON.parse(
    readFileSync(join(browserFolder, '.vite', 'manifest.json'), 'utf8'),
  ) as Manifest;
  if (!manifest[entry]) throw new Error(`${entry} is not in the build's manifest`);
  const files = new Set<string>();
  const visit = (key: string) => {
    const chunk = manifest[key];
    files.add(chunk.file);
    for (const css of chunk.css ?? []) files.add(css);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  visit(entry);
  const contents = [...files].map((file) => readFileSync(join(browserFolder, file)));
  return {
    files: files.size,
    bytes: contents.reduce((sum, content) => sum + content.length, 0),
    gzipBytes: contents.reduce((sum, content) => sum + gzipSync(content, { level: 9 }).length, 0),
  };
}
