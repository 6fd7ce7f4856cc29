/**
 * Each table has one owner: the folder of its `@Entity('name')`. Code in any other folder that names the table in
 * SQL (INSERT INTO, UPDATE, DELETE FROM, FROM, JOIN, bare or "quoted") or names its entity by string in a TypeORM or
 * Database call (`getRepository('Name')`, `manager.findOne('Name', …)`) goes around the owner's module, which is
 * what the structure check reports. A folder holds its subfolders, as for imports: src/guests and
 * src/guests/gift-cards may name each other's tables.
 *
 * Writes to another module's table fail. Raw reads fail too, except where ALLOWANCES says: src/reports may read
 * every table, since a report sums in one statement what many modules recorded and writes nothing. Each other
 * exception names one file, its tables and why.
 *
 * Only what the source spells out is seen: a table name kept in a variable and spliced into SQL is not.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import ts from 'typescript';

export type Access = 'read' | 'write';

/** A place that may touch tables it does not own: a folder (and its subfolders) or one file. */
export interface Allowance {
  path: string;
  access: Access;
  tables: readonly string[] | 'every';
  why: string;
}

/**
 * The short list of exceptions; each says why. An allowance to write lets read too. One that no longer matches
 * anything is reported, so it is deleted with the code it covered.
 */
export const ALLOWANCES: readonly Allowance[] = [
  {
    path: 'src/reports',
    access: 'read',
    tables: 'every',
    why: 'reports sum what every module recorded, in one statement each; they read and never write',
  },
  {
    path: 'src/site-link/sales-upstream.ts',
    access: 'read',
    tables: ['orders'],
    why:
      'a sales fact for headquarters names its order’s channel as the site’s channel report counts it, which ' +
      'no receipt carries: one read per batch of the log, of orders that are closed or cancelled and keep it',
  },
];

/** One table's owner: the folder of its entity file, and the entity's class name. */
export interface TableOwner {
  table: string;
  entity: string;
  folder: string;
}

/** One place where code names a table: the table, whether it reads or writes, and how it names it. */
export interface TableUse {
  file: string;
  line: number;
  table: string;
  access: Access;
  how: string;
}

const SQL_NAMES =
  /\b(INSERT\s+INTO|DELETE\s+FROM|UPDATE|JOIN|FROM)\s+(?:"([A-Za-z_][A-Za-z0-9_]*)"|([A-Za-z_][A-Za-z0-9_]*))/g;
const SQL_WRITES = new Set(['INSERT', 'DELETE', 'UPDATE']);

/** TypeORM and Database calls that take an entity (or table) as an argument; the rest of the names read. */
const WRITING_CALLS = new Set([
  'getRepository',
  'insert',
  'update',
  'delete',
  'save',
  'upsert',
  'increment',
  'decrement',
  'softDelete',
  'restore',
  'into',
  'insertRows',
  'updateRows',
]);
const READING_CALLS = new Set([
  'find',
  'findBy',
  'findOne',
  'findOneBy',
  'findOneOrFail',
  'findOneByOrFail',
  'findAndCount',
  'findAndCountBy',
  'count',
  'countBy',
  'exists',
  'existsBy',
  'sum',
  'average',
  'minimum',
  'maximum',
  'createQueryBuilder',
  'from',
  'innerJoin',
  'innerJoinAndSelect',
  'leftJoin',
  'leftJoinAndSelect',
  'selectRows',
]);

/** The file, parsed; its fileName stays relative to the root. */
export function parse(root: string, file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(join(root, file), 'utf8'), ts.ScriptTarget.Latest, true);
}

function visit(node: ts.Node, each: (node: ts.Node) => void): void {
  each(node);
  ts.forEachChild(node, (child) => visit(child, each));
}

/** The tables of every `@Entity('name')` class in the sources, by table name. */
export function tableOwners(sources: readonly ts.SourceFile[]): Map<string, TableOwner> {
  const owners = new Map<string, TableOwner>();
  for (const source of sources) {
    visit(source, (node) => {
      if (!ts.isClassDeclaration(node) || !node.name) return;
      for (const decorator of ts.getDecorators(node) ?? []) {
        const call = decorator.expression;
        if (!ts.isCallExpression(call) || call.expression.getText() !== 'Entity') continue;
        const [name] = call.arguments;
        if (name && ts.isStringLiteralLike(name)) {
          owners.set(name.text, {
            table: name.text,
            entity: node.name.text,
            folder: dirname(source.fileName),
          });
        }
      }
    });
  }
  return owners;
}

