import { DataSource } from 'typeorm';
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
 * before, and a closed order keeps the totals it was closed with.
 */
describe('Taxes: upgrading an install taxed by TAX_RATE', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let dishId: string;

  const order = async (): Promise<Json> =>
    (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId, quantity: 1 }] })
        .expect(201)
    ).body;
  const get = async (id: string): Promise<Json> =>
    (await as(t, waiter.session).get(`/api/v1/orders/${id}`).expect(200)).body;

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
    const make = factories(t, admin);
    const category = await make.newCategory('Food');
    const station = await make.newStation('Kitchen');
    dishId = (
      await make.newDish({ name: 'Soup', categoryId: category.id, stationId: station.id, price: 1000 })
    ).id;
  });

  afterAll(() => t.close());

  it('turns TAX_RATE into one default rate that open and new orders carry; closed orders keep their totals', async () => {
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    const closed = await order();
    await as(t, waiter.session)
      .post(`/api/v1/orders/${closed.id}/payments`)
      .send({ methodId: methods.find((method) => method.kind === 'card')!.id, amount: closed.due })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${closed.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const closedBefore = await get(closed.id);
    const open = await order();

    await upgradeWith('10');
    t = await t.restart();
    const rates = (await as(t, admin).get('/api/v1/tax-rates').expect(200)).body.items as Json[];
    expect(rates).toEqual([
      { id: expect.any(String), name: 'VAT 10 %', percent: 10, isDefault: true, active: true },
    ]);
    const rate = { taxRateId: expect.any(String), name: 'VAT 10 %', percent: 10 };

    const closedAfter = await get(closed.id);
    for (const figure of ['subtotal', 'discount', 'serviceCharge', 'tax', 'total', 'paid', 'closedAt']) {
      expect([figure, closedAfter[figure]]).toEqual([figure, closedBefore[figure]]);
    }
    expect((await get(open.id)).items[0].taxes).toEqual([rate]);

    // A new order is taxed as TAX_RATE=10 taxed it: 10 % contained in 10.00 is 0.91.
    const fresh = await order();
    expect(fresh.items[0].taxes).toEqual([rate]);
    expect(fresh).toMatchObject({ subtotal: 1000, tax: 91, total: 1000 });
    expect(fresh.taxes).toEqual([{ ...rate, net: 909, tax: 91, gross: 1000 }]);
  });
});
