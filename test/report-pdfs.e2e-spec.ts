import { as, NewStaff, Session } from './support/clients';
import { binary, readPdf } from './support/document-readers';
import { formatMinorUnits } from '../src/i18n/money-format';
import type { Restaurant } from './support/factories';
import { Method, reportHelpers, setUpReports } from './support/reports-fixture';
import type { TestApp } from './support/test-app';

/** The reports' PDFs as a bookkeeper files them; their JSON and CSV are reports.e2e-spec.ts'. */
describe('Report PDFs', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let r: Restaurant;
  let fish: { id: string; name: string };
  let cash: Method;
  let card: Method;

  beforeAll(async () => {
    ({ t, admin, waiter, manager, kitchen, r, fish, cash, card } = await setUpReports());
  });

  afterAll(() => t.close());

  const { report, newOrder, payAndClose } = reportHelpers(() => ({
    t,
    admin,
    waiter,
    manager,
    kitchen,
    r,
    fish,
    cash,
    card,
  }));

  beforeAll(async () => {
    // Two fish and a beer at the table: 3550, 10 % off (355), service 10 % of 3195 (320) → 3515.
    const discounted = await newOrder(
      [
        { dishId: fish.id, quantity: 2 },
        { dishId: r.beer.id, quantity: 1 },
      ],
      'dine_in',
    );
    await as(t, manager.session)
      .post(`/api/v1/orders/${discounted.id}/discount`)
      .send({ kind: 'percent', value: 10, reason: 'birthday, "regulars"' })
      .expect(200);
    await payAndClose(discounted.id, [
      { methodId: card.id, amount: 2000, tip: 300 },
      { methodId: cash.id, amount: 2000 },
    ]);
    // A takeaway of fries and fish whose fish the kitchen started, then was voided: 450.
    const voided = await newOrder([
      { dishId: r.fries.id, quantity: 1 },
      { dishId: fish.id, quantity: 1 },
    ]);
    const voidedItem = voided.items[1];
    await as(t, kitchen.session)
      .patch(`/api/v1/orders/${voided.id}/items/${voidedItem.id}/status`)
      .send({ status: 'in_progress' })
      .expect(200);
    await as(t, manager.session)
      .delete(`/api/v1/orders/${voided.id}/items/${voidedItem.id}`)
      .send({ reason: 'dropped it' })
      .expect(200);
    await payAndClose(voided.id, [{ methodId: cash.id, amount: 500 }]);
    // An open order: not a sale yet.
    await newOrder([{ dishId: r.beer.id, quantity: 2 }]);
  });

  it('prints every report as a bookkeeper reads it: the restaurant, the title, the period and the figures in words', async () => {
    const profile = (await as(t, admin).get('/api/v1/restaurant').expect(200)).body as Record<
      string,
      unknown
    >;
    const { name, address, taxId, timezone, currency, country, locale } = profile;
    const setProfile = (changes: object) =>
      as(t, admin)
        .put('/api/v1/restaurant')
        .send({ name, address, taxId, timezone, currency, country, locale, ...changes })
        .expect(200);
    await setProfile({ address: ['Lindenstraße 1', '10115 Berlin'], taxId: 'DE123456789' });
    const euros = (amount: number) => formatMinorUnits(amount, 'EUR');
    const percent = (value: number) =>
      new Intl.NumberFormat('en', { style: 'percent', maximumFractionDigits: 2 }).format(value / 100);
    type Json = {
      period: { from: string };
      totals: Record<string, number>;
      closingOutstanding: number;
      rows: Array<{ percent: number }>;
    };
    const reports: Array<[string, string, (json: Json) => string[]]> = [
      [
        'sales',
        'Sales by day',
        (json) => [
          'Net sales (excl. tax)',
          'Gross sales (incl. tax)',
          'Service charge',
          euros(json.totals.salesInclTax),
          euros(json.totals.discounts),
          'Total',
        ],
      ],
      [
        'sales?groupBy=channel',
        'Sales by channel',
        (json) => ['Period', 'Own orders', euros(json.totals.salesInclTax)],
      ],
      [
        'dishes',
        'Dishes and modifiers',
        () => [
          'Variation',
          'Quantity',
          'Revenue',
          'Fish, "fresh"',
          euros(3000),
          fish.id.slice(0, 8),
          'Total',
        ],
      ],
      [
        'staff',
        'Staff',
        (json) => ['Waiter', 'Average ticket', waiter.session.user.displayName, euros(json.totals.revenue)],
      ],
      [
        'payment-methods',
        'Payment methods',
        (json) => ['Received', 'Change', 'Takings', euros(json.totals.net), euros(535)],
      ],
      [
        'taxes',
        'Taxes',
        (json) => [
          'Tax rate',
          'Gross (incl. tax)',
          percent(json.rows[0].percent),
          'Total',
          euros(json.totals.gross),
        ],
      ],
      ['kitchen', 'Kitchen preparation times', () => ['Station or dish', '90th percentile (s)']],
      [
        'discounts-and-voids',
        'Discounts and voids',
        () => [
          'Reason',
          'Staff member',
          'Void',
          percent(10),
          'birthday, "regulars"',
          'dropped it',
          euros(1500),
        ],
      ],
      [
        'gift-cards',
        'Gift cards',
        (json) => ['Figure', 'Outstanding at the end', euros(json.closingOutstanding)],
      ],
      [
        'shift',
        'X report',
        () => ['Cash paid out (change, refunds)', euros(535), 'Still due on open orders', euros(1100)],
      ],
    ];
    const pdfOf = async (path: string) => {
      const separator = path.includes('?') ? '&' : '?';
      return report(`${path}${separator}format=pdf`).buffer(true).parse(binary).expect(200);
    };
    for (const [path, title, figures] of reports) {
      const json = (await report(path).expect(200)).body as Json;
      const pdf = await pdfOf(path);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      const file = path.replace(/\?.*/, '').replace('shift', 'x-report');
      expect(pdf.headers['content-disposition']).toMatch(
        new RegExp(`^attachment; filename="${file}-[\\d-]+\\.pdf"$`),
      );
      const bytes = pdf.body as Buffer;
      expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const { pages, text } = readPdf(bytes);
      expect(pages).toBe(1);
      const day = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${json.period.from}T00:00:00Z`),
      );
      const heading = [
        name as string,
        'Lindenstraße 1',
        'Tax number: DE123456789',
        title,
        `Business day ${day}`,
      ];
      for (const shown of [...heading, ...figures(json)]) {
        expect({ path, shown, found: text.includes(shown) }).toEqual({ path, shown, found: true });
      }
      // The JSON's and CSV's camelCase names are the machine's; the PDF has none of them, nor an ISO date.
      expect({ path, camelCase: /\b[a-z]+[A-Z][A-Za-z]*\b/.exec(text)?.[0] }).toEqual({
        path,
        camelCase: undefined,
      });
      expect({ path, isoDate: /\d{4}-\d{2}-\d{2}/.test(text) }).toEqual({ path, isoDate: false });
    }

    // With the restaurant German, the PDFs are German, money as Germans write it; ?lang= chooses another.
    await setProfile({
      address: ['Lindenstraße 1', '10115 Berlin'],
      taxId: 'DE123456789',
      locale: 'de-DE',
    });
    const germanEuros = (minor: number) =>
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(minor / 100);
    const sales = (await report('sales').expect(200)).body as Json;
    const [year, month, date] = sales.period.from.split('-');
    const german = readPdf((await pdfOf('sales')).body as Buffer).text;
    for (const shown of [
      'Steuernummer: DE123456789',
      'Umsatz nach Tag',
      `Geschäftstag ${date}.${month}.${year}`,
      'Nettoumsatz (ohne Steuer)',
      'Bruttoumsatz (inkl. Steuer)',
      'Servicezuschlag',
      'Summe',
      germanEuros(sales.totals.salesInclTax),
    ]) {
      expect({ shown, found: german.includes(shown) }).toEqual({ shown, found: true });
    }
    const germanX = readPdf((await pdfOf('shift')).body as Buffer).text;
    for (const shown of ['X-Bericht', 'Noch offene Bestellungen', germanEuros(1100)]) {
      expect({ shown, found: germanX.includes(shown) }).toEqual({ shown, found: true });
    }
    const english = readPdf((await pdfOf('sales?lang=en')).body as Buffer).text;
    expect(english).toContain('Net sales (excl. tax)');
    expect(english).not.toContain('Nettoumsatz');
    await report('sales?format=pdf&lang=fr').expect(422);
    await setProfile({});
  });
});
