import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { parseCsv } from './support/csv';
import { binary, readPdf } from './support/document-readers';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

/**
 * The reports' figures say what they are, as a bookkeeper reads them: net sales are before tax, the figure with
 * tax is gross, and the dishes report (sizes and paid modifier options included) adds up to the item sales.
 *
 * One takeaway order at 10 % tax, prices including it, figured by hand:
 *   2 × Burger Double 16.50 + Aioli 1.50 + Bacon 2.50 = 2 × 20.50 = 41.00
 *   1 × Burger Regular 12.00 + Ketchup 0.00 + Truffle 3.00         = 15.00
 *   1 × Fries 4.50                                                  =  4.50
 *   gross 60.50, of which tax 60.50 × 10/110 = 5.50, net 55.00
 * The dishes: Burger Double 33.00 + Regular 12.00 + Fries 4.50 = 49.50; the options: Aioli 3.00, Bacon 5.00,
 * Truffle 3.00, Ketchup 0.00 = 11.00; 49.50 + 11.00 = 60.50.
 */
describe('Report figures: net before tax, gross with it, dishes adding up to sales', () => {
  let t: TestApp;
  let admin: Session;
  let manager: NewStaff;
  let waiter: NewStaff;
  let r: Restaurant;
  let businessDay: string;

  const GROSS = 6050;
  const TAX = 550;
  const NET = 5500;

  beforeAll(async () => {
    t = await startTestApp();
    t.clock.moveToMidBusinessDay();
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    await make.newTaxRate({ name: 'VAT', percent: 10, isDefault: true });
    r = await make.newRestaurant();
    [manager, waiter] = await Promise.all([Role.Manager, Role.Waiter].map((role) => newStaff(t, role)));
    const group = async (body: object) =>
      (await as(t, admin).post('/api/v1/modifier-groups').send(body).expect(201)).body as {
        id: string;
        options: Array<{ id: string; name: string }>;
      };
    const sauce = await group({
      name: 'Sauce',
      minChoices: 1,
      maxChoices: 2,
      options: [
        { name: 'Ketchup', sortOrder: 0 },
        { name: 'Aioli', priceDelta: 150, sortOrder: 1 },
        { name: 'Truffle', priceDelta: 300, sortOrder: 2 },
      ],
    });
    const extras = await group({
      name: 'Extras',
      minChoices: 0,
      maxChoices: 1,
      options: [{ name: 'Bacon', priceDelta: 250, sortOrder: 0 }],
    });
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.burger.id}`)
      .send({ modifierGroupIds: [sauce.id, extras.id] })
      .expect(200);
    const option = (name: string) => ({
      optionId: [...sauce.options, ...extras.options].find((each) => each.name === name)!.id,
    });
    const size = (name: string) => r.burger.variations.find((variation) => variation.name === name)!.id;
    const order = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        items: [
          {
            dishId: r.burger.id,
            variationId: size('Double'),
            quantity: 2,
            modifiers: [option('Aioli'), option('Bacon')],
          },
          {
            dishId: r.burger.id,
            variationId: size('Regular'),
            quantity: 1,
            modifiers: [option('Ketchup'), option('Truffle')],
          },
          { dishId: r.fries.id, quantity: 1 },
        ],
      })
      .expect(201);
    expect(order.body.total).toBe(GROSS);
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
    }>;
    const cash = methods.find((method) => method.kind === 'cash')!;
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.body.id}/payments`)
      .send({ methodId: cash.id, amount: GROSS })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.body.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    businessDay = order.body.businessDay as string;
  });

  afterAll(() => t.close());

  const report = (path: string) => as(t, manager.session).get(`/api/v1/reports/${path}`);

  it('names the sales report figures: net before tax, gross with it, no name of two meanings', async () => {
    const { totals } = (await report('sales').expect(200)).body as { totals: Record<string, number> };
    expect(totals).toMatchObject({
      orders: 1,
      itemSales: GROSS,
      tax: TAX,
      salesExclTax: NET,
      salesInclTax: GROSS,
      averageTicket: GROSS,
    });
    expect(totals).not.toHaveProperty('netSales');
    expect(totals).not.toHaveProperty('gross');
    const taxes = (await report('taxes').expect(200)).body as { totals: Record<string, number> };
    expect(taxes.totals).toEqual({ net: NET, tax: TAX, gross: GROSS });

    const csv = parseCsv((await report('sales?format=csv').expect(200)).text);
    expect(Object.keys(csv[0])).not.toContain('netSales');
    expect(csv.at(-1)).toMatchObject({
      period: 'total',
      salesExclTax: String(NET),
      salesExclTaxFormatted: '€55.00',
      tax: String(TAX),
      salesInclTax: String(GROSS),
      salesInclTaxFormatted: '€60.50',
    });
  });

  it('adds the dishes report up to the item sales, sizes and paid modifier options included', async () => {
    const dishes = (await report('dishes').expect(200)).body as {
      dishes: Array<{ name: string; revenue: number; variations: Array<{ name: string; revenue: number }> }>;
      modifiers: Array<{ name: string; revenue: number }>;
      itemSales: number;
    };
    const burger = dishes.dishes.find((dish) => dish.name === r.burger.name)!;
    expect(burger.variations.map((variation) => [variation.name, variation.revenue])).toEqual([
      ['Double', 3300],
      ['Regular', 1200],
    ]);
    expect(dishes.modifiers.map((option) => [option.name, option.revenue])).toEqual([
      ['Bacon', 500],
      ['Aioli', 300],
      ['Truffle', 300],
      ['Ketchup', 0],
    ]);
    expect(dishes.itemSales).toBe(3300 + 1200 + 450 + 500 + 300 + 300);
    expect(dishes.itemSales).toBe(GROSS);

    const rows = parseCsv((await report('dishes?format=csv').expect(200)).text);
    const total = rows.at(-1)!;
    const above = rows.slice(0, -1).reduce((sum, row) => sum + Number(row.revenue), 0);
    expect(total).toMatchObject({ dishId: 'total', revenue: String(GROSS), revenueFormatted: '€60.50' });
    expect(above).toBe(GROSS);
  });

  it("names the Z report's figures so in its JSON, CSV and PDF", async () => {
    await as(t, manager.session)
      .post('/api/v1/business-days/close')
      .send({ businessDay, uncountedCashConfirmed: true })
      .expect(201);
    const z = (await as(t, manager.session).get(`/api/v1/business-days/${businessDay}/z-report`).expect(200))
      .body as { report: { sales: Record<string, number> } };
    expect(z.report.sales).toMatchObject({
      itemSales: GROSS,
      salesExclTax: NET,
      tax: TAX,
      salesInclTax: GROSS,
    });
    expect(z.report.sales).not.toHaveProperty('netSales');

    const csv = parseCsv(
      (
        await as(t, manager.session)
          .get(`/api/v1/business-days/${businessDay}/z-report?format=csv`)
          .expect(200)
      ).text,
    );
    const sales = new Map(csv.filter((row) => row.section === 'sales').map((row) => [row.metric, row.value]));
    expect(sales.get('salesExclTax')).toBe(String(NET));
    expect(sales.get('salesInclTax')).toBe(String(GROSS));
    expect(sales.has('netSales')).toBe(false);

    const pdf = await as(t, manager.session)
      .get(`/api/v1/business-days/${businessDay}/z-report?format=pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    // The PDF under the back office's names: net before tax, gross with it.
    const { text } = readPdf(pdf.body as Buffer);
    expect(text).toMatch(/Net sales \(excl\. tax\)\s*€55\.00/);
    expect(text).toMatch(/Gross sales \(incl\. tax\)\s*€60\.50/);
    expect(text).not.toMatch(/netSales|salesExclTax/);
  });
});
