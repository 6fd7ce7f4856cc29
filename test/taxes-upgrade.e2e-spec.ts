import { DataSource } from 'typeorm';
import { TaxLedgerHistory1795003800000 } from '../migrations/1795003800000-TaxLedgerHistory';
import { Consumers } from '../src/event-log/consumers/consumers.service';
import { Role } from '../src/common/access/role';
import { dataSourceOptions } from '../src/database/data-source-options';
import { ENTITIES } from '../src/entities';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories } from './support/factories';
import { Json } from './support/menu-fixture';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The upgrade from one TAX_RATE to rates: an install that ran the app before the TaxRates migration, upgraded with
 * TAX_RATE=10 set, has one default rate of 10 %, its open orders' items carry it, new orders are taxed as
 * before, a closed order keeps the totals it was closed with, and the tax report of the days before the upgrade
 * equals their sales report.
 */
describe('Taxes: upgrading an install taxed by TAX_RATE', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let soupId: string;
  let waterId: string;
  /** Orders made before the upgrade, as they read then. */
  let closedBefore: Json;
  let openId: string;

  const order = async (dishId = soupId, quantity = 1): Promise<Json> =>
    (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId, quantity }] })
        .expect(201)
    ).body;
  const get = async (id: string): Promise<Json> =>
    (await as(t, waiter.session).get(`/api/v1/orders/${id}`).expect(200)).body;

  /** An order paid by card and closed; the card payment's id. */
  async function close(closing: Json): Promise<string> {
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    const payment = await as(t, waiter.session)
      .post(`/api/v1/orders/${closing.id}/payments`)
      .send({ methodId: methods.find((method) => method.kind === 'card')!.id, amount: closing.due })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${closing.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return payment.body.id as string;
  }

  /** Runs the migrations again from TaxRates on, as an upgrade does, with TAX_RATE in the environment. */
  async function upgradeWith(taxRate: string): Promise<void> {
    // The app's consumers write on their own (cursors, jobs): stopped, they leave the upgrade the database alone.
    await t.app.get(Consumers).stop();
    const dataSource = new DataSource(dataSourceOptions(t.config.database, ENTITIES));
    await dataSource.initialize();
    const sqlite = dataSource.options.type !== 'postgres';
    // Whatever else the app still writes (the event feed, the late-item scan) is waited for, not failed on.
    if (sqlite) await dataSource.query('PRAGMA busy_timeout = 10000');
    // SQLite drops and rebuilds a table to drop a column: tables that refer to it must not stop it.
    if (sqlite) await dataSource.query('PRAGMA foreign_keys = OFF');
    try {
      for (;;) {
        const [last] = await dataSource.query<Array<{ name: string }>>(
          'SELECT name FROM migrations ORDER BY id DESC LIMIT 1',
        );
        await dataSource.undoLastMigration();
        if (last.name === 'TaxRates1795003000000') break;
      }
      process.env.TAX_RATE = taxRate;
      await dataSource.runMigrations();
    } finally {
      delete process.env.TAX_RATE;
      if (sqlite) await dataSource.query('PRAGMA foreign_keys = ON');
      await dataSource.destroy();
    }
  }

  beforeAll(async () => {
    t = await startTestApp({ TAX_RATE: '10' });
    admin = await loginAdmin(t);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const make = factories(t, admin);
    // Before the upgrade one TAX_RATE of 10 % taxed every line (its ledger rows go with the upgrade's undo).
    await make.newTaxRate({ name: 'VAT 10 %', percent: 10, isDefault: true });
    const untaxed = await make.newTaxRate({ name: 'Zero', percent: 0 });
    const category = await make.newCategory('Food');
    const station = await make.newStation('Kitchen');
    const dish = (name: string, price: number, taxRateIds?: string[]) =>
      make.newDish({ name, categoryId: category.id, stationId: station.id, price, taxRateIds });
    soupId = (await dish('Soup', 1000)).id;
    waterId = (await dish('Water', 500, [untaxed.id])).id;

    // The history: a closed order, one refunded in part after its close, an untaxed one; and one still open.
    const closed = await order();
    await close(closed);
    closedBefore = await get(closed.id);
    const refunded = await order(soupId, 3);
    const payment = await close(refunded);
    await as(t, manager.session)
      .post(`/api/v1/payments/${payment}/refund`)
      .send({ amount: 999, reason: 'cold soup' })
      .expect(201);
    await close(await order(waterId));
    openId = (await order()).id;

    await upgradeWith('10');
    t = await t.restart();
  });

  afterAll(() => t.close());

  it('turns TAX_RATE into one default rate that open and new orders carry; closed orders keep their totals', async () => {
    const rates = (await as(t, admin).get('/api/v1/tax-rates').expect(200)).body.items as Json[];
    expect(rates).toEqual([
      { id: expect.any(String), name: 'VAT 10 %', percent: 10, isDefault: true, active: true, hqKey: null },
    ]);
    const rate = { taxRateId: expect.any(String), name: 'VAT 10 %', percent: 10 };

    const closedAfter = await get(closedBefore.id);
    for (const figure of ['subtotal', 'discount', 'serviceCharge', 'tax', 'total', 'paid', 'closedAt']) {
      expect([figure, closedAfter[figure]]).toEqual([figure, closedBefore[figure]]);
    }
    expect((await get(openId)).items[0].taxes).toEqual([rate]);

    // A new order is taxed as TAX_RATE=10 taxed it: 10 % contained in 10.00 is 0.91.
    const fresh = await order();
    expect(fresh.items[0].taxes).toEqual([rate]);
    expect(fresh).toMatchObject({ subtotal: 1000, tax: 91, total: 1000 });
    expect(fresh.taxes).toEqual([{ ...rate, net: 909, tax: 91, gross: 1000 }]);
  });

  it('reports the taxes of orders closed before the upgrade, equal to their sales report', async () => {
    const sales = (await as(t, manager.session).get('/api/v1/reports/sales').expect(200)).body;
    const { from, to } = sales.period as { from: string; to: string };
    const taxes = (
      await as(t, manager.session).get(`/api/v1/reports/taxes?from=${from}&to=${to}`).expect(200)
    ).body;
    // Sales: 10.00 + 30.00 - 9.99 refunded + 5.00 of water, with 0.91 + 2.73 of tax (the water had none), less
    // the 0.91 the refund gave back.
    expect(sales.totals).toMatchObject({ salesInclTax: 3501, tax: 273, salesExclTax: 3501 - 273 });
    // The refund of 9.99 gives back 0.91 of tax (999 × 273 / 3000 = 90.909: the tax has the larger remainder).
    expect(taxes.rows).toEqual([
      {
        businessDay: from,
        taxRateId: expect.any(String),
        name: 'VAT 10 %',
        percent: 10,
        net: 909 + 2727 - 908,
        tax: 91 + 273 - 91,
        gross: 1000 + 3000 - 999,
      },
      { businessDay: from, taxRateId: null, name: 'Exempt', percent: 0, net: 500, tax: 0, gross: 500 },
    ]);
    expect(taxes.totals).toEqual({
      net: 2728 + 500,
      tax: sales.totals.tax,
      gross: sales.totals.salesInclTax,
    });

    // Run again, the history migration finds nothing left to record.
    const runner = t.dataSource.createQueryRunner();
    await new TaxLedgerHistory1795003800000().up(runner).finally(() => runner.release());
    const again = await as(t, manager.session).get(`/api/v1/reports/taxes?from=${from}&to=${to}`).expect(200);
    expect(again.body).toEqual(taxes);
  });
});
