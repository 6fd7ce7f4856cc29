/**
 * The restaurant's profile as data: seeded from the settings, read by any staff, replaced by an admin, used at once
 * by receipts and the QR page on every instance, and its time zone and currency fixed by the first sale.
 */
import { as, loginAdmin, newManager, newWaiter, NewStaff, Session } from './support/clients';
import { readPdf, binary } from './support/document-readers';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';
import { eventually } from './support/webhook-receiver';

const PROFILE = {
  name: 'Zur Linde',
  address: ['Lindenstraße 1', '10115 Berlin'],
  taxId: 'DE123456789',
  timezone: 'Europe/Berlin',
  currency: 'EUR',
  country: 'DE',
  locale: 'de-DE',
};

describe('The restaurant profile: GET and PUT /restaurant', () => {
  let t: TestApp;
  let twin: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;

  beforeAll(async () => {
    t = await startTestApp({
      RESTAURANT_NAME: 'Seeded Name',
      RESTAURANT_ADDRESS: 'Seed Street 1\\n12345 Seedtown',
      RESTAURANT_COUNTRY: 'AT',
      RESTAURANT_TIMEZONE: 'Europe/Vienna',
    });
    twin = await t.twin();
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    [waiter, manager] = await Promise.all([newWaiter(t), newManager(t)]);
  });

  afterAll(async () => {
    await twin?.close();
    await t?.close();
  });

  const put = (session: Pick<Session, 'accessToken'>, body: object) =>
    as(t, session).put('/api/v1/restaurant').send(body);

  it('starts from the settings, and any staff reads it', async () => {
    const { body } = await as(t, waiter.session).get('/api/v1/restaurant').expect(200);
    expect(body).toMatchObject({
      name: 'Seeded Name',
      address: ['Seed Street 1', '12345 Seedtown'],
      taxId: null,
      timezone: 'Europe/Vienna',
      currency: 'EUR',
      country: 'AT',
      locale: 'en',
      sold: false,
    });
  });

  it('refuses a waiter and a manager (403), and bad input with the field problems (422)', async () => {
    await put(waiter.session, PROFILE).expect(403);
    await put(manager.session, PROFILE).expect(403);
    const bad = await put(admin, {
      ...PROFILE,
      name: '',
      address: ['Bell\u0007Street'],
      timezone: 'Mars/Olympus',
      currency: 'euro',
      country: 'XX',
      locale: 'fr',
    }).expect(422);
    expect(bad.body.error.code).toBe('VALIDATION_ERROR');
    const fields = new Set(
      (bad.body.error.details as Array<{ field: string }>).map((detail) => detail.field),
    );
    expect(fields).toEqual(new Set(['name', 'address', 'timezone', 'currency', 'country', 'locale']));
    await put(admin, { ...PROFILE, taxId: undefined }).expect(422);
  });

  it('replaces the profile: the receipt and the QR page show it at once, on both instances', async () => {
    const { body } = await put(admin, PROFILE).expect(200);
    expect(body).toMatchObject({ ...PROFILE, sold: false });
    expect((await t.http().get(`/t/${r.table.qrToken}`).expect(200)).text).toContain('<h1>Zur Linde</h1>');
    // The twin hears of it through the event log's feed.
    await eventually('the twin to show the new name', async () =>
      (await twin.http().get(`/t/${r.table.qrToken}`).expect(200)).text.includes('<h1>Zur Linde</h1>'),
    );

    // A dish given one price gets its variation named in the restaurant's language, and printed without it.
    const soup = await factories(t, admin).newDish({
      name: 'Suppe',
      categoryId: r.category.id,
      stationId: r.grill.id,
      price: 650,
    });
    expect(soup.variations.map((variation) => variation.name)).toEqual(['Standard']);

    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    const cashId = methods.find((method) => method.kind === 'cash')!.id;
    const order = (
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201)
    ).body as { id: string; total: number };
    await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cashId, amount: order.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const receipts = (await as(t, manager.session).get('/api/v1/receipts').expect(200)).body.items as Array<{
      id: string;
    }>;
    const pdf = await as(twin, waiter.session)
      .get(`/api/v1/receipts/${receipts[0].id}?format=pdf`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = readPdf(pdf.body as Buffer).text;
    for (const line of ['Zur Linde', 'Lindenstraße 1', '10115 Berlin', 'DE123456789'])
      expect(text).toContain(line);
  });

  it('prints every live table’s QR code, name and link on A4 pages (GET /tables/qr-sheet?format=pdf)', async () => {
    const make = factories(t, admin);
    const tables = [r.table];
    for (let i = 1; i <= 12; i++) tables.push(await make.newTable(`Terrasse ${i}`));
    await as(t, waiter.session).get('/api/v1/tables/qr-sheet?format=pdf').expect(403);
    const pdf = await as(t, manager.session)
      .get('/api/v1/tables/qr-sheet?format=pdf')
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    const sheet = readPdf(pdf.body as Buffer);
    expect(sheet.pages).toBe(2);
    // A link longer than its card wraps: read it whole.
    const text = sheet.text.replace(/\n/g, '');
    for (const table of tables) {
      expect(sheet.text).toContain(table.name);
      expect(text).toContain(`${t.config.publicBaseUrl}/t/${table.qrToken}`);
    }
  });

  it('refuses a new time zone or currency after the first sale (409 PROFILE_LOCKED), and takes the rest', async () => {
    expect((await as(t, admin).get('/api/v1/restaurant').expect(200)).body.sold).toBe(true);
    const zone = await put(admin, { ...PROFILE, timezone: 'Europe/London' }).expect(409);
    expect(zone.body.error).toMatchObject({ code: 'PROFILE_LOCKED', details: null });
    expect(zone.body.error.message).toMatch(/time ?zone.*has sold already/i);
    const currency = await put(admin, { ...PROFILE, currency: 'CHF' }).expect(409);
    expect(currency.body.error.message).toMatch(/currency/);
    const renamed = await put(admin, { ...PROFILE, name: 'Linde', taxId: null }).expect(200);
    expect(renamed.body).toMatchObject({ name: 'Linde', taxId: null, timezone: 'Europe/Berlin', sold: true });
  });
});

