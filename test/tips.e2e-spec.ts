import { Role } from '../src/common/access/role';
import { as, displayNameOf, loginAdmin, newStaff, NewStaff, Session } from './support/clients';
import { parseCsv } from './support/csv';
import { binary, readPdf } from './support/document-readers';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Share = {
  userId: string;
  displayName: string | null;
  jobs: string[];
  earned: number;
  givenOut: number;
  received: number;
  paidOut: number;
  balance: number;
};
type TipReport = {
  from: string;
  to: string;
  days: Array<{ businessDay: string; ledgerMatches: boolean; people: Share[] }>;
};

const DAY = '2027-05-10';

/**
 * One business day (UTC, from 05:00) of two waiters and a runner under two rules, tips shared as worked out by hand
 * in the comments: first a tip-out of 2 % of each waiter's food sales to the runners (by hours), then a pool of
 * the waiters' tips by hours worked. Orders carry a 10 % service charge, which never reaches a tip.
 */
describe('Tips shared by rule', () => {
  let t: TestApp;
  let admin: Session;
  let anna: NewStaff;
  let ben: NewStaff;
  let rita: NewStaff;
  let manager: NewStaff;
  let waiterJob: string;
  let runnerJob: string;
  let food: string;
  let card: string;
  let annaPayment: string;
  let bens: { paymentId: string; friesLine: string };
  let burger: string;
  let beer: string;
  let fries: string;
  let table: string;

  beforeAll(async () => {
    // Sessions last the day: the clock jumps hours between steps.
    t = await startTestApp({
      SERVICE_CHARGE_RATE: '10',
      RESTAURANT_TIMEZONE: 'UTC',
      ACCESS_TOKEN_TTL_SECONDS: '86400',
    });
    t.clock.pin();
    at('2027-05-10T14:00:00Z');
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    [anna, ben, rita, manager] = [
      await newStaff(t, Role.Waiter),
      await newStaff(t, Role.Waiter),
      await newStaff(t, Role.Waiter),
      await newStaff(t, Role.Manager),
    ];
    waiterJob = (await as(t, admin).post('/api/v1/jobs').send({ name: 'Waiter' }).expect(201)).body.id;
    runnerJob = (await as(t, admin).post('/api/v1/jobs').send({ name: 'Runner' }).expect(201)).body.id;
    for (const [person, jobId] of [
      [anna, waiterJob],
      [ben, waiterJob],
      [rita, runnerJob],
    ] as const) {
      await as(t, admin)
        .post(`/api/v1/users/${person.id}/jobs`)
        .send({ jobId, hourlyWage: 1300, effectiveFrom: '2027-01-01' })
        .expect(201);
    }
    const station = await make.newStation('Pass');
    table = (await make.newTable('T1')).id;
    food = (await make.newCategory('Food')).id;
    const drinks = (await make.newCategory('Drinks')).id;
    burger = (await make.newDish({ name: 'Burger', categoryId: food, stationId: station.id, price: 1650 }))
      .id;
    fries = (await make.newDish({ name: 'Fries', categoryId: food, stationId: station.id, price: 450 })).id;
    beer = (await make.newDish({ name: 'Beer', categoryId: drinks, stationId: station.id, price: 550 })).id;
    const methods = (await as(t, admin).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{
      id: string;
      kind: string;
    }>;
    card = methods.find((method) => method.kind === 'card')!.id;
  });

  afterAll(() => t.close());

  /** Stands the (pinned) clock at this instant. */
  function at(instant: string): void {
    t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
  }
  const clock = (person: NewStaff, what: 'clock-in' | 'clock-out', status: number) =>
    as(t, person.session).post(`/api/v1/time-clock/${what}`).send({}).expect(status);
  /** A dine-in order of `person` (service charged), paid by card with `tip` on top of its total, and closed. */
  async function sell(person: NewStaff, items: Array<{ dishId: string; quantity: number }>, tip: number) {
    const order = await as(t, person.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: table, items })
      .expect(201);
    const paid = await as(t, person.session)
      .post(`/api/v1/orders/${order.body.id as string}/payments`)
      .send({ methodId: card, amount: order.body.total, tip })
      .expect(201);
    await as(t, person.session)
      .patch(`/api/v1/orders/${order.body.id as string}/status`)
      .send({ status: 'closed' })
      .expect(200);
    return {
      order: order.body as { serviceCharge: number; items: Array<{ id: string; dishId: string }> },
      paymentId: paid.body.id as string,
    };
  }
  const report = async (): Promise<TipReport> =>
    (await as(t, manager.session).get(`/api/v1/reports/tips?from=${DAY}&to=${DAY}`).expect(200))
      .body as TipReport;
  const shareOf = (tips: TipReport, person: NewStaff) =>
    tips.days[0].people.find((p) => p.userId === person.id);

  it('lets managers set the ordered rules, and refuses a waiter (403) and bad bodies (422)', async () => {
    const tipOut = {
      kind: 'tip_out',
      percent: 2,
      ofCategoryIds: [food],
      toJobId: runnerJob,
      eligibility: 'day',
    };
    await as(t, anna.session).post('/api/v1/tip-rules').send(tipOut).expect(403);
    for (const bad of [
      { ...tipOut, percent: undefined },
      { ...tipOut, percent: 2.555 },
      { ...tipOut, percent: 0 },
      { ...tipOut, ofCategoryIds: [] },
      { ...tipOut, toJobId: 'runner' },
      { ...tipOut, toJobId: food },
      { ...tipOut, eligibility: 'week' },
      { kind: 'pool', jobIds: [waiterJob], by: 'seniority', eligibility: 'day' },
      { kind: 'pool', by: 'hours', eligibility: 'day' },
      { kind: 'bonus', eligibility: 'day' },
    ]) {
      const refused = await as(t, manager.session).post('/api/v1/tip-rules').send(bad);
      expect({ bad, status: refused.status }).toEqual({ bad, status: 422 });
      expect(refused.body.error.code).toBe('VALIDATION_ERROR');
    }
    const pool = (
      await as(t, manager.session)
        .post('/api/v1/tip-rules')
        .send({ kind: 'pool', jobIds: [waiterJob], by: 'hours', eligibility: 'day' })
        .expect(201)
    ).body as { id: string };
    // Put first, the tip-out moves the pool to second place.
    const first = await as(t, manager.session)
      .post('/api/v1/tip-rules')
      .send({ ...tipOut, position: 1 })
      .expect(201);
    expect(first.body).toMatchObject({ position: 1, percent: 2, ofCategoryIds: [food], toJobId: runnerJob });
    const rules = (await as(t, manager.session).get('/api/v1/tip-rules').expect(200)).body.items as Array<{
      id: string;
      position: number;
    }>;
    expect(rules.map((rule) => [rule.id, rule.position])).toEqual([
      [first.body.id, 1],
      [pool.id, 2],
    ]);
    await as(t, anna.session).put(`/api/v1/tip-rules/${pool.id}`).send({}).expect(403);
    await as(t, anna.session).delete(`/api/v1/tip-rules/${pool.id}`).expect(403);
    await as(t, anna.session).get(`/api/v1/reports/tips`).expect(403);
    await as(t, anna.session)
      .post('/api/v1/tips/payouts')
      .send({ userId: anna.id, amount: 1, method: 'payroll' })
      .expect(403);
    await as(t, anna.session).post('/api/v1/tips/declared').send({ amount: 100, userId: ben.id }).expect(422);
    await as(t, anna.session).post('/api/v1/tips/declared').send({ amount: 0 }).expect(422);
  });

  it('shares a day of tips as by hand, to the cent, with no service charge in it', async () => {
    // Anna and Rita work 16:00–22:00 and 16:00–21:00, Ben 17:00–21:00: the waiters' hours are 6 and 4 (3 : 2).
    at('2027-05-10T16:00:00Z');
    await clock(anna, 'clock-in', 201);
    await clock(rita, 'clock-in', 201);
    at('2027-05-10T17:00:00Z');
    await clock(ben, 'clock-in', 201);

    // Anna: 2 burgers (food 3300) and 2 beers (drinks 1100), tip 5.00 by card.
    at('2027-05-10T19:00:00Z');
    const annas = await sell(
      anna,
      [
        { dishId: burger, quantity: 2 },
        { dishId: beer, quantity: 2 },
      ],
      500,
    );
    annaPayment = annas.paymentId;
    expect(annas.order.serviceCharge).toBe(440);
    // Ben: 3 fries (food 1350) and a beer, tip 3.00 by card; 2.00 declared in cash.
    at('2027-05-10T19:30:00Z');
    const bensSale = await sell(
      ben,
      [
        { dishId: fries, quantity: 3 },
        { dishId: beer, quantity: 1 },
      ],
      300,
    );
    bens = {
      paymentId: bensSale.paymentId,
      friesLine: bensSale.order.items.find((item) => item.dishId === fries)!.id,
    };
    at('2027-05-10T20:00:00Z');
    const declared = await as(t, ben.session).post('/api/v1/tips/declared').send({ amount: 200 }).expect(201);
    expect(declared.body).toMatchObject({ userId: ben.id, businessDay: DAY, amount: 200 });
    // Half an hour on, all three still clocked in: their hours have grown since the day was last shared (at the
    // declaration), yet the kept ledger equals the facts as they stood then.
    at('2027-05-10T20:30:00Z');
    expect((await report()).days[0].ledgerMatches).toBe(true);

    at('2027-05-10T21:00:00Z');
    await clock(ben, 'clock-out', 200);
    await clock(rita, 'clock-out', 200);
    at('2027-05-10T22:00:00Z');
    await clock(anna, 'clock-out', 200);

    // 1. Tip-out, 2 % of food sales to the runner: Anna 3300 → 66, Ben 1350 → 27; Rita receives 93.
    // 2. Pool by hours (Anna 6 h, Ben 4 h) of what each holds then: Anna 500 − 66 = 434, Ben 500 − 27 = 473.
    //    Anna's 434: 260.4 | 173.6 → 260 | 174 (the cent left goes to the larger remainder, Ben's .6).
    //    Ben's 473: 283.8 | 189.2 → 284 | 189 (Anna's .8).
    //    Anna 260 + 284 = 544 (gave 66 + 174 = 240, received 284); Ben 174 + 189 = 363 (gave 27 + 284 = 311,
    //    received 174); Rita 93. 544 + 363 + 93 = 1000 = the tips, and not one of the 440 + 190 service charge.
    const shared = await report();
    expect(shared.days.map((day) => day.businessDay)).toEqual([DAY]);
    // The clock-outs shared the day again: the kept ledger has their hours.
    expect(shared.days[0].ledgerMatches).toBe(true);
    expect(shareOf(shared, anna)).toEqual({
      userId: anna.id,
      displayName: displayNameOf(anna),
      jobs: ['Waiter'],
      earned: 500,
      givenOut: 240,
      received: 284,
      paidOut: 0,
      balance: 544,
    });
    expect(shareOf(shared, ben)).toEqual({
      userId: ben.id,
      displayName: displayNameOf(ben),
      jobs: ['Waiter'],
      earned: 500,
      givenOut: 311,
      received: 174,
      paidOut: 0,
      balance: 363,
    });
    expect(shareOf(shared, rita)).toEqual({
      userId: rita.id,
      displayName: displayNameOf(rita),
      jobs: ['Runner'],
      earned: 0,
      givenOut: 0,
      received: 93,
      paidOut: 0,
      balance: 93,
    });
    expect(shared.days[0].people.reduce((sum, share) => sum + share.balance, 0)).toBe(1000);
  });

  it('moves the shares when a tipped payment is refunded, and keeps a ledger equal to the rebuild', async () => {
    // 1.00 of Anna's tip goes back: Anna earned 400, holds 334 at the pool: 200.4 | 133.6 → 200 | 134; Ben's 473
    // as before: 284 | 189. Anna 484, Ben 323, Rita 93 (the tip-out is of sales, not tips): 900 in all.
    at('2027-05-10T23:00:00Z');
    await as(t, manager.session)
      .post(`/api/v1/payments/${annaPayment}/refund`)
      .send({ tip: 100, reason: 'tip typed twice' })
      .expect(201);
    const refunded = await report();
    expect(refunded.days[0].ledgerMatches).toBe(true);
    expect(shareOf(refunded, anna)).toMatchObject({
      earned: 400,
      givenOut: 200,
      received: 284,
      balance: 484,
    });
    expect(shareOf(refunded, ben)).toMatchObject({ earned: 500, givenOut: 311, received: 134, balance: 323 });
    expect(shareOf(refunded, rita)).toMatchObject({ received: 93, balance: 93 });

    // Paid out: Anna by payroll, Ben in cash from the house drawer, which expects the cash less the pay-out.
    await as(t, manager.session)
      .post('/api/v1/tips/payouts')
      .send({ userId: anna.id, amount: 484, method: 'payroll' })
      .expect(201);
    const drawer = (await as(t, manager.session).post('/api/v1/shifts').send({ float: 5000 }).expect(201))
      .body as {
      id: string;
    };
    const cash = await as(t, manager.session)
      .post('/api/v1/tips/payouts')
      .send({ userId: ben.id, amount: 323, method: 'cash' })
      .expect(201);
    expect(cash.body).toMatchObject({ userId: ben.id, amount: 323, method: 'cash', cashShiftId: drawer.id });
    const shift = await as(t, manager.session).get(`/api/v1/shifts/${drawer.id}`).expect(200);
    expect(shift.body.expectedCash).toBe(5000 - 323);
    const paid = await report();
    expect(paid.days[0].ledgerMatches).toBe(true);
    expect(shareOf(paid, anna)).toMatchObject({ paidOut: 484, balance: 0 });
    expect(shareOf(paid, ben)).toMatchObject({ paidOut: 323, balance: 0 });

    const audit = (await as(t, admin).get('/api/v1/audit-log?perPage=100').expect(200)).body.items as Array<{
      action: string;
    }>;
    const actions = audit.map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['tip_rule.created', 'tip.declared', 'tip.paid_out']));
  });
  it('takes a refunded line out of the tip-out’s sales base, and moves the pool with it', async () => {
    // One of Ben's three fries (4.50) goes back: his food sales are 1350 − 450 = 900, his tip-out 2 % = 18 (was
    // 27); Rita receives 66 + 18 = 84. The pool (Anna 6 h, Ben 4 h): Anna's 400 − 66 = 334 as before, 200 | 134;
    // Ben's 500 − 18 = 482: 289.2 | 192.8 → 289 | 193 (the cent to Ben's larger .8).
    // Anna: gave 66 + 134 = 200, received 289, paid 484: 5 left. Ben: gave 18 + 289 = 307, received 134, paid
    // 323: 4 left. Rita 84. 5 + 4 + 84 + 484 + 323 = 900, the tips.
    at('2027-05-10T23:30:00Z');
    await as(t, manager.session)
      .post(`/api/v1/payments/${bens.paymentId}/refund`)
      .send({ lines: [{ itemId: bens.friesLine, quantity: 1 }], reason: 'cold fries' })
      .expect(201);
    const refunded = await report();
    expect(refunded.days[0].ledgerMatches).toBe(true);
    expect(shareOf(refunded, anna)).toMatchObject({ earned: 400, givenOut: 200, received: 289, balance: 5 });
    expect(shareOf(refunded, ben)).toMatchObject({ earned: 500, givenOut: 307, received: 134, balance: 4 });
    expect(shareOf(refunded, rita)).toMatchObject({ earned: 0, received: 84, balance: 84 });
  });
  it('writes the tips per person as CSV and a German PDF, and pays them with the payroll', async () => {
    const tipsOf = (file: string) =>
      as(t, manager.session).get(`/api/v1/reports/${file}?from=${DAY}&to=${DAY}&format=csv`).expect(200);
    const rows = parseCsv((await tipsOf('tips')).text);
    const row = (person: NewStaff) => rows.find((line) => line.userId === person.id)!;
    expect(row(rita)).toMatchObject({ displayName: displayNameOf(rita), jobs: 'Runner', received: '84' });
    expect(row(anna)).toMatchObject({ jobs: 'Waiter', earned: '400', givenOut: '200', balance: '5' });
    expect(rows.at(-1)).toMatchObject({
      businessDay: 'total',
      earned: '900',
      received: '507',
      balance: '93',
    });
    const pdf = await as(t, manager.session)
      .get(`/api/v1/reports/tips?from=${DAY}&to=${DAY}&format=pdf&lang=de`)
      .buffer(true)
      .parse(binary)
      .expect(200);
    const { text } = readPdf(pdf.body as Buffer);
    for (const shown of ['Trinkgeld nach Person und Tag', 'Verdient', 'Offen', displayNameOf(rita), '2,89']) {
      expect({ shown, found: text.includes(shown) }).toEqual({ shown, found: true });
    }

    // The payroll: each person's tips on their row without a job (Ben's card 300 and cash 200 apart).
    const payroll = (
      await as(t, manager.session).get(`/api/v1/reports/payroll?from=${DAY}&to=${DAY}`).expect(200)
    ).body as { rows: Array<Record<string, unknown>>; totals: Record<string, unknown> };
    const tipRow = (person: NewStaff) => payroll.rows.filter((line) => line.userId === person.id);
    expect(tipRow(ben)).toEqual([
      expect.objectContaining({ job: 'Waiter', hours: 4, cardTips: 0, tipsReceived: 0 }),
      expect.objectContaining({ job: null, hours: 0, wageCost: 0, cardTips: 300, declaredTips: 200 }),
    ]);
    expect(tipRow(ben)[1]).toMatchObject({
      tipsGivenOut: 307,
      tipsReceived: 134,
      tipsPaidOut: 323,
      tipsBalance: 4,
    });
    expect(tipRow(rita)[1]).toMatchObject({ job: null, cardTips: 0, tipsReceived: 84, tipsBalance: 84 });
    expect(payroll.totals).toMatchObject({
      cardTips: 700,
      declaredTips: 200,
      tipsGivenOut: 507,
      tipsBalance: 93,
    });
    const csv = parseCsv((await tipsOf('payroll')).text);
    expect(csv.find((line) => line.userId === anna.id && line.job === '')).toMatchObject({
      cardTips: '400',
      tipsReceived: '289',
      tipsPaidOut: '484',
    });
  });
});
