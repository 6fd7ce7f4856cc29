import request from 'supertest';
import { Role } from '../src/common/access/role';
import { binary, readPdf } from './support/document-readers';
import { as, displayNameOf, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const DAY_MS = 24 * 60 * 60_000;

type Method = { id: string; kind: string };
type ZReport = {
  businessDay: string;
  number: number;
  closedBy: string;
  closedAt: string;
  report: {
    businessDay: string;
    sales: { orders: number; salesInclTax: number };
    cashDrawers: Array<{ id: string; status: string; expectedCash: number; countedCash: number }>;
  };
};

describe('Closing the business day: the Z report', () => {
  let t: TestApp;
  let admin: Session;
  let r: Restaurant;
  let waiter: NewStaff;
  let manager: NewStaff;
  let cash: Method;

  beforeAll(async () => {
    t = await startTestApp({ RESTAURANT_TIMEZONE: 'Europe/Berlin' });
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Method[];
    cash = methods.find((method) => method.kind === 'cash')!;
  });

  afterAll(() => t.close());

  async function beers(quantity: number): Promise<{ id: string; number: number; total: number }> {
    const order = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity }] })
      .expect(201);
    return order.body as { id: string; number: number; total: number };
  }

  async function payInCashAndClose(order: { id: string; total: number }, tendered: number): Promise<string> {
    const payment = await as(t, waiter.session)
      .post(`/api/v1/orders/${order.id}/payments`)
      .send({ methodId: cash.id, amount: tendered })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${order.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return payment.body.id as string;
  }

  const closeDay = (body: object = { uncountedCashConfirmed: true }, session: Session = manager.session) =>
    as(t, session).post('/api/v1/business-days/close').send(body);
  const zReportText = async (day: string, format = 'json') => {
    const response = await as(t, manager.session)
      .get(`/api/v1/business-days/${day}/z-report?format=${format}`)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => done(null, text));
      })
      .expect(200);
    return { text: response.body as string, type: response.headers['content-type'] };
  };

  it('refuses while orders or the drawer are open, then writes a numbered Z report that never changes', async () => {
    const x = (await as(t, manager.session).get('/api/v1/reports/shift').expect(200)).body as {
      businessDay: string;
    };
    const today = x.businessDay;

    const drawer = await as(t, manager.session)
      .post('/api/v1/shifts/open')
      .send({ openingCash: 10_000 })
      .expect(201);
    const paid = await beers(2);
    const paidPayment = await payInCashAndClose(paid, 2_000);
    const open = await beers(1);

    const refusedForOrders = await closeDay();
    expect(refusedForOrders.status).toBe(409);
    expect(refusedForOrders.body.error.code).toBe('CONFLICT');
    expect(refusedForOrders.body.error.details).toEqual({
      openOrders: [{ id: open.id, number: open.number, status: 'open' }],
    });

    const xWithDrawer = await as(t, manager.session).get('/api/v1/reports/shift').expect(200);
    expect(xWithDrawer.body.cashDrawers).toEqual([
      expect.objectContaining({ id: drawer.body.id, status: 'open', expectedCash: 10_000 + paid.total }),
    ]);

    await as(t, waiter.session)
      .patch(`/api/v1/orders/${open.id}/status`)
      .send({ status: 'cancelled', reason: 'guest left' })
      .expect(200);
    const refusedForDrawer = await closeDay();
    expect(refusedForDrawer.status).toBe(409);
    expect(refusedForDrawer.body.error.message).toContain(drawer.body.id);

    const counted = await as(t, manager.session)
      .post(`/api/v1/shifts/${drawer.body.id}/close`)
      .send({ countedCash: 10_000 + paid.total - 100 })
      .expect(200);
    expect(counted.body.difference).toBe(-100);

    const xAtClose = (await as(t, manager.session).get('/api/v1/reports/shift').expect(200)).body as Record<
      string,
      unknown
    >;
    const closing = await closeDay({}, manager.session).set('Idempotency-Key', 'close-today-1');
    expect(closing.status).toBe(201);
    const z = closing.body as ZReport;
    expect(z).toMatchObject({ businessDay: today, number: 1, closedBy: manager.id });
    expect(z.report.sales).toEqual(xAtClose.sales);
    expect(z.report.sales).toMatchObject({ orders: 1, salesInclTax: paid.total });
    expect(z.report.cashDrawers).toEqual([counted.body]);

    const replay = await closeDay({}, manager.session).set('Idempotency-Key', 'close-today-1');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(z);
    const again = await closeDay();
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain('Z 1');

    const json = await zReportText(today);
    expect(json.type).toMatch(/^application\/json/);
    expect(json.text).toBe(JSON.stringify(z));
    const csv = await zReportText(today, 'csv');
    expect(csv.type).toMatch(/^text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe('section,name,metric,value,valueFormatted');
    expect(csv.text).toContain(`z,${today},number,1,\r\n`);
    expect(csv.text).toContain(`sales,,salesInclTax,${paid.total},`);
    // The printable copy: a PDF, offered as a download named after the day, as a bookkeeper files it.
    await as(t, admin)
      .put('/api/v1/restaurant')
      .send({
        name: 'Zur Linde',
        address: ['Lindenstraße 1', '10115 Berlin'],
        taxId: 'DE123456789',
        timezone: 'Europe/Berlin',
        currency: 'EUR',
        country: 'DE',
        locale: 'de-DE',
      })
      .expect(200);
    const zPdf = async (query = '') => {
      const reply = await as(t, manager.session)
        .get(`/api/v1/business-days/${today}/z-report?format=pdf${query}`)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(reply.headers['content-type']).toBe('application/pdf');
      expect(reply.headers['content-disposition']).toContain(`z-report-${today}.pdf`);
      return readPdf(reply.body as Buffer).text;
    };
    const [year, month, day] = today.split('-');
    const closedAt = new Intl.DateTimeFormat('de-DE', {
      dateStyle: 'medium',
      timeStyle: 'short',
      timeZone: 'Europe/Berlin',
    }).format(new Date(z.closedAt));
    const euro = (minor: number) =>
      new Intl.NumberFormat('de-DE', { style: 'currency', currency: 'EUR' }).format(minor / 100);
    const german = await zPdf();
    for (const line of [
      'Zur Linde',
      'Lindenstraße 1',
      '10115 Berlin',
      'Steuernummer: DE123456789',
      'Z-Bericht 1',
      `Geschäftstag ${day}.${month}.${year}`,
      `Abgeschlossen von ${displayNameOf(manager)} am ${closedAt}`,
      'Nettoumsatz (ohne Steuer)',
      'Bruttoumsatz (inkl. Steuer)',
      euro(paid.total),
      'Kassenladen',
      `Fehlbetrag ${euro(100)}`,
    ]) {
      expect(german).toContain(line);
    }
    // Names as the back office shows them, never the JSON's; no UTC instant, no raw minor units.
    expect(german).not.toMatch(/salesInclTax|salesExclTax|cashDrawer|\d{4}-\d{2}-\d{2}T/);
    expect(german).not.toContain(String(paid.total));
    const english = await zPdf('&lang=en');
    for (const line of ['Tax number: DE123456789', 'Z report 1', 'Net sales (excl. tax)', 'short €1.00']) {
      expect(english).toContain(line);
    }
    expect(english).not.toContain('Nettoumsatz');
    await as(t, manager.session)
      .get(`/api/v1/business-days/${today}/z-report?format=pdf&lang=fr`)
      .expect(422);

    // The next day brings orders, and a refund of the closed day's order: its Z report stays as it was.
    t.clock.advance(DAY_MS);
    const tomorrow = await beers(3);
    await payInCashAndClose(tomorrow, tomorrow.total);
    await as(t, manager.session)
      .post(`/api/v1/payments/${paidPayment}/refund`)
      .send({ amount: 550, reason: 'flat beer' })
      .expect(201);
    // The refund is booked on the day it was made: the closed day's figures do not move.
    const liveSales = await as(t, manager.session)
      .get(`/api/v1/reports/sales?from=${today}&to=${today}`)
      .expect(200);
    expect(liveSales.body.totals.salesInclTax).toBe(paid.total);
    expect((await zReportText(today)).text).toBe(json.text);
    expect((await zReportText(today, 'csv')).text).toBe(csv.text);

    const nextDay = (await closeDay()).body as ZReport;
    expect(nextDay.number).toBe(2);
    expect(nextDay.businessDay > today).toBe(true);
    expect(nextDay.report.sales).toMatchObject({ orders: 1, salesInclTax: tomorrow.total - 550 });
    const list = await as(t, manager.session).get('/api/v1/business-days').expect(200);
    expect(list.body.items.map((close: ZReport) => [close.businessDay, close.number])).toEqual([
      [nextDay.businessDay, 2],
      [today, 1],
    ]);

    const audit = await as(t, admin).get('/api/v1/audit-log?action=business_day.closed').expect(200);
    expect(audit.body.items.map((entry: { entityId: string }) => entry.entityId)).toEqual([
      nextDay.businessDay,
      today,
    ]);
  });

  it('closes a day once when it is closed three times at once, and three days at once with the next Z numbers', async () => {
    const sameDay = await Promise.all([1, 2, 3].map(() => closeDay({ businessDay: '2025-03-01' })));
    expect(sameDay.map((reply) => reply.status).sort()).toEqual([201, 409, 409]);
    for (const refused of sameDay.filter((reply) => reply.status === 409)) {
      expect(refused.body.error).toMatchObject({
        code: 'CONFLICT',
        message: expect.stringMatching(/closed already/),
      });
    }
    const first = (sameDay.find((reply) => reply.status === 201)!.body as ZReport).number;

    const days = ['2025-03-02', '2025-03-03', '2025-03-04'];
    const closes = await Promise.all(days.map((businessDay) => closeDay({ businessDay })));
    expect(closes.map((reply) => reply.status)).toEqual([201, 201, 201]);
    const numbers = closes.map((reply) => (reply.body as ZReport).number).sort((a, b) => a - b);
    expect(numbers).toEqual([first + 1, first + 2, first + 3]);
  });

  it('answers bad input, unknown days and the wrong roles with clear errors', async () => {
    expect((await closeDay({ businessDay: '2999-01-01' })).status).toBe(422);
    expect((await closeDay({ businessDay: '2026-02-30' })).status).toBe(422);
    expect((await closeDay({ businessDay: 20261122 })).status).toBe(422);
    expect((await closeDay({}, waiter.session)).status).toBe(403);
    expect((await request(t.url).post('/api/v1/business-days/close').send({})).status).toBe(401);
    const unknown = await as(t, manager.session).get('/api/v1/business-days/2001-01-01/z-report');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('NOT_FOUND');
    expect((await as(t, manager.session).get('/api/v1/business-days/yesterday/z-report')).status).toBe(422);
    expect(
      (await as(t, manager.session).get('/api/v1/business-days/2001-01-01/z-report?format=xml')).status,
    ).toBe(422);
  });

  it('refuses days and times that the calendar and the clock lack with 422, naming the field', async () => {
    const refusals: Array<[string, request.Test, string]> = [
      [
        'GET sales',
        as(t, manager.session).get('/api/v1/reports/sales?from=2026-13-01&to=2026-13-02'),
        'from',
      ],
      [
        'GET payment methods',
        as(t, manager.session).get('/api/v1/reports/payment-methods?from=2026-00-10'),
        'from',
      ],
      ['GET dishes', as(t, manager.session).get('/api/v1/reports/dishes?to=2026-04-31'), 'to'],
      [
        'POST close',
        as(t, manager.session).post('/api/v1/business-days/close').send({ businessDay: '2026-13-45' }),
        'businessDay',
      ],
      ['GET z-report', as(t, manager.session).get('/api/v1/business-days/9999-99-99/z-report'), 'day'],
      ['GET z-report Feb 29', as(t, manager.session).get('/api/v1/business-days/2025-02-29/z-report'), 'day'],
      // 24:00 is the next day's midnight to Date: a report "from the 22nd" would start on the 23rd.
      ['GET audit log', as(t, admin).get('/api/v1/audit-log?from=2026-11-22T24:00Z'), 'from'],
    ];
    for (const [name, call, field] of refusals) {
      const response = await call;
      expect([name, response.status, response.body.error?.code]).toEqual([name, 422, 'VALIDATION_ERROR']);
      expect(response.body.error.details).toContainEqual(expect.objectContaining({ field }));
    }
  });
});
