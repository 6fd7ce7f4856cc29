/**
 * Headquarters' dish, payment-method and tax reports and a site's Z reports in a real browser: headquarters runs
 * as a service process (POS_ROLE=hq) with a restaurant linked as its site; the restaurant sells two dishes (one
 * in two variations) at two tax rates, paid by card with a tip and in cash. Once headquarters has the sales, the
 * Chain sales screen's Dishes, Payment methods and Taxes tabs show, for that site and its group, each dish's
 * quantity and revenue, each method's figures and each rate's net, tax and gross, equal to the site's own reports
 * of the same day read over the site's API, and to the same figures worked out by hand from the prices; by
 * business day too. The Labour tab shows, per site, the hour a waiter worked (as the manager corrected it), its
 * cost, the net sales, the labour percent and the card tip, as the site's own labour and tip reports count them.
 * After a day close at the site, the Sites screen
 * shows the site's Z report with the site's own figures. In German, these views show no text the catalogues did
 * not write.
 */
import type { Locator } from 'playwright-core';
import { Role } from '../src/common/access/role';
import { CATALOGUES } from '../src/i18n/catalogues';
import { Formats } from '../src/i18n/formats';
import { walkHelpers } from './support/back-office-walk-helpers';
import { CHROMIUM, describeInBrowser, keepScreenshots } from './support/browser';
import { chainInBrowser } from './support/chain-fixture';
import { linkSite, SITE_IDENTITY } from './support/chain-sites';
import { as, displayNameOf, loginAdmin, newStaff, type NewStaff, type Session } from './support/clients';
import { factories, type Restaurant } from './support/factories';
import { labourAtHq, workedHour } from './support/hq-labour-shift';
import { hqMixReports, siteMixReports } from './support/hq-mix-reports';
import type { ServiceProcess } from './support/processes';
import { regionNamesIn, shownTexts, untranslated } from './support/untranslated';
import { eventually } from './support/webhook-receiver';

type Method = { id: string; name: string; kind: string };
type Figures = Record<string, number>;
interface SiteDishes {
  dishes: Array<{ name: string; variations: Array<{ name: string } & Figures> }>;
  totals: Figures;
}
interface SiteMethods {
  methods: Array<{ name: string } & Figures>;
  totals: Figures;
}
interface SiteTaxes {
  rows: Array<{ businessDay: string; name: string; percent: number } & Figures>;
  totals: Figures;
}

const en = walkHelpers('en');
const de = walkHelpers('de');
/** The page's numbers in English: the figures it shows are the site's euros. */
const formats = new Formats({ locale: 'en', timeZone: 'Europe/Berlin', currency: 'EUR' });
const money = (minor: number) => formats.moneyIn(minor, 'EUR');
const count = (value: number) => formats.number(value);
const TOTAL = en.bo('hqReports.total');

/** A table's body rows as the cells' texts, sorted: the page orders by revenue, the site's API its own way. */
async function bodyRows(table: Locator): Promise<string[][]> {
  const rows = await table.locator('tbody tr').all();
  const cells = await Promise.all(rows.map((row) => row.locator('td').allTextContents()));
  return sorted(cells);
}
const sorted = (rows: string[][]) => [...rows].sort((a, b) => a.join('|').localeCompare(b.join('|')));

