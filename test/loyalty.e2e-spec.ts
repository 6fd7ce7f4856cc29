import { as, NewStaff, Session } from './support/clients';
import { Restaurant } from './support/factories';
import { OrdersApp, startOrdersApp } from './support/orders-fixture';
import { TestApp } from './support/test-app';

interface Activity {
  type: string;
  points: number;
  balanceAfter: number;
  shortfall: number;
  orderId: string | null;
}

/** A small deterministic generator (mulberry32): the same 300 orders on every run and both databases. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

describe('Loyalty', () => {
  let t: TestApp;
  let admin: Session;
  let make: OrdersApp['make'];
  let waiter: NewStaff;
  let manager: NewStaff;
  let r: Restaurant;
  let cashId: string;
  let rewards: { off: { id: string; points: number }; fries: { id: string; points: number } };
  const POINTS_PER_UNIT = 2;

  beforeAll(async () => {
    ({ t, admin, make, waiter, manager } = await startOrdersApp());
    r = await make.newRestaurant();
    cashId = (
      await as(t, admin).post('/api/v1/payment-methods').send({ name: 'Cash', kind: 'cash' }).expect(201)
    ).body.id;
    const program = await as(t, admin)
      .put('/api/v1/loyalty')
      .send({
        pointsPerUnit: POINTS_PER_UNIT,
        rewards: [
          { name: '5 off', points: 40, kind: 'amount', amount: 500 },
          { name: 'Free fries', points: 30, kind: 'dish', dishId: r.fries.id },
        ],
      })
      .expect(200);
    const [off, fries] = program.body.rewards as Array<{ id: string; points: number }>;
    rewards = { off, fries };
  });

  afterAll(() => t.close());

  const newCustomer = async (name: string): Promise<string> =>
    (await as(t, waiter.session).post('/api/v1/customers').send({ name }).expect(201)).body.id as string;
  const newOrder = async (customerId: string, beers: number) => {
    const created = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: beers }] })
      .expect(201);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${created.body.id}/customer`)
      .send({ customerId })
      .expect(200);
    return created.body.id as string;
  };
  /** Three beers paid in cash and closed: 16 units, 32 points. */
  const earn32Points = async (customerId: string): Promise<void> => {
    const earner = await newOrder(customerId, 3);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${earner}/payments`)
      .send({ methodId: cashId, amount: 1650 })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${earner}/status`)
      .send({ status: 'closed' })
      .expect(200);
  };
  const ledgerOf = async (customerId: string): Promise<{ points: number; activities: Activity[] }> => {
    const activities: Activity[] = [];
    let points = 0;
    for (let page = 1; ; page++) {
      const response = await as(t, waiter.session)
        .get(`/api/v1/customers/${customerId}/loyalty`)
        .query({ page, perPage: 100 })
        .expect(200);
      points = response.body.points as number;
      activities.push(...(response.body.activities as Activity[]));
      if (page >= response.body.pages) break;
    }
    return { points, activities: activities.reverse() };
  };

  it('earns, spends and takes back points over 300 generated orders with refunds, never below zero', async () => {
    const next = random(25);
    const customers = await Promise.all(Array.from({ length: 6 }, (_, i) => newCustomer(`Regular ${i}`)));
    // The 300 orders, drawn up front so that each customer's orders run in the same order on every run.
    const plans = Array.from({ length: 300 }, () => {
      const plan = {
        customerId: customers[Math.floor(next() * customers.length)],
        beers: 1 + Math.floor(next() * 4),
        rewardRoll: next(),
        change: Math.floor(next() * 3) * 100,
        tip: Math.floor(next() * 2) * 150,
        refundRolls: [] as number[],
      };
      while (plan.refundRolls.length < 4 && next() < 0.25) plan.refundRolls.push(next());
      return plan;
    });
    // The test's own ledger: what each customer must hold and every line it must have.
    const balance = new Map(customers.map((id) => [id, 0]));
    const expected = new Map<string, Array<Pick<Activity, 'type' | 'points' | 'shortfall'>>>(
      customers.map((id) => [id, []]),
    );
    const add = (customerId: string, type: string, points: number, shortfall = 0) => {
      balance.set(customerId, balance.get(customerId)! + points);
      expected.get(customerId)!.push({ type, points, shortfall });
    };
    const counts = { spends: 0, refusals: 0, refunds: 0 };

    const run = async (plan: (typeof plans)[number]) => {
      const { customerId } = plan;
      const orderId = await newOrder(customerId, plan.beers);
      let total = plan.beers * r.beer.variations[0].price;
      if (plan.rewardRoll < 0.3) {
        const reward = plan.rewardRoll < 0.15 ? rewards.off : rewards.fries;
        const response = await as(t, waiter.session)
          .post(`/api/v1/orders/${orderId}/rewards`)
          .send({ rewardId: reward.id });
        if (balance.get(customerId)! >= reward.points) {
          expect(response.status).toBe(200);
          add(customerId, 'spend', -reward.points);
          if (reward === rewards.off) total -= 500;
          counts.spends += 1;
        } else {
          expect(response.status).toBe(422);
          expect(response.body.error.details[0].field).toBe('rewardId');
          counts.refusals += 1;
        }
      }
      const payment = await as(t, waiter.session)
        .post(`/api/v1/orders/${orderId}/payments`)
        .send({ methodId: cashId, amount: total + plan.change, tip: plan.tip })
        .expect(201);
      await as(t, waiter.session)
        .patch(`/api/v1/orders/${orderId}/status`)
        .send({ status: 'closed' })
        .expect(200);
      // Tips and change earn nothing: only what the order was paid.
      const earned = Math.floor(total / 100) * POINTS_PER_UNIT;
      if (earned > 0) add(customerId, 'earn', earned);
      let paid = total;
      let settled = 0;
      for (const roll of plan.refundRolls) {
        if (paid === 0) break;
        const amount = 1 + Math.floor(roll * paid);
        await as(t, manager.session)
          .post(`/api/v1/payments/${payment.body.id}/refund`)
          .send({ amount, reason: 'generated refund' })
          .expect(201);
        paid -= amount;
        counts.refunds += 1;
        const owed = earned - Math.floor((earned * paid) / total) - settled;
        if (earned === 0 || owed <= 0) continue;
        const taken = Math.min(owed, balance.get(customerId)!);
        add(customerId, 'reverse', -taken, owed - taken);
        settled += owed;
      }
    };
    // Each customer's orders one after another, the customers side by side, as at six tills.
    await Promise.all(
      customers.map(async (customerId) => {
        for (const plan of plans.filter((candidate) => candidate.customerId === customerId)) await run(plan);
      }),
    );

    expect(counts.refunds).toBeGreaterThan(30);
    expect(counts.spends).toBeGreaterThan(20);
    for (const customerId of customers) {
      const ledger = await ledgerOf(customerId);
      expect(ledger.points).toBe(balance.get(customerId));
      expect(ledger.activities.map(({ type, points, shortfall }) => ({ type, points, shortfall }))).toEqual(
        expected.get(customerId),
      );
      expect(ledger.activities.reduce((sum, line) => sum + line.points, 0)).toBe(ledger.points);
      expect(ledger.activities.every((line) => line.balanceAfter >= 0)).toBe(true);
    }
    process.stdout.write(
      `loyalty: 300 orders, ${counts.spends} rewards taken, ${counts.refusals} refused, ${counts.refunds} refunds, ` +
        `${[...expected.values()].reduce((n, lines) => n + lines.length, 0)} ledger lines\n`,
    );
  }, 180_000);

  it('takes what a refund could not take back from the points a later cancellation gives back', async () => {
    const customerId = await newCustomer('Refunded regular');
    // Enough beers to earn the 30-point fries and a few points more.
    const beers = Math.ceil((rewards.fries.points * 100) / POINTS_PER_UNIT / r.beer.variations[0].price) + 1;
    const earner = await newOrder(customerId, beers);
    const total = beers * r.beer.variations[0].price;
    const payment = await as(t, waiter.session)
      .post(`/api/v1/orders/${earner}/payments`)
      .send({ methodId: cashId, amount: total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${earner}/status`)
      .send({ status: 'closed' })
      .expect(200);
    const earned = Math.floor(total / 100) * POINTS_PER_UNIT;
    const spender = await newOrder(customerId, 1);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${spender}/rewards`)
      .send({ rewardId: rewards.fries.id })
      .expect(200);
    await as(t, manager.session)
      .post(`/api/v1/payments/${payment.body.id}/refund`)
      .send({ amount: total, reason: 'all of it' })
      .expect(201);
    // The refund took what was left; the 30 spent on the fries were out of reach.
    expect((await ledgerOf(customerId)).points).toBe(0);
    await as(t, manager.session)
      .patch(`/api/v1/orders/${spender}/status`)
      .send({ status: 'cancelled', reason: 'guest left' })
      .expect(200);

    const ledger = await ledgerOf(customerId);
    expect(ledger.points).toBe(0);
    const spent = rewards.fries.points;
    expect(
      ledger.activities.map(({ type, points, shortfall, orderId }) => ({ type, points, shortfall, orderId })),
    ).toEqual([
      { type: 'earn', points: earned, shortfall: 0, orderId: earner },
      { type: 'spend', points: -spent, shortfall: 0, orderId: spender },
      { type: 'reverse', points: -(earned - spent), shortfall: spent, orderId: earner },
      { type: 'restore', points: spent, shortfall: 0, orderId: spender },
      { type: 'reverse', points: -spent, shortfall: -spent, orderId: earner },
    ]);
  });

  it('lets concurrent spends of one customer take only the points they hold', async () => {
    const customerId = await newCustomer('Concurrent');
    await earn32Points(customerId);
    // 16 units × 2 = 32 points: one 30-point reward, however many tills ask at once.
    const orders = await Promise.all(Array.from({ length: 8 }, () => newOrder(customerId, 1)));
    const answers = await Promise.all(
      orders.map((orderId) =>
        as(t, waiter.session).post(`/api/v1/orders/${orderId}/rewards`).send({ rewardId: rewards.fries.id }),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422, 422, 422, 422, 422, 422, 422]);
    const ledger = await ledgerOf(customerId);
    expect(ledger.points).toBe(2);
    const free = answers.find((answer) => answer.status === 200)!.body;
    expect(free.items.find((item: { name: string }) => item.name === 'Free fries')).toMatchObject({
      unitPrice: 0,
      dishId: r.fries.id,
    });
    // The points paid for that order: its customer stays.
    const other = await newCustomer('Someone else');
    await as(t, waiter.session)
      .post(`/api/v1/orders/${free.id}/customer`)
      .send({ customerId: other })
      .expect(409);
    // Cancelling that order gives the points back.
    await as(t, manager.session)
      .patch(`/api/v1/orders/${free.id}/status`)
      .send({ status: 'cancelled', reason: 'guest left' })
      .expect(200);
    expect((await ledgerOf(customerId)).points).toBe(32);
  });

  it('takes a reward sent as the tablet sends it (X-Device-Id and a key), recording the device’s write', async () => {
    const customerId = await newCustomer('Tablet regular');
    await earn32Points(customerId);
    const orderId = await newOrder(customerId, 1);
    const key = `reward-${orderId}`;
    const take = () =>
      as(t, waiter.session)
        .post(`/api/v1/orders/${orderId}/rewards`)
        .set('X-Device-Id', 'tablet-rewards')
        .set('Idempotency-Key', key)
        .send({ rewardId: rewards.fries.id });
    const taken = await take();
    expect(taken.status).toBe(200);
    const replayed = await take().expect(200);
    expect(replayed.headers['idempotent-replayed']).toBe('true');
    expect((await ledgerOf(customerId)).points).toBe(32 - rewards.fries.points);
    const state = await as(t, waiter.session).get('/api/v1/devices/tablet-rewards/outbox-state').expect(200);
    expect(state.body).toMatchObject({
      writesApplied: 1,
      lastWrite: { key, method: 'POST', path: `/api/v1/orders/${orderId}/rewards`, status: 200 },
    });
  });

  it('refuses a reward on an order without a customer, and an unknown reward, writing nothing', async () => {
    const created = await as(t, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: r.beer.id, quantity: 1 }] })
      .expect(201);
    await as(t, waiter.session)
      .post(`/api/v1/orders/${created.body.id}/rewards`)
      .send({ rewardId: rewards.off.id })
      .expect(409);
    const customerId = await newCustomer('Nobody special');
    await as(t, waiter.session)
      .post(`/api/v1/orders/${created.body.id}/customer`)
      .send({ customerId })
      .expect(200);
    const unknown = await as(t, waiter.session)
      .post(`/api/v1/orders/${created.body.id}/rewards`)
      .send({ rewardId: '00000000-0000-4000-8000-000000000000' })
      .expect(422);
    expect(unknown.body.error.details[0].field).toBe('rewardId');
    await as(t, waiter.session).put('/api/v1/loyalty').send({ pointsPerUnit: 1, rewards: [] }).expect(403);
    const after = await as(t, waiter.session).get(`/api/v1/orders/${created.body.id}`).expect(200);
    expect(after.body.version).toBe(created.body.version + 1);
  });

  it('keeps reward ids the server gave: a repeated id or one that is no reward of the programme is a 422', async () => {
    const before = (await as(t, admin).get('/api/v1/loyalty').expect(200)).body as {
      pointsPerUnit: number;
      rewards: Array<Record<string, unknown>>;
    };
    const kept = before.rewards.map(({ id, name, points, kind, amount, dishId }) => ({
      id,
      name,
      points,
      kind,
      ...(kind === 'amount' ? { amount } : { dishId }),
    }));
    const orderId = await newOrder(await newCustomer('Id thief'), 1);
    const refused = await as(t, admin)
      .put('/api/v1/loyalty')
      .send({
        pointsPerUnit: before.pointsPerUnit,
        rewards: [
          ...kept,
          { ...kept[0], name: 'Twin' },
          { id: orderId, name: 'Stolen id', points: 5, kind: 'amount', amount: 100 },
        ],
      });
    expect(refused.status).toBe(422);
    expect(refused.body.error.details).toEqual([
      { field: 'rewards[2].id', message: expect.stringContaining('earlier reward') },
      { field: 'rewards[3].id', message: expect.stringContaining('no reward of the programme') },
    ]);
    expect((await as(t, admin).get('/api/v1/loyalty').expect(200)).body).toEqual(before);
    // Sent back with the ids they have, the rewards keep them; a new one gets its id from the server.
    const saved = await as(t, admin)
      .put('/api/v1/loyalty')
      .send({
        pointsPerUnit: before.pointsPerUnit,
        rewards: [...kept, { name: 'New', points: 5, kind: 'amount', amount: 100 }],
      })
      .expect(200);
    const ids = (saved.body.rewards as Array<{ id: string }>).map((reward) => reward.id);
    expect(ids.slice(0, kept.length)).toEqual(kept.map((reward) => reward.id));
    expect(ids).not.toContain(orderId);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
