import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { structureProblems } from '../scripts/check-structure';

/** scripts/check-structure.ts on small made-up repositories. */
describe('the structure check', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'structure-'));
    for (const folder of ['src', 'test', 'scripts', 'migrations']) mkdirSync(join(root, folder));
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };

  it('passes a house whose arrows point one way', () => {
    write('src/a/a.ts', "import { b } from '../b/b';\nexport const a = b;\n");
    write('src/b/b.ts', 'export const b = 1;\n');
    expect(structureProblems(root)).toEqual([]);
  });

  it('reports a circle through subfolders at each depth it shows, with one import per arrow', () => {
    write('src/a/a.ts', "import { b } from '../b/deep/b';\nexport const a = b;\n");
    write('src/b/deep/b.ts', "export const b = 1;\nexport const later = () => import('../../a/a');\n");
    expect(structureProblems(root)).toEqual([
      'folder circle: src/a ⇄ src/b',
      '    src/a/a.ts imports src/b/deep/b',
      '    src/b/deep/b.ts imports src/a/a',
      'folder circle: src/a ⇄ src/b/deep',
      '    src/a/a.ts imports src/b/deep/b',
      '    src/b/deep/b.ts imports src/a/a',
    ]);
  });

  it('counts a folder and its own subfolder as one', () => {
    write('src/a/a.ts', "import { view } from './dto/view';\nexport const a = view;\n");
    write(
      'src/a/dto/view.ts',
      "import type { a } from '../a';\nexport const view = 1 as unknown as typeof a;\n",
    );
    expect(structureProblems(root)).toEqual([]);
  });

  it('reports a file over 400 lines', () => {
    write('test/long.ts', 'export const x = 1;\n'.repeat(401));
    write('test/fits.ts', 'export const x = 1;\n'.repeat(400));
    expect(structureProblems(root)).toEqual(['over 400 lines: test/long.ts (401)']);
  });
});
