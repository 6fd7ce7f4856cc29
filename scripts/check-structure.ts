/**
 * Checks the shape of the house: no folder circle, no file over 400 lines, and no table named from outside its
 * owner's folder (see table-owners.ts). Part of `npm run lint`; run it from the repository root.
 *
 *   npx ts-node --transpile-only scripts/check-structure.ts
 *
 * Every relative import in src/, test/, scripts/ and migrations/ is an arrow from the importing file's folder to the
 * imported file's folder. The folders are compared at every depth (src/auth, then src/auth/api-keys, ...), so a
 * circle between two domains shows even when it runs through their subfolders. A folder holds its subfolders: an
 * import between a folder and its own subfolder (a controller and its dto/) stays inside that folder and draws no
 * arrow. A circle is a strongly connected component of that graph; each is printed with one import per arrow, so
 * the line to cut is in the report.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { Allowance, ALLOWANCES, ownershipProblems } from './table-owners';

const ROOTS = ['src', 'test', 'scripts', 'migrations'];
const SOURCE_FILE = /\.(tsx?|js|mjs|cjs)$/;
/** Written by a generator on every build, never by hand nor committed: src/clients/shared/api-schema.d.ts. */
const GENERATED = /\.d\.ts$/;
export const MAX_LINES = 400;
const CLIENTS = 'src/clients/';

/** One relative import: the file it is written in and the file it names, both relative to the repository root. */
export interface Import {
  from: string;
  to: string;
}

/** The source files under the roots, relative to `root`, with forward slashes. */
export function sourceFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
      const path = `${folder}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (SOURCE_FILE.test(entry.name) && !GENERATED.test(entry.name)) found.push(path);
    }
  };
  for (const folder of ROOTS) walk(folder);
  return found.sort();
}

/** Every relative import (static, dynamic, require, re-export) of the given files. */
export function relativeImports(root: string, files: string[]): Import[] {
  return files.flatMap((file) => {
    const text = readFileSync(join(root, file), 'utf8');
    return ts
      .preProcessFile(text, true, true)
      .importedFiles.filter((imported) => imported.fileName.startsWith('.'))
      .map((imported) => ({
        from: file,
        to: relative(root, resolve(root, dirname(file), imported.fileName))
          .split(sep)
          .join('/'),
      }));
  });
}

/** The folder of a file cut to its first `depth` segments: `src/auth/api-keys/x.ts` at depth 2 is `src/auth`. */
function folderAt(file: string, depth: number): string {
  return dirname(file).split('/').slice(0, depth).join('/');
}

function contains(folder: string, inner: string): boolean {
  return inner === folder || inner.startsWith(`${folder}/`);
}

/** The strongly connected components with more than one folder (Tarjan), each with one import per arrow inside. */
export function folderCircles(
  imports: Import[],
  depth: number,
): Array<{ folders: string[]; arrows: Import[] }> {
  const arrows = new Map<string, Map<string, Import>>();
  for (const imported of imports) {
    const [from, to] = [folderAt(imported.from, depth), folderAt(imported.to, depth)];
    if (contains(from, to) || contains(to, from)) continue;
    const out = arrows.get(from) ?? new Map<string, Import>();
    if (!out.has(to)) out.set(to, imported);
    arrows.set(from, out);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const visit = (folder: string): void => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    onStack.add(folder);
    for (const next of arrows.get(folder)?.keys() ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(folder, Math.min(low.get(folder)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(folder, Math.min(low.get(folder)!, index.get(next)!));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== folder);
    if (component.length > 1) components.push(component.sort());
  };
  for (const folder of arrows.keys()) if (!index.has(folder)) visit(folder);
  return components.map((folders) => ({
    folders,
    arrows: folders.flatMap((from) =>
      folders.flatMap((to) => {
        const imported = arrows.get(from)?.get(to);
        return imported ? [imported] : [];
      }),
    ),
  }));
}

/**
 * Circles between files of the web clients (src/clients): a screen's files must not call each other in a ring. Each
 * file stands for a folder of its own, so the folder check finds them.
 */
export function clientFileCircles(imports: Import[]): Array<{ folders: string[]; arrows: Import[] }> {
  const module = (file: string) => file.replace(SOURCE_FILE, '');
  const inClients = imports.filter(({ from, to }) => from.startsWith(CLIENTS) && to.startsWith(CLIENTS));
  return folderCircles(
    inClients.map(({ from, to }) => ({ from: `${module(from)}/file`, to: `${module(to)}/file` })),
    Number.MAX_SAFE_INTEGER,
  ).map(({ folders, arrows }) => ({
    folders,
    arrows: arrows.map(({ from, to }) => ({ from: dirname(from), to: dirname(to) })),
  }));
}

/** Files longer than MAX_LINES lines, with their length. */
export function longFiles(root: string, files: string[]): Array<{ file: string; lines: number }> {
  return files
    .map((file) => ({
      file,
      lines: readFileSync(join(root, file), 'utf8').replace(/\n$/, '').split('\n').length,
    }))
    .filter(({ lines }) => lines > MAX_LINES);
}

/** The report's lines: empty when the house is in order. */
export function structureProblems(root: string, allowances: readonly Allowance[] = ALLOWANCES): string[] {
  const files = sourceFiles(root);
  const imports = relativeImports(root, files);
  const deepest = Math.max(...files.map((file) => file.split('/').length - 1));
  const circles = new Map<string, string[]>();
  for (let depth = 1; depth <= deepest; depth++) {
    for (const { folders, arrows } of folderCircles(imports, depth)) {
      const name = folders.join(' ⇄ ');
      if (!circles.has(`folder circle: ${name}`))
        circles.set(
          `folder circle: ${name}`,
          arrows.map(({ from, to }) => `    ${from} imports ${to}`),
        );
    }
  }
  for (const { folders, arrows } of clientFileCircles(imports))
    circles.set(
      `file circle: ${folders.join(' ⇄ ')}`,
      arrows.map(({ from, to }) => `    ${from} imports ${to}`),
    );
  return [
    ...[...circles].flatMap(([name, arrows]) => [name, ...arrows]),
    ...longFiles(root, files).map(({ file, lines }) => `over ${MAX_LINES} lines: ${file} (${lines})`),
    ...ownershipProblems(root, files, allowances),
  ];
}

if (require.main === module) {
  const problems = structureProblems(process.cwd());
  for (const line of problems) process.stderr.write(`${line}\n`);
  if (problems.length > 0) process.exit(1);
  process.stdout.write(
    'structure: no folder circle, no circle between client files, no file over 400 lines, each table named by its owner only\n',
  );
}