describe('Money fixes the profile: a gift card, a drawer or a closed day before any payment', () => {
  type Profile = typeof PROFILE & { sold: boolean };
  /** Each records money in a restaurant that has taken no payment yet. */
  const firstMoney: Array<[string, (t: TestApp, admin: Session) => Promise<unknown>]> = [
    [
      'a gift card sold for cash',
      async (t, admin) => {
        const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
          id: string;
          kind: string;
        }>;
        const cash = methods.find((method) => method.kind === 'cash')!;
        return as(t, admin)
          .post('/api/v1/gift-cards')
          .send({ amount: 5000, sale: { methodId: cash.id } })
          .expect(201);
      },
    ],
    [
      'a gift card issued free',
      (t, admin) => as(t, admin).post('/api/v1/gift-cards').send({ amount: 5000 }).expect(201),
    ],
    [
      'a drawer opened and cash paid in',
      async (t, admin) => {
        const shift = await as(t, admin)
          .post('/api/v1/shifts/open')
          .send({ openingCash: 10_000 })
          .expect(201);
        return as(t, admin)
          .post(`/api/v1/shifts/${shift.body.id}/movements`)
          .send({ kind: 'deposit', amount: 5000, reason: 'change from the bank' })
          .expect(201);
      },
    ],
    [
      'a business day closed',
      (t, admin) =>
        as(t, admin).post('/api/v1/business-days/close').send({ uncountedCashConfirmed: true }).expect(201),
    ],
  ];

  it.each(firstMoney)(
    'takes a new time zone and currency before any money, refuses both after %s (409 PROFILE_LOCKED)',
    async (_, record) => {
      const t = await startTestApp();
      try {
        const admin = await loginAdmin(t);
        const put = (body: object) => as(t, admin).put('/api/v1/restaurant').send(body);
        const profile = async () =>
          (await as(t, admin).get('/api/v1/restaurant').expect(200)).body as Profile;
        await put({ ...PROFILE, timezone: 'Europe/London', currency: 'CHF' }).expect(200);
        await put(PROFILE).expect(200);
        expect(await profile()).toMatchObject({ ...PROFILE, sold: false });

        await record(t, admin);
        const before = await profile();
        expect(before).toMatchObject({ currency: 'EUR', timezone: 'Europe/Berlin', sold: true });
        for (const change of [{ currency: 'JPY' }, { timezone: 'Asia/Tokyo' }]) {
          const refused = await put({ ...PROFILE, ...change }).expect(409);
          expect(refused.body.error).toMatchObject({ code: 'PROFILE_LOCKED', details: null });
        }
        expect(await profile()).toEqual(before);
      } finally {
        await t.close();
      }
    },
  );
});

describe('Tax rates from a country preset: GET /taxes/presets, POST /taxes/presets/{country}/apply', () => {
  let t: TestApp;
  let admin: Session;
  let manager: NewStaff;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    manager = await newManager(t);
  });

  afterAll(() => t?.close());

  type Rate = { name: string; percent: number; isDefault: boolean };

  it('lists Germany and Austria for a manager; only an admin applies one', async () => {
    const { body } = await as(t, manager.session).get('/api/v1/taxes/presets').expect(200);
    const byCountry = new Map(
      (body.items as Array<{ country: string; rates: Rate[] }>).map((preset) => [
        preset.country,
        preset.rates.map((rate) => rate.percent),
      ]),
    );
    expect(byCountry.get('DE')).toEqual([19, 7]);
    expect(byCountry.get('AT')).toEqual([20, 10, 13]);
    await as(t, manager.session).post('/api/v1/taxes/presets/DE/apply').expect(403);
    await as(t, admin).post('/api/v1/taxes/presets/XX/apply').expect(404);
  });

  it('creates the missing rates once, keeps a rate of the same percent, and makes no second default', async () => {
    await factories(t, admin).newTaxRate({ name: 'Reduced', percent: 10 });
    const first = (await as(t, admin).post('/api/v1/taxes/presets/at/apply').expect(200)).body as {
      created: Rate[];
      existing: Rate[];
    };
    expect(first.created.map(({ name, percent, isDefault }) => [name, percent, isDefault])).toEqual([
      ['VAT 20 %', 20, true],
      ['VAT 13 %', 13, false],
    ]);
    expect(first.existing.map((rate) => rate.name)).toEqual(['Reduced']);
    const again = (await as(t, admin).post('/api/v1/taxes/presets/AT/apply').expect(200)).body as {
      created: Rate[];
      existing: Rate[];
    };
    expect(again.created).toEqual([]);
    expect(again.existing).toHaveLength(3);
    const german = (await as(t, admin).post('/api/v1/taxes/presets/DE/apply').expect(200)).body as {
      created: Rate[];
    };
    expect(german.created.map(({ percent, isDefault }) => [percent, isDefault])).toEqual([
      [19, false],
      [7, false],
    ]);
    const rates = (await as(t, admin).get('/api/v1/tax-rates?perPage=100').expect(200)).body.items as Rate[];
    expect(rates).toHaveLength(5);
  });
});
