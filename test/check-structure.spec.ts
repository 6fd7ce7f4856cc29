import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { structureProblems } from '../scripts/check-structure';
import type { Allowance } from '../scripts/table-owners';

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
    expect(structureProblems(root, [])).toEqual([]);
  });

  it('reports a circle through subfolders at each depth it shows, with one import per arrow', () => {
    write('src/a/a.ts', "import { b } from '../b/deep/b';\nexport const a = b;\n");
    write('src/b/deep/b.ts', "export const b = 1;\nexport const later = () => import('../../a/a');\n");
    expect(structureProblems(root, [])).toEqual([
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
    expect(structureProblems(root, [])).toEqual([]);
  });

  it("reports a circle between a client's files, even inside one folder", () => {
    write('src/clients/app/screen.tsx', "import { shell } from './shell';\nexport const screen = shell;\n");
    write(
      'src/clients/app/shell.tsx',
      "import type { screen } from './screen';\nexport const shell = 1 as typeof screen;\n",
    );
    expect(structureProblems(root, [])).toEqual([
      'file circle: src/clients/app/screen ⇄ src/clients/app/shell',
      '    src/clients/app/screen imports src/clients/app/shell',
      '    src/clients/app/shell imports src/clients/app/screen',
    ]);
  });

  it('reports a file over 400 lines', () => {
    write('test/long.ts', 'export const x = 1;\n'.repeat(401));
    write('test/fits.ts', 'export const x = 1;\n'.repeat(400));
    expect(structureProblems(root, [])).toEqual(['over 400 lines: test/long.ts (401)']);
  });
});

/** The table-ownership part of the check: SQL and string entity names that reach into another module's table. */
describe('the structure check of table owners', () => {
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'owners-'));
    for (const folder of ['src', 'test', 'scripts', 'migrations']) mkdirSync(join(root, folder));
    write('src/payments/payment.entities.ts', "@Entity('payments')\nexport class Payment {}\n");
    write(
      'src/payments/payment-method.entity.ts',
      "@Entity('payment_methods')\nexport class PaymentMethod {}\n",
    );
    write('src/guests/customer.entities.ts', "@Entity('customers')\nexport class Customer {}\n");
  });

  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  };
  const problems = (allowances: Allowance[] = []) => structureProblems(root, allowances);

  it('reports SQL writing another module’s table, bare or quoted, with its line', () => {
    write(
      'src/orders/merge.ts',
      [
        "export const a = 'UPDATE payments SET order_id = $1';",
        'export const b = `INSERT INTO "payments" (id) VALUES ($1)`;',
        'export const c = (ids: string) =>',
        '  `DELETE FROM payments WHERE id IN (${ids})`;',
      ].join('\n'),
    );
    expect(problems()).toEqual([
      'table of another module: src/orders/merge.ts:1 writes payments (SQL), owned by src/payments',
      'table of another module: src/orders/merge.ts:2 writes payments (SQL), owned by src/payments',
      'table of another module: src/orders/merge.ts:4 writes payments (SQL), owned by src/payments',
    ]);
  });

  it('reports SQL reading another module’s table in FROM and JOIN, after a substitution too', () => {
    write(
      'src/receipts/issuer.ts',
      'export const q = (id: string) =>\n  `${id} IN (SELECT id FROM payments p JOIN "payment_methods" m ON m.id = p.method_id)`;\n',
    );
    expect(problems()).toEqual([
      'table of another module: src/receipts/issuer.ts:2 reads payments (SQL), owned by src/payments',
      'table of another module: src/receipts/issuer.ts:2 reads payment_methods (SQL), owned by src/payments',
    ]);
  });

  it('lets the owner, its subfolders and its parent name its tables, and ignores words that only look like SQL', () => {
    write('src/payments/refunds.ts', "export const q = 'UPDATE payments SET refunded = $1';\n");
    write('src/payments/cards/x.ts', "export const q = 'SELECT 1 FROM payment_methods';\n");
    write('src/guests/gift-cards/gift-card.entity.ts', "@Entity('gift_cards')\nexport class GiftCard {}\n");
    write('src/guests/erasure.ts', "export const q = 'UPDATE gift_cards SET x = 1';\n");
    write(
      'src/orders/texts.ts',
      [
        "export const a = 'moved from payments to the new order';",
        "export const b = 'SELECT 1 FROM unowned_counter';",
        "export const c = count('payments', 1);",
        "export const d = DomainError.notFound('Payment');",
      ].join('\n'),
    );
    expect(problems()).toEqual([]);
  });

  it('reports an entity or table named by string in TypeORM and Database calls', () => {
    write(
      'src/guests/gift-cards/sale.ts',
      [
        "export const a = tx.manager.findOne<Method>('PaymentMethod', { where: { id } });",
        "export const b = dataSource.getRepository('Payment');",
        "export const c = reader.createQueryBuilder().select('x').from('payments', 'p');",
        "export const d = database.insertRows(tx, 'Payment', row);",
      ].join('\n'),
    );
    expect(problems()).toEqual([
      "table of another module: src/guests/gift-cards/sale.ts:1 reads payment_methods ('PaymentMethod'), owned by src/payments",
      "table of another module: src/guests/gift-cards/sale.ts:2 writes payments ('Payment'), owned by src/payments",
      "table of another module: src/guests/gift-cards/sale.ts:3 reads payments ('payments'), owned by src/payments",
      "table of another module: src/guests/gift-cards/sale.ts:4 writes payments ('Payment'), owned by src/payments",
    ]);
  });

  it('lets an allowance to read through but not a write, and reports an allowance nothing uses', () => {
    write(
      'src/reports/sales.ts',
      "export const q = 'SELECT * FROM payments JOIN customers c ON true';\nexport const w = 'DELETE FROM customers';\n",
    );
    const reports: Allowance = {
      path: 'src/reports',
      access: 'read',
      tables: 'every',
      why: 'reports read all',
    };
    const stale: Allowance = {
      path: 'src/orders/merge.ts',
      access: 'write',
      tables: ['payments'],
      why: 'gone',
    };
    expect(problems([reports, stale])).toEqual([
      'table of another module: src/reports/sales.ts:2 writes customers (SQL), owned by src/guests',
      'allowance used by nothing: src/orders/merge.ts (gone)',
    ]);
  });

  it('leaves tests, migrations and unit specs alone', () => {
    write('test/payments.e2e-spec.ts', "export const q = 'DELETE FROM payments';\n");
    write('migrations/1-Payments.ts', "export const q = 'UPDATE payments SET x = 1';\n");
    write('src/orders/totals.spec.ts', "export const q = 'UPDATE payments SET x = 1';\n");
    expect(problems()).toEqual([]);
  });
});