/** The string parts of a literal, each with where it starts: a template's text between its substitutions. */
function stringParts(node: ts.Node): Array<{ text: string; start: number }> {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
    return [{ text: node.text, start: node.getStart() }];
  }
  if (ts.isTemplateExpression(node)) {
    return [node.head, ...node.templateSpans.map((span) => span.literal)].map((part) => ({
      text: part.text,
      start: part.getStart(),
    }));
  }
  return [];
}

/** Every table the file names, in SQL text or as a string entity target. */
export function tableUses(source: ts.SourceFile, owners: Map<string, TableOwner>): TableUse[] {
  const file = source.fileName;
  const byEntity = new Map([...owners.values()].map((owner) => [owner.entity, owner]));
  const lineOf = (position: number) => source.getLineAndCharacterOfPosition(position).line + 1;
  const uses: TableUse[] = [];
  visit(source, (node) => {
    if (ts.isCallExpression(node)) {
      // Methods only: a bare count('orders', …) is some local function, not TypeORM's.
      if (!ts.isPropertyAccessExpression(node.expression)) return;
      const name = node.expression.name.text;
      const access = WRITING_CALLS.has(name) ? 'write' : READING_CALLS.has(name) ? 'read' : null;
      if (!access) return;
      for (const argument of node.arguments.slice(0, 2)) {
        if (!ts.isStringLiteralLike(argument)) continue;
        const owner = byEntity.get(argument.text) ?? owners.get(argument.text);
        if (owner) {
          uses.push({
            file,
            line: lineOf(argument.getStart()),
            table: owner.table,
            access,
            how: `'${argument.text}'`,
          });
        }
      }
      return;
    }
    for (const { text, start } of stringParts(node)) {
      for (const match of text.matchAll(SQL_NAMES)) {
        const table = match[2] ?? match[3];
        if (!owners.has(table)) continue;
        const keyword = match[1].split(/\s/)[0];
        const access = SQL_WRITES.has(keyword) ? 'write' : 'read';
        uses.push({ file, line: lineOf(start + match.index), table, access, how: 'SQL' });
      }
    }
  });
  return uses;
}

function holds(folder: string, path: string): boolean {
  return path === folder || path.startsWith(`${folder}/`);
}

function allows(allowance: Allowance, use: TableUse): boolean {
  return (
    holds(allowance.path, use.file) &&
    (allowance.access === 'write' || use.access === 'read') &&
    (allowance.tables === 'every' || allowance.tables.includes(use.table))
  );
}

/** The report's lines for src/: each use of a table from outside its owner's folder, then unused allowances. */
export function ownershipProblems(
  root: string,
  files: readonly string[],
  allowances: readonly Allowance[] = ALLOWANCES,
): string[] {
  const code = files
    .filter((file) => file.startsWith('src/') && /\.ts$/.test(file) && !/\.spec\.ts$/.test(file))
    .map((file) => parse(root, file));
  const owners = tableOwners(code);
  const used = new Set<Allowance>();
  const problems: string[] = [];
  for (const source of code) {
    for (const use of tableUses(source, owners)) {
      const owner = owners.get(use.table)!;
      const folder = dirname(use.file);
      if (holds(owner.folder, folder) || holds(folder, owner.folder)) continue;
      const allowance = allowances.find((each) => allows(each, use));
      if (allowance) {
        used.add(allowance);
        continue;
      }
      const verb = use.access === 'write' ? 'writes' : 'reads';
      problems.push(
        `table of another module: ${use.file}:${use.line} ${verb} ${use.table} (${use.how}), owned by ${owner.folder}`,
      );
    }
  }
  for (const allowance of allowances) {
    if (!used.has(allowance))
      problems.push(`allowance used by nothing: ${allowance.path} (${allowance.why})`);
  }
  return problems;
}
