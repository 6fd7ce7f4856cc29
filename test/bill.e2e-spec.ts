import { as, loginAdmin, newManager, newWaiter, NewStaff, Session } from './support/clients';
import { assertWellFormedXml, readPdf, svgLines, binary } from './support/document-readers';
import { decodeEscPos } from './support/escpos-decoder';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

describe('The guest check: GET /orders/:id/bill as JSON, ESC/POS, SVG and PDF', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let orderId: string;

  beforeAll(async () => {
    t = await startTestApp({
      CURRENCY: 'EUR',
      RESTAURANT_NAME: 'Chez Test',
      RESTAURANT_ADDRESS: 'Rue de la Paix 1\\n75002 Paris',
      RESTAURANT_TAX_ID: 'FR12345678901',
      RECEIPT_FOOTER: 'Merci | à bientôt',
      RESTAURANT_TIMEZONE: 'Europe/Paris',
    });
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    [waiter, manager] = await Promise.all([newWaiter(t), newManager(t)]);
    const double = r.burger.variations.find((variation) => variation.name === 'Double')!;
    const created = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'dine_in',
        tableId: r.table.id,
        guests: 2,
        items: [
          { dishId: r.burger.id, variationId: double.id, quantity: 2, comment: 'no onions' },
          { dishId: r.fries.id, quantity: 1 },
          { dishId: r.beer.id, quantity: 3 },
        ],
      })
      .expect(201);
    orderId = created.body.id;
    await as(t, manager.session)
      .post(`/api/v1/orders/${orderId}/discount`)
      .send({ kind: 'percent', value: 10, reason: 'birthday' })
      .expect(200);
  });

  afterAll(() => t.close());

  const bill = (query: string) => as(t, waiter.session).get(`/api/v1/orders/${orderId}/bill${query}`);

  it('answers the check as JSON: the live lines, the totals, the table and the waiter', async () => {
    const order = (await as(t, waiter.session).get(`/api/v1/orders/${orderId}`).expect(200)).body;
    const { body } = await bill('')
      .expect(200)
      .expect('Content-Type', /application\/json/);
    expect(body).toMatchObject({
      kind: 'guest_check',
      orderNumber: order.number,
      tableName: r.table.name,
      waiterName: expect.any(String),
      guests: 2,
      subtotal: order.subtotal,
      discount: order.discount,
      total: order.total,
      due: order.due,
      discountDetail: { kind: 'percent', value: 10, reason: 'birthday' },
    });
    expect(body.lines.map((line: { name: string; quantity: number }) => [line.name, line.quantity])).toEqual([
      [r.burger.name, 2],
      [r.fries.name, 1],
      [r.beer.name, 3],
    ]);
    expect((await bill('?format=json').expect(200)).body).toMatchObject({
      kind: 'guest_check',
      total: order.total,
    });
  });

  it.each([32, 42, 48])(
    'prints on %i-character paper as ESC/POS that reads back as the check',
    async (width) => {
      const response = await bill(`?format=escpos&width=${width}`)
        .buffer(true)
        .parse(binary)
        .expect(200)
        .expect('Content-Type', 'application/octet-stream');
      const { lines, widest, cuts } = decodeEscPos(response.body as Buffer);
      expect(widest).toBeLessThanOrEqual(width);
      expect(cuts).toBe(1);
      const text = lines.join('\n');
      for (const expected of [
        'Chez Test',
        'Rue de la Paix 1',
        '75002 Paris',
        'Tax ID FR12345678901',
        'GUEST CHECK',
        `Table ${r.table.name}, 2 guests`,
        `(Double)`,
        `1x ${r.fries.name}`,
        `3x ${r.beer.name}`,
        'Discount 10% (birthday)',
        '-€5.40',
        'TOTAL',
        '€48.60',
        '*** NOT A RECEIPT ***',
        'Merci | à bientôt',
      ]) {
        expect(text).toContain(expected);
      }
      expect(text).not.toContain('no onions');
    },
  );

  it('shows the same check as SVG for screens and as a PDF for mail', async () => {
    const svg = await bill('?format=svg&width=42')
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', /^image\/svg\+xml/);
    const markup = (svg.body as Buffer).toString('utf8');
    expect(() => assertWellFormedXml(markup)).not.toThrow();
    expect(svgLines(markup)).toContain('*** NOT A RECEIPT ***');
    expect(svgLines(markup).join('\n')).toContain('TOTAL €48.60');

    const pdf = await bill('?format=pdf')
      .buffer(true)
      .parse(binary)
      .expect(200)
      .expect('Content-Type', 'application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    const { pages, text } = readPdf(pdf.body as Buffer);
    expect(pages).toBe(1);
    expect(text).toContain('NOT A RECEIPT');
    expect(text).toContain(r.beer.name);
  });

  it.each([
    ['?format=escpos&width=40', 'width'],
    ['?format=escpos&width=wide', 'width'],
    ['?format=html', 'format'],
    ['?format=svg&width=', 'width'],
  ])('refuses %s with 422 naming the field', async (query, field) => {
    const { body } = await bill(query).expect(422);
    expect(body.error.code).toBe('VALIDATION_ERROR');
    expect(body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
  });

  it('answers 404 for an order that does not exist, and 401 without credentials', async () => {
    await as(t, waiter.session).get('/api/v1/orders/00000000-0000-4000-8000-000000000000/bill').expect(404);
    await t.http().get(`/api/v1/orders/${orderId}/bill`).expect(401);
  });
});
