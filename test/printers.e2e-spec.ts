import { Role } from '../src/common/access/role';
import { as, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { FakePrinter } from './support/fake-printers';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

interface Order {
  id: string;
  version: number;
  items: Array<{ id: string; status: string }>;
}

describe('Printers and kitchen tickets', () => {
  let t: TestApp;
  let admin: Session;
  let make: ReturnType<typeof factories>;
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let grill: FakePrinter;
  let bar: FakePrinter;
  let grillPrinterId: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
    make = factories(t, admin);
    waiter = await newStaff(t, Role.Waiter);
    manager = await newStaff(t, Role.Manager);
    r = await make.newRestaurant();
    grill = await FakePrinter.start();
    bar = await FakePrinter.start();
    grillPrinterId = (
      await addPrinter({ name: 'Grill', connection: grill.connection(), stationIds: [r.grill.id] })
    ).id;
    await addPrinter({ name: 'Bar', connection: bar.connection(), stationIds: [r.bar.id], widthChars: 32 });
  });

  afterAll(async () => {
    await t.close();
    await grill.down();
    await bar.down();
  });

  async function addPrinter(body: Record<string, unknown>): Promise<{ id: string }> {
    const response = await as(t, admin)
      .post('/api/v1/printers')
      .send({ kind: 'kitchen', widthChars: 42, ...body });
    expect(response.status).toBe(201);
    return response.body as { id: string };
  }

  const floor = () => as(t, waiter.session);
  const double = () => r.burger.variations.find((v) => v.name === 'Double')!.id;
  const regular = () => r.burger.variations.find((v) => v.name === 'Regular')!.id;

  async function order(items: object[]): Promise<Order> {
    const response = await floor().post('/api/v1/orders').send({ type: 'takeaway', items });
    expect(response.status).toBe(201);
    return response.body as Order;
  }

  let markers = 0;
  /**
   * A fries order with a unique comment: once the grill printed it, every grill ticket made before it has printed
   * (in order). Answers the grill's tickets before the marker.
   */
  async function untilGrillMarker(): Promise<string[][]> {
    const comment = `marker ${++markers}`;
    await order([{ dishId: r.fries.id, quantity: 9, comment }]);
    const at = () => grill.tickets.findIndex((ticket) => ticket.includes(`! ${comment}`));
    while (at() < 0) await grill.waitFor(grill.received.length + 1);
    return grill.tickets.slice(0, at());
  }

  /** The order's job on the printer once it is recorded printed (the record follows the printer's close). */
  async function printedJobOf(orderId: string, printerId: string): Promise<Record<string, unknown>> {
    for (;;) {
      const list = await as(t, waiter.session)
        .get('/api/v1/print-jobs')
        .query({ printerId, status: 'printed', perPage: 100 })
        .expect(200);
      const job = (list.body.items as Array<Record<string, unknown>>).find((one) => one.orderId === orderId);
      if (job) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  const itemLines = (ticket: string[]) => ticket.filter((line) => /^\d+x /.test(line));

  it('prints for each station exactly its items, on its own printer, at its width', async () => {
    const grillBefore = grill.received.length;
    const barBefore = bar.received.length;
    const placed = await order([
      { dishId: r.burger.id, variationId: double(), quantity: 2, comment: 'no onions' },
      { dishId: r.beer.id, quantity: 3 },
      { dishId: r.fries.id, quantity: 1 },
    ]);
    await grill.waitFor(grillBefore + 1);
    await bar.waitFor(barBefore + 1);
    const grillTicket = grill.tickets[grillBefore];
    const barTicket = bar.tickets[barBefore];
    expect(grillTicket[0]).toBe('NEW');
    expect(itemLines(grillTicket)).toEqual([`2x ${r.burger.name}`, `1x ${r.fries.name}`]);
    expect(grillTicket).toEqual(expect.arrayContaining(['(Double)', '! no onions', r.grill.name]));
    expect(barTicket[0]).toBe('NEW');
    expect(itemLines(barTicket)).toEqual([`3x ${r.beer.name}`]);
    expect(bar.widths[barBefore]).toBeLessThanOrEqual(32);
    expect(grill.widths[grillBefore]).toBeGreaterThan(32);
    expect(grill.widths[grillBefore]).toBeLessThanOrEqual(42);

    expect(await printedJobOf(placed.id, grillPrinterId)).toMatchObject({
      printerId: grillPrinterId,
      kind: 'kitchen_ticket',
      orderId: placed.id,
      status: 'printed',
      attempts: 1,
      reprintOf: null,
    });
  });

  it('prints added items and a fired course only, never the whole order again', async () => {
    const placed = await order([
      { dishId: r.fries.id, quantity: 1 },
      { dishId: r.burger.id, variationId: regular(), quantity: 1, course: 2, hold: true },
    ]);
    const added = await floor()
      .post(`/api/v1/orders/${placed.id}/items`)
      .send({ items: [{ dishId: r.fries.id, quantity: 2, comment: 'extra salt' }] });
    expect(added.status).toBe(201);
    await floor().post(`/api/v1/orders/${placed.id}/fire`).send({ course: 2 }).expect(200);
    const ofOrder = (await untilGrillMarker()).slice(-3);
    expect(ofOrder.map((ticket) => ticket[0])).toEqual(['NEW', 'ADDED', 'FIRED COURSE 2']);
    expect(ofOrder.map(itemLines)).toEqual([
      [`1x ${r.fries.name}`],
      [`2x ${r.fries.name}`],
      [`1x ${r.burger.name}`],
    ]);
  });

  it('prints the allergens of the guest the order is for on its tickets', async () => {
    const guest = await as(t, waiter.session)
      .post('/api/v1/customers')
      .send({ name: 'Ada Guest', allergens: ['peanuts', 'milk'] })
      .expect(201);
    const placed = await order([{ dishId: r.fries.id, quantity: 1 }]);
    await floor()
      .post(`/api/v1/orders/${placed.id}/customer`)
      .send({ customerId: guest.body.id })
      .expect(200);
    await floor()
      .post(`/api/v1/orders/${placed.id}/items`)
      .send({ items: [{ dishId: r.fries.id, quantity: 1, comment: 'for the guest' }] })
      .expect(201);
    const ofOrder = (await untilGrillMarker()).slice(-2);
    expect(ofOrder.map((ticket) => ticket[0])).toEqual(['NEW', 'ADDED']);
    // The allergens print double width, so they wrap over lines of their own.
    expect(ofOrder[0].join(' ')).not.toContain('ALLERGENS');
    expect(ofOrder[1].join(' ')).toMatch(/ALLERGENS: milk, +peanuts/);
  });

  it('prints VOID for a voided item the kitchen was sent, and nothing for the bar', async () => {
    const placed = await order([
      { dishId: r.burger.id, variationId: regular(), quantity: 2 },
      { dishId: r.beer.id, quantity: 1 },
    ]);
    const burger = placed.items[0];
    const barCount = bar.received.length;
    await as(t, manager.session)
      .patch(`/api/v1/orders/${placed.id}/items/${burger.id}/status`)
      .send({ status: 'in_progress' })
      .expect(200);
    await as(t, manager.session)
      .delete(`/api/v1/orders/${placed.id}/items/${burger.id}`)
      .send({ reason: 'guest left' })
      .expect(200);
    const [created, voided] = (await untilGrillMarker()).slice(-2);
    expect(itemLines(created)).toEqual([`2x ${r.burger.name}`]);
    expect(voided[0]).toBe('VOID');
    expect(itemLines(voided).join(' ')).toBe(`2x VOID ${r.burger.name}`);
    // The bar got the beer once and nothing of the void (printed after the beer, before the marker).
    await order([{ dishId: r.beer.id, quantity: 7 }]);
    await bar.waitFor(barCount + 2);
    expect(bar.tickets.slice(barCount).map(itemLines)).toEqual([
      [`1x ${r.beer.name}`],
      [`7x ${r.beer.name}`],
    ]);
  });

  it('reprints a printed job marked REPRINT, and refuses a job that never printed', async () => {
    const four = await order([{ dishId: r.fries.id, quantity: 4, comment: 'four' }]);
    await untilGrillMarker();
    const before = grill.received.length;
    const original = grill.tickets.find((ticket) => ticket.includes('! four'))!;
    const last = (await printedJobOf(four.id, grillPrinterId)) as { id: string };
    const reprint = await as(t, waiter.session).post(`/api/v1/print-jobs/${last.id}/reprint`).send({});
    expect(reprint.status).toBe(201);
    expect(reprint.body).toMatchObject({ reprintOf: last.id, kind: 'kitchen_ticket', status: 'pending' });
    await grill.waitFor(before + 1);
    const copy = grill.tickets[before];
    expect(copy[0]).toBe('*** REPRINT ***');
    expect(copy.slice(1)).toEqual(original);

    await grill.down();
    await order([{ dishId: r.fries.id, quantity: 5 }]);
    let pending: { id: string } | undefined;
    for (let i = 0; i < 50 && !pending; i++) {
      const list = await as(t, waiter.session)
        .get('/api/v1/print-jobs')
        .query({ printerId: grillPrinterId, status: 'pending' });
      pending = list.body.items[0];
      if (!pending) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const refused = await as(t, waiter.session).post(`/api/v1/print-jobs/${pending!.id}/reprint`).send({});
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_TRANSITION');
    await grill.up();
    await untilGrillMarker();
  });

  it('prints the guest check on the receipt printer, and refuses an unknown printer', async () => {
    const counter = await FakePrinter.start();
    try {
      const placed = await order([{ dishId: r.beer.id, quantity: 2 }]);
      await as(t, waiter.session).post(`/api/v1/orders/${placed.id}/print-bill`).send({}).expect(422);
      await addPrinter({
        name: 'Counter',
        kind: 'receipt',
        widthChars: 32,
        connection: counter.connection(),
      });
      const printed = await as(t, waiter.session).post(`/api/v1/orders/${placed.id}/print-bill`).send({});
      expect(printed.status).toBe(201);
      expect(printed.body).toMatchObject({ kind: 'bill', orderId: placed.id });
      await counter.waitFor(1);
      expect(counter.tickets[0].join('\n')).toMatch(/not a receipt/i);
      expect(counter.widths[0]).toBeLessThanOrEqual(32);
      const unknown = await as(t, waiter.session)
        .post(`/api/v1/orders/${placed.id}/print-bill`)
        .send({ printerId: '00000000-0000-4000-8000-000000000000' });
      expect(unknown.status).toBe(422);
      expect(unknown.body.error.details[0].field).toBe('printerId');
    } finally {
      await counter.down();
    }
  });

  describe('bad input: a clear 422 naming the field, nothing written', () => {
    const invalid: Array<[string, () => Record<string, unknown>, string]> = [
      ['a width other than 32/42/48', () => ({ widthChars: 40 }), 'widthChars'],
      [
        'an unknown station',
        () => ({ stationIds: ['00000000-0000-4000-8000-000000000000'] }),
        'stationIds[0]',
      ],
      ['a station on a receipt printer', () => ({ kind: 'receipt', stationIds: [r.grill.id] }), 'stationIds'],
      ['a connection that is an array', () => ({ connection: [{ type: 'agent' }] }), 'connection'],
      ['a connection that is an empty array', () => ({ connection: [] }), 'connection'],
      ['tcp without a host', () => ({ connection: { type: 'tcp', port: 9100 } }), 'connection.host'],
      ['tcp without a port', () => ({ connection: { type: 'tcp', host: '10.0.0.9' } }), 'connection.port'],
      [
        'an unknown backup',
        () => ({ backupPrinterId: '00000000-0000-4000-8000-000000000000' }),
        'backupPrinterId',
      ],
    ];
    it.each(invalid)('%s', async (_, body, field) => {
      const count = (await as(t, admin).get('/api/v1/printers').expect(200)).body.total as number;
      const response = await as(t, admin)
        .post('/api/v1/printers')
        .send({ name: 'Bad', kind: 'kitchen', widthChars: 42, connection: { type: 'agent' }, ...body() });
      expect(response.status).toBe(422);
      expect(response.body.error.details).toEqual(
        expect.arrayContaining([expect.objectContaining({ field })]),
      );
      expect((await as(t, admin).get('/api/v1/printers').expect(200)).body.total).toBe(count);
    });

    it('a connection given as an array on PATCH, keeping the one it had', async () => {
      const printer = await addPrinter({ name: 'Arrayed', connection: { type: 'agent' } });
      for (const connection of [[{ type: 'agent' }], [{ type: 'tcp', host: '10.0.0.9', port: 9100 }], []]) {
        const response = await as(t, admin).patch(`/api/v1/printers/${printer.id}`).send({ connection });
        expect(response.status).toBe(422);
        expect(response.body.error.details).toEqual([expect.objectContaining({ field: 'connection' })]);
      }
      const read = await as(t, admin).get(`/api/v1/printers/${printer.id}`).expect(200);
      expect(read.body.connection).toEqual({ type: 'agent' });
      const [row] = await t.dataSource.query(
        `SELECT connection_type, host, port FROM printers WHERE id = '${printer.id}'`,
      );
      expect(row).toEqual({ connection_type: 'agent', host: null, port: null });
    });

    it('a backup that is the printer itself or closes a cycle', async () => {
      const a = await addPrinter({ name: 'A', connection: { type: 'agent' } });
      const b = await addPrinter({ name: 'B', connection: { type: 'agent' }, backupPrinterId: a.id });
      const self = await as(t, admin).patch(`/api/v1/printers/${a.id}`).send({ backupPrinterId: a.id });
      expect(self.status).toBe(422);
      expect(self.body.error.details[0]).toMatchObject({
        field: 'backupPrinterId',
        message: 'is this printer itself',
      });
      const cycle = await as(t, admin).patch(`/api/v1/printers/${a.id}`).send({ backupPrinterId: b.id });
      expect(cycle.status).toBe(422);
      expect(cycle.body.error.details[0].field).toBe('backupPrinterId');
      expect(cycle.body.error.details[0].message).toMatch(/cycle/);
      expect(
        (await as(t, admin).get(`/api/v1/printers/${a.id}`).expect(200)).body.backupPrinterId,
      ).toBeNull();
    });

    it('an unknown printer for a reprint or a listing', async () => {
      await as(t, waiter.session)
        .post('/api/v1/print-jobs/00000000-0000-4000-8000-000000000000/reprint')
        .send({})
        .expect(404);
      await as(t, waiter.session).get('/api/v1/print-jobs').query({ status: 'lost' }).expect(422);
      await as(t, waiter.session).get('/api/v1/printers').expect(403);
    });
  });
});