describeInBrowser(`Headquarters' reports in a real browser (${CHROMIUM})`, () => {
  const chain = chainInBrowser();
  let site: ServiceProcess;
  let hqAdmin: Session;
  let siteAdmin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let siteId: string;
  let today: string;

  /** The names the spec and the services gave (no language's words): allowed on a German page. */
  const names = () => [
    'My Restaurant',
    'Administrator',
    SITE_IDENTITY.name,
    'Berlin',
    r.burger.name,
    r.beer.name,
    'Regular',
    'Double',
    'Cash',
    'Card',
    'VAT',
    'Reduced',
    displayNameOf(manager),
    `${r.burger.name} (Regular)`,
    `${r.burger.name} (Double)`,
  ];

  beforeAll(async () => {
    const hq = chain.hq;
    const [till] = chain.sites;
    [site, siteAdmin] = [till.service, till.admin];
    hqAdmin = await loginAdmin(hq);
    const make = factories(site, siteAdmin);
    await make.newTaxRate({ name: 'VAT', percent: 19, isDefault: true });
    const reduced = await make.newTaxRate({ name: 'Reduced', percent: 7 });
    r = await make.newRestaurant();
    await as(site, siteAdmin)
      .patch(`/api/v1/dishes/${r.beer.id}`)
      .send({ taxRateIds: [reduced.id] })
      .expect(200);
    [waiter, manager] = await Promise.all([newStaff(site, Role.Waiter), newStaff(site, Role.Manager)]);
    today = (
      (await as(site, manager.session).get('/api/v1/reports/shift').expect(200)).body as {
        businessDay: string;
      }
    ).businessDay;

    // A group, and the site in it, linked as the restaurant's admin does.
    const group = await as(hq, hqAdmin).post('/api/v1/hq/site-groups').send({ name: 'Berlin' }).expect(201);
    await linkSite(hq, hqAdmin, till, hq.url, [group.body.id as string]);
    siteId = till.id;
  });

  /** Two orders: the burger in both sizes and beer (at the reduced rate), by card with a tip and in cash. */
  async function sell(): Promise<void> {
    const methods = (await as(site, siteAdmin).get('/api/v1/payment-methods').expect(200)).body
      .items as Method[];
    const sales: Array<[number, number, string, number]> = [
      [1, 2, 'card', 250],
      [0, 1, 'cash', 0],
    ];
    for (const [size, beers, kind, tip] of sales) {
      const order = await as(site, waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'takeaway',
          items: [
            { dishId: r.burger.id, variationId: r.burger.variations[size].id, quantity: 1 },
            { dishId: r.beer.id, quantity: beers },
          ],
        })
        .expect(201);
      await as(site, waiter.session)
        .post(`/api/v1/orders/${order.body.id}/payments`)
        .send({
          methodId: methods.find((method) => method.kind === kind)!.id,
          amount: order.body.total,
          ...(tip ? { tip } : {}),
        })
        .expect(201);
      await as(site, waiter.session)
        .patch(`/api/v1/orders/${order.body.id}/status`)
        .send({ status: 'closed' })
        .expect(200);
    }
  }

  /**
   * The two orders' figures as a bookkeeper works them out from the prices: the tax contained in each line,
   * `price × p / (100 + p)` rounded half up per line (docs/money.md); net before tax; a card tip received with
   * the payment but not a sale.
   */
  function byHand() {
    const [regular, double] = r.burger.variations.map((variation) => variation.price);
    const beer = r.beer.variations[0].price;
    const lines: Array<[number, number]> = [
      [double, 19],
      [2 * beer, 7],
      [regular, 19],
      [beer, 7],
    ];
    const gross = lines.reduce((sum, [amount]) => sum + amount, 0);
    const tax = lines.reduce(
      (sum, [amount, percent]) => sum + Math.round((amount * percent) / (100 + percent)),
      0,
    );
    return {
      quantity: 5,
      gross,
      tax,
      net: gross - tax,
      card: { payments: 1, received: double + 2 * beer + 250, tips: 250, refunded: 0 },
      cash: { payments: 1, received: regular + beer, tips: 0, refunded: 0 },
    };
  }

  const own = async <T>(report: string): Promise<T> =>
    (await as(site, manager.session).get(`/api/v1/reports/${report}?from=${today}&to=${today}`).expect(200))
      .body as T;

  it('shows the chain’s dishes, payment methods and taxes as the site counts them, and the site’s Z report', async () => {
    await sell();
    // Headquarters has the sales once its reports for the site equal the site's own.
    const expected = await siteMixReports(site, manager.session, today, today);
    await eventually(
      'HQ to have the site’s sales',
      async () =>
        JSON.stringify(await hqMixReports(chain.hq, hqAdmin, siteId, today, today)) ===
        JSON.stringify(expected),
      30_000,
    );
    const [dishes, methods, taxes] = await Promise.all([
      own<SiteDishes>('dishes'),
      own<SiteMethods>('payment-methods'),
      own<SiteTaxes>('taxes'),
    ]);
    expect(dishes.dishes.length).toBe(2);
    expect(methods.methods.length).toBe(2);
    expect(taxes.rows.map((row) => row.percent).sort()).toEqual([19, 7]);
    // What headquarters is about to show, worked out by hand from the prices rung up.
    const hand = byHand();
    expect(dishes.totals).toMatchObject({ quantity: hand.quantity, revenue: hand.gross });
    expect(taxes.totals).toMatchObject({ net: hand.net, tax: hand.tax, gross: hand.gross });
    expect(methods.methods.find((method) => method.name === 'Card')).toMatchObject(hand.card);
    expect(methods.methods.find((method) => method.name === 'Cash')).toMatchObject(hand.cash);

    const { page, problems } = await chain.backOffice(chain.hq.url, 'chainSales');
    await page.getByRole('heading', { name: en.bo('chain.sales.heading'), level: 1 }).waitFor();
    const tabs = page.getByRole('tablist', { name: en.bo('hqReports.tabs') });
    expect(await tabs.getByRole('tab').allTextContents()).toEqual([
      'Sales',
      'Dishes',
      'Payment methods',
      'Taxes',
      'Labour',
    ]);
    await tabs.getByRole('tab', { name: 'Dishes' }).click();
    const panel = page.getByRole('tabpanel', { name: 'Dishes' });
    await panel.getByLabel('From').fill(today);
    await panel.getByLabel('To', { exact: true }).fill(today);
    await panel.getByLabel('Site', { exact: true }).selectOption({ label: SITE_IDENTITY.name });
    await panel.getByLabel('Group', { exact: true }).selectOption({ label: 'Berlin' });
    await panel.getByRole('button', { name: 'Show' }).click();

    // Dishes: a row per dish and size, with the quantity and revenue the site's own report gives, and the total.
    const dishTable = page.getByRole('table', { name: 'Dishes in EUR' });
    const dishTotal = [TOTAL, count(dishes.totals.quantity), money(dishes.totals.revenue)];
    await dishTable.getByRole('row').filter({ hasText: TOTAL }).filter({ hasText: dishTotal[2] }).waitFor();
    expect(await bodyRows(dishTable)).toEqual(
      sorted([
        ...dishes.dishes.flatMap((dish) =>
          dish.variations.map((variation) => [
            variation.name ? `${dish.name} (${variation.name})` : dish.name,
            count(variation.quantity),
            money(variation.revenue),
          ]),
        ),
        dishTotal,
      ]),
    );
    expect(dishes.dishes.find((dish) => dish.name === r.burger.name)!.variations.length).toBe(2);
    await keepScreenshots(page, 'back-office-hq-reports-dishes');

    // Payment methods: each method's payments, received, refunded, change, tips and net.
    await tabs.getByRole('tab', { name: 'Payment methods' }).click();
    const methodTable = page.getByRole('table', { name: 'Payment methods in EUR' });
    const methodFigures = (row: Figures) => [
      count(row.payments),
      ...['received', 'refunded', 'change', 'tips', 'net'].map((figure) => money(row[figure])),
    ];
    await methodTable.getByRole('row').filter({ hasText: TOTAL }).waitFor();
    expect(await bodyRows(methodTable)).toEqual(
      sorted([
        ...methods.methods.map((method) => [method.name, ...methodFigures(method)]),
        [TOTAL, ...methodFigures(methods.totals)],
      ]),
    );
    expect(methods.methods.find((method) => method.name === 'Card')!.tips).toBe(250);
    await keepScreenshots(page, 'back-office-hq-reports-methods');

    // Taxes: each rate's net, tax and gross; then by business day, the day in a first column.
    await tabs.getByRole('tab', { name: 'Taxes' }).click();
    const taxTable = page.getByRole('table', { name: 'Taxes in EUR' });
    const taxFigures = (row: Figures) => ['net', 'tax', 'gross'].map((figure) => money(row[figure]));
    const rate = (row: SiteTaxes['rows'][number]) => `${row.name} (${formats.percent(row.percent)})`;
    await taxTable.getByRole('row').filter({ hasText: TOTAL }).waitFor();
    const taxRows = [
      ...taxes.rows.map((row) => [rate(row), ...taxFigures(row)]),
      [TOTAL, ...taxFigures(taxes.totals)],
    ];
    expect(await bodyRows(taxTable)).toEqual(sorted(taxRows));
    await page
      .getByRole('tabpanel', { name: 'Taxes' })
      .getByLabel('Rows', { exact: true })
      .selectOption({ label: 'Per business day' });
    await page.getByRole('tabpanel', { name: 'Taxes' }).getByRole('button', { name: 'Show' }).click();
    await taxTable.getByRole('columnheader', { name: 'Business day' }).waitFor();
    expect(await bodyRows(taxTable)).toEqual(
      sorted([
        ...taxes.rows.map((row) => [formats.day(row.businessDay), rate(row), ...taxFigures(row)]),
        ['', TOTAL, ...taxFigures(taxes.totals)],
      ]),
    );
    await keepScreenshots(page, 'back-office-hq-reports-taxes');

    // Labour: the waiter's shift, as the manager corrected it, and the card tip, per site as the site counts them.
    await workedHour(site, { admin: siteAdmin, manager: manager.session, worker: waiter }, 1450, today);
    const labour = await labourAtHq(
      { server: site, manager: manager.session, id: siteId },
      { server: chain.hq, session: hqAdmin },
      today,
      250,
    );
    // An hour at 14.50, less whatever of it fell before the business day's start.
    expect(labour).toMatchObject({ salesExclTax: hand.net });
    expect(labour.hours).toBeGreaterThan(0);
    expect(labour.labourCost).toBeCloseTo(labour.hours * 1450, -1);
    await tabs.getByRole('tab', { name: 'Labour' }).click();
    const labourPanel = page.getByRole('tabpanel', { name: 'Labour' });
    await labourPanel.getByLabel('Rows', { exact: true }).selectOption({ label: 'Per site' });
    await labourPanel.getByRole('button', { name: 'Show' }).click();
    const labourTable = page.getByRole('table', { name: 'Labour in EUR' });
    await labourTable.getByRole('columnheader', { name: 'Site' }).waitFor();
    const t = labour;
    const labourCells = [
      count(t.hours),
      count(t.overtimeHours),
      money(t.labourCost),
      money(t.salesExclTax),
      formats.percent(t.labourPercent!),
      money(250),
      money(0),
    ];
    expect(await bodyRows(labourTable)).toEqual(
      sorted([
        [SITE_IDENTITY.name, ...labourCells],
        [TOTAL, ...labourCells],
      ]),
    );
    await keepScreenshots(page, 'back-office-hq-reports-labour');

    // The site closes its day; once the Z report has reached headquarters, the Sites screen shows it.
    await as(site, manager.session)
      .post('/api/v1/business-days/close')
      .send({ uncountedCashConfirmed: true })
      .expect(201);
    const z = (await as(site, manager.session).get(`/api/v1/business-days/${today}/z-report`).expect(200))
      .body as { number: number; closedByName: string; report: { sales: Figures } };
    await eventually('the Z report to reach HQ', async () => {
      const kept = await as(chain.hq, hqAdmin).get(
        `/api/v1/hq/sites/${siteId}/z-reports?from=${today}&to=${today}`,
      );
      return (kept.body.items as unknown[]).length === 1;
    });
    await en.open(page, 'sites');
    await page.getByRole('heading', { name: en.bo('chain.sites.heading'), level: 1 }).waitFor();
    await page.getByRole('button', { name: `Z reports of ${SITE_IDENTITY.name}` }).click();
    const zTable = page.getByRole('table', { name: `Z reports of ${SITE_IDENTITY.name}` });
    // Days written as the page's language writes them, not as the API's ISO dates.
    await zTable
      .getByRole('row')
      .filter({ hasText: formats.day(today) })
      .waitFor();
    const [zRow] = await bodyRows(zTable);
    const sales = z.report.sales;
    expect([...zRow.slice(0, 2), ...zRow.slice(3)]).toEqual([
      formats.day(today),
      count(z.number),
      count(sales.orders),
      ...['salesExclTax', 'tax', 'salesInclTax', 'tips', 'refunds'].map((figure) => money(sales[figure])),
    ]);
    expect(zRow[2]).toContain(z.closedByName);
    expect(sales).toMatchObject({
      orders: 2,
      salesInclTax: hand.gross,
      salesExclTax: hand.net,
      tax: hand.tax,
    });
    await keepScreenshots(page, 'back-office-hq-reports-z');

    // In German: the Z reports and the four tabs, every text from the German catalogues.
    const german = [CATALOGUES.screens, CATALOGUES.backOffice];
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    const zGerman = page.getByRole('table', {
      name: de.bo('hqReports.zReports.heading', { site: SITE_IDENTITY.name }),
    });
    await zGerman
      .getByRole('row')
      .filter({ hasText: de.formats.day(today) })
      .waitFor();
    await keepScreenshots(page, 'back-office-hq-reports-z-de');
    // The site form's country list is the browser's own names for them.
    const shownData = [...names(), ...(await regionNamesIn(page, 'de'))];
    expect(untranslated(await shownTexts(page), german, shownData)).toEqual([]);
    await de.open(page, 'chainSales');
    const tabsDe = page.getByRole('tablist', { name: de.bo('hqReports.tabs') });
    for (const tab of ['dishes', 'methods', 'taxes', 'labour']) {
      const name = de.bo(`hqReports.tab.${tab}`);
      await tabsDe.getByRole('tab', { name, exact: true }).click();
      const panelDe = page.getByRole('tabpanel', { name });
      await panelDe.getByLabel(de.bo('chain.sales.from')).fill(today);
      await panelDe.getByLabel(de.bo('chain.sales.to'), { exact: true }).fill(today);
      await panelDe.getByRole('button', { name: de.bo('chain.sales.show') }).click();
      const title = de.bo('hqReports.inCurrency', { report: name, currency: 'EUR' });
      await page
        .getByRole('table', { name: title })
        .getByRole('row')
        .filter({ hasText: de.bo('hqReports.total') })
        .waitFor();
      await keepScreenshots(page, `back-office-hq-reports-${tab}-de`);
      expect(untranslated(await shownTexts(page), german, shownData)).toEqual([]);
    }

    expect(problems).toEqual([]);
  });
});
