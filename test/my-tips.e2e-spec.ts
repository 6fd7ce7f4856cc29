import { Role } from '../src/common/access/role';
import { as, issueKey, login, loginAdmin, newStaff, NewStaff, Session, withKey } from './support/clients';
import { factories } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

type Figures = {
  cardTips: number;
  declaredTips: number;
  earned: number;
  givenOut: number;
  received: number;
  paidOut: number;
  balance: number;
};
type MyTips = {
  weekFrom: string;
  to: string;
  days: Array<Figures & { businessDay: string }>;
  totals: Figures;
};
type Share = { userId: string; earned: number; givenOut: number; received: number; paidOut: number };

/**
 * GET /tips/me: a person's own tips of this week (business days from Monday, UTC, from 05:00), worked out by hand.
 * Anna and Ben wait under a pool of the waiters in equal parts; last Friday's tips are not this week's.
 *   Mon 10 May: Anna declares 2.00 cash (alone at work: the pool leaves it hers).
 *   Wed 12 May: Anna takes a card tip of 5.00, Ben declares 3.00; both at work, the pool splits each one's tips
 *   between the two: Anna gives Ben 2.50, Ben gives Anna 1.50 (4.00 each); Anna is paid 1.50 out by payroll.
 */
describe('A person’s own tips of the week (GET /tips/me)', () => {
  let t: TestApp;
  let admin: Session;
  let anna: NewStaff;
  let ben: NewStaff;
  let cook: NewStaff;
  let manager: NewStaff;
  let table: string;
  let beer: string;
  let card: string;

  beforeAll(async () => {
    t = await startTestApp({ RESTAURANT_TIMEZONE: 'UTC' });
    t.clock.pin();
    t.clock.advance(Date.parse('2027-05-07T12:00:00Z') - t.clock.now().getTime());
    admin = await loginAdmin(t);
    const make = factories(t, admin);
    [anna, ben, cook, manager] = [
      await newStaff(t, Role.Waiter),
      await newStaff(t, Role.Waiter),
      await newStaff(t, Role.Kitchen),
      await newStaff(t, Role.Manager),
    ];
    const waiterJob = (await as(t, admin).post('/api/v1/jobs').send({ name: 'Waiter' }).expect(201)).body
      .id as string;
    for (const person of [anna, ben]) {
      await as(t, admin)
        .post(`/api/v1/users/${person.id}/jobs`)
        .send({ jobId: waiterJob, hourlyWage: 1300, effectiveFrom: '2027-01-01' })
        .expect(201);
    }
    await as(t, manager.session)
      .post('/api/v1/tip-rules')
      .send({ kind: 'pool', jobIds: [waiterJob], by: 'equal', eligibility: 'day' })
      .expect(201);
    const station = await make.newStation('Bar');
    table = (await make.newTable('T1')).id;
    const drinks = (await make.newCategory('Drinks')).id;
    beer = (await make.newDish({ name: 'Beer', categoryId: drinks, stationId: station.id, price: 550 })).id;
    const methods = (await as(t, admin).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Array<{ id: string; kind: string }>;
    card = methods.find((method) => method.kind === 'card')!.id;
  });

  afterAll(() => t.close());

  /** Stands the (pinned) clock at this instant, everyone signed in again (a session lasts a day at most). */
  async function at(instant: string): Promise<void> {
    t.clock.advance(Date.parse(instant) - t.clock.now().getTime());
    admin = await loginAdmin(t);
    for (const person of [anna, ben, cook, manager]) {
      person.session = await login(t, person.username, person.password);
    }
  }
  const clock = (person: NewStaff, what: 'clock-in' | 'clock-out') =>
    as(t, person.session)
      .post(`/api/v1/time-clock/${what}`)
      .send({})
      .expect(what === 'clock-in' ? 201 : 200);
  const declare = (person: NewStaff, amount: number) =>
    as(t, person.session).post('/api/v1/tips/declared').send({ amount }).expect(201);
  const mine = async (person: NewStaff): Promise<MyTips> =>
    (await as(t, person.session).get('/api/v1/tips/me').expect(200)).body as MyTips;
  const zero = { cardTips: 0, declaredTips: 0, earned: 0, givenOut: 0, received: 0, paidOut: 0, balance: 0 };

  it('shows each person their own tips of this week as by hand, and nobody else’s', async () => {
    // Last Friday: Anna declares 10.00, which is not this week's.
    await declare(anna, 1000);

    await at('2027-05-10T18:00:00Z');
    await clock(anna, 'clock-in');
    await declare(anna, 200);
    await at('2027-05-10T22:00:00Z');
    await clock(anna, 'clock-out');

    await at('2027-05-12T17:00:00Z');
    await clock(anna, 'clock-in');
    await clock(ben, 'clock-in');
    const order = await as(t, anna.session)
      .post('/api/v1/orders')
      .send({ type: 'dine_in', tableId: table, items: [{ dishId: beer, quantity: 2 }] })
      .expect(201);
    await as(t, anna.session)
      .post(`/api/v1/orders/${order.body.id as string}/payments`)
      .send({ methodId: card, amount: order.body.total, tip: 500 })
      .expect(201);
    await declare(ben, 300);
    await as(t, manager.session)
      .post('/api/v1/tips/payouts')
      .send({ userId: anna.id, amount: 150, method: 'payroll' })
      .expect(201);
    await at('2027-05-12T22:00:00Z');
    await clock(anna, 'clock-out');
    await clock(ben, 'clock-out');

    const annas = await mine(anna);
    expect(annas).toEqual({
      weekFrom: '2027-05-10',
      to: '2027-05-12',
      days: [
        { businessDay: '2027-05-10', ...zero, declaredTips: 200, earned: 200, balance: 200 },
        {
          businessDay: '2027-05-12',
          ...zero,
          cardTips: 500,
          earned: 500,
          givenOut: 250,
          received: 150,
          paidOut: 150,
          balance: 250,
        },
      ],
      totals: {
        cardTips: 500,
        declaredTips: 200,
        earned: 700,
        givenOut: 250,
        received: 150,
        paidOut: 150,
        balance: 450,
      },
    });
    const bens = await mine(ben);
    expect(bens.days).toEqual([
      {
        businessDay: '2027-05-12',
        ...zero,
        declaredTips: 300,
        earned: 300,
        givenOut: 150,
        received: 250,
        balance: 400,
      },
    ]);
    expect(bens.totals.balance).toBe(400);
    // The manager's tip report says the same of each of them.
    const report = (
      await as(t, manager.session).get('/api/v1/reports/tips?from=2027-05-12&to=2027-05-12').expect(200)
    ).body as { days: Array<{ people: Share[] }> };
    for (const [person, own] of [
      [anna, annas.days[1]],
      [ben, bens.days[0]],
    ] as const) {
      const { earned, givenOut, received, paidOut } = own;
      expect(report.days[0].people.find((share) => share.userId === person.id)).toMatchObject({
        earned,
        givenOut,
        received,
        paidOut,
      });
    }
    // A cook with no tips, and the manager who paid Anna out, see nothing of theirs.
    for (const person of [cook, manager]) {
      expect(await mine(person)).toEqual({
        weekFrom: '2027-05-10',
        to: '2027-05-12',
        days: [],
        totals: zero,
      });
    }
  });

  it('answers the caller only: naming another changes nothing, and no API key or anonymous caller', async () => {
    const asked = await as(t, anna.session).get(`/api/v1/tips/me?userId=${ben.id}`).expect(200);
    expect(asked.body).toEqual(await mine(anna));
    const key = await issueKey(t, admin, { scopes: ['reports:read'] });
    expect((await withKey(t, key.key).get('/api/v1/tips/me')).status).toBe(403);
    expect((await as(t, { accessToken: '' }).get('/api/v1/tips/me')).status).toBe(401);
  });
});
