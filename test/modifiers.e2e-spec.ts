import { as, issueKey, NewStaff, Session, withKey } from './support/clients';
import { parseCsv } from './support/csv';
import type { Restaurant } from './support/factories';
import { fields, Json } from './support/menu-fixture';
import { Group, modifierHelpers, Option, setUpModifiers } from './support/modifiers-fixture';
import { openSockets } from './support/sockets';
import type { TestApp } from './support/test-app';

describe('Modifiers on orders: copied onto items, in totals, on tickets and in the dish report', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let r: Restaurant;
  /** Sauce: choose 1 or 2 (Aioli +150, Ketchup 0, Truffle +300). Extras: up to 2 (Bacon +250, Cheese +100). */
  let sauce: Group;
  let extras: Group;
  const open = openSockets(() => t);
  const { newGroup, option, pick, burger, placeOrder, count, auditActions } = modifierHelpers(() => ({
    t,
    admin,
    waiter,
    manager,
    kitchen,
    r,
    sauce,
    extras,
  }));

  beforeAll(async () => {
    ({ t, admin, waiter, manager, kitchen, r, sauce, extras } = await setUpModifiers());
  });

  afterAll(() => t.close());

  describe('ordering', () => {
    it('copies the chosen options onto the item in group then option order, and the totals include them', async () => {
      const aioli = option(sauce, 'Aioli');
      const bacon = option(extras, 'Bacon');
      const ketchup = option(sauce, 'Ketchup');
      const created = await placeOrder([
        burger(pick(bacon, ketchup, aioli), 2),
        { dishId: r.beer.id, quantity: 1 },
      ]).expect(201);
      const [first, beer] = created.body.items;
      expect(first.modifiers).toEqual([
        { optionId: aioli.id, groupName: 'Sauce', name: 'Aioli', priceDelta: 150 },
        { optionId: ketchup.id, groupName: 'Sauce', name: 'Ketchup', priceDelta: 0 },
        { optionId: bacon.id, groupName: 'Extras', name: 'Bacon', priceDelta: 250 },
      ]);
      expect(first).toMatchObject({ unitPrice: 1200, quantity: 2, total: (1200 + 150 + 250) * 2 });
      expect(beer).toMatchObject({ modifiers: [], total: 550 });
      expect(created.body).toMatchObject({ subtotal: 3200 + 550, total: 3750, due: 3750 });
      await as(t, waiter.session).get(`/api/v1/orders/${created.body.id}`).expect(200, created.body);

      const added = await as(t, waiter.session)
        .post(`/api/v1/orders/${created.body.id}/items`)
        .send({ items: [burger(pick(option(sauce, 'Truffle')))] })
        .expect(201);
      expect(added.body.items[2]).toMatchObject({
        total: 1500,
        modifiers: [{ name: 'Truffle', priceDelta: 300 }],
      });
      expect(added.body).toMatchObject({ subtotal: 3750 + 1500, total: 5250 });
    });

    it('takes modifiers on API-key orders and QR orders too', async () => {
      const key = await issueKey(t, admin, { scopes: ['orders:write'] });
      const viaKey = await withKey(t, key.key)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [burger(pick(option(sauce, 'Aioli')))] })
        .expect(201);
      expect(viaKey.body).toMatchObject({ source: 'api', total: 1350 });
      const viaQr = await t
        .http()
        .post(`/api/v1/public/tables/${r.table.qrToken}/orders`)
        .send({ items: [burger(pick(option(sauce, 'Ketchup'), option(extras, 'Cheese')))] })
        .expect(201);
      expect(viaQr.body.items[0].modifiers.map((m: { name: string }) => m.name)).toEqual([
        'Ketchup',
        'Cheese',
      ]);
      expect(viaQr.body.total).toBe(1300);
      const refused = await t
        .http()
        .post(`/api/v1/public/tables/${r.table.qrToken}/orders`)
        .send({ items: [burger([])] })
        .expect(422);
      expect(refused.body.error.details).toEqual([
        { field: 'items[0].modifiers', message: '"Sauce": choose at least 1' },
      ]);
    });

    it.each([
      [
        'too few',
        () => [burger([])],
        [{ field: 'items[0].modifiers', message: '"Sauce": choose at least 1' }],
      ],
      [
        'too many',
        () => [
          { dishId: r.beer.id, quantity: 1 },
          burger(pick(option(sauce, 'Aioli'), option(sauce, 'Ketchup'), option(sauce, 'Truffle'))),
        ],
        [{ field: 'items[1].modifiers', message: '"Sauce": choose at most 2' }],
      ],
      [
        'an option the dish does not offer',
        () => [{ dishId: r.beer.id, quantity: 1, modifiers: pick(option(sauce, 'Aioli')) }],
        [{ field: 'items[0].modifiers[0].optionId', message: 'is not an option of this dish' }],
      ],
      [
        'an unknown option',
        () => [burger([...pick(option(sauce, 'Aioli')), { optionId: 'nope' }])],
        [{ field: 'items[0].modifiers[1].optionId', message: 'is not an option of this dish' }],
      ],
      [
        'a repeated option',
        () => [burger(pick(option(sauce, 'Aioli'), option(sauce, 'Aioli')))],
        [{ field: 'items[0].modifiers[1].optionId', message: 'repeats an option already chosen' }],
      ],
    ])('refuses %s with a 422 naming the line, and writes nothing', async (_case, lines, details) => {
      const before = [await count('orders'), await count('order_items'), await count('events')];
      const refused = await placeOrder(lines()).expect(422);
      expect(refused.body.error).toMatchObject({ code: 'VALIDATION_ERROR', details });
      expect(refused.body.error.message).toContain(details[0].message);

      const existing = await placeOrder([{ dishId: r.beer.id, quantity: 1 }]).expect(201);
      const afterOrder = [await count('orders'), await count('order_items'), await count('events')];
      const addRefused = await as(t, waiter.session)
        .post(`/api/v1/orders/${existing.body.id}/items`)
        .send({ items: lines() })
        .expect(422);
      expect(addRefused.body.error.details).toEqual(details);
      expect(afterOrder.slice(0, 2)).toEqual([before[0] + 1, before[1] + 1]);
      expect([await count('orders'), await count('order_items'), await count('events')]).toEqual(afterOrder);
      const unchanged = await as(t, waiter.session).get(`/api/v1/orders/${existing.body.id}`).expect(200);
      expect(unchanged.body.version).toBe(existing.body.version);
    });

    it('refuses an option whose delta would take the price below zero, and more than 20 modifiers', async () => {
      const discount = await newGroup({ name: 'Deal', options: [{ name: 'Staff meal', priceDelta: -5000 }] });
      await as(t, admin)
        .patch(`/api/v1/dishes/${r.beer.id}`)
        .send({ modifierGroupIds: [discount.id] })
        .expect(200);
      const negative = await placeOrder([
        { dishId: r.beer.id, quantity: 1, modifiers: pick(discount.options[0]) },
      ]).expect(422);
      expect(negative.body.error.details).toEqual([
        { field: 'items[0].modifiers', message: 'would take the unit price below zero' },
      ]);
      await as(t, admin).patch(`/api/v1/dishes/${r.beer.id}`).send({ modifierGroupIds: [] }).expect(200);
      const many = Array.from({ length: 21 }, (_, i) => ({ optionId: `option-${i}` }));
      const tooMany = await placeOrder([burger(many)]).expect(422);
      expect(fields(tooMany.body)).toEqual(['items[0].modifiers']);
    });

    it("refuses an 86'd option on new lines, and tells the guests' sockets", async () => {
      const guest = await open({ qrToken: r.table.qrToken });
      const cheese = option(extras, 'Cheese');
      await as(t, waiter.session)
        .patch(`/api/v1/modifier-groups/${extras.id}/options/${cheese.id}/availability`)
        .send({ available: false })
        .expect(403);
      const off = await as(t, kitchen.session)
        .patch(`/api/v1/modifier-groups/${extras.id}/options/${cheese.id}/availability`)
        .send({ available: false })
        .expect(200);
      expect(off.body.options.find((o: Option) => o.id === cheese.id).available).toBe(false);
      await guest.until((events) => events.some((e) => e.type === 'menu.availability_changed'));
      expect(guest.received.filter((e) => e.type === 'menu.availability_changed').map((e) => e.data)).toEqual(
        [{ optionId: cheese.id, groupId: extras.id, available: false }],
      );
      const before = await count('orders');
      const refused = await placeOrder([burger(pick(option(sauce, 'Aioli'), cheese))]).expect(422);
      expect(refused.body.error.details).toEqual([
        { field: 'items[0].modifiers[1].optionId', message: 'is not available' },
      ]);
      expect(await count('orders')).toBe(before);
      await as(t, manager.session)
        .patch(`/api/v1/modifier-groups/${extras.id}/options/${cheese.id}/availability`)
        .send({ available: true })
        .expect(200);
      await placeOrder([burger(pick(option(sauce, 'Aioli'), cheese))]).expect(201);
      expect(await auditActions(cheese.id)).toEqual([
        'modifier_option.availability_changed',
        'modifier_option.availability_changed',
      ]);
    });

    it('keeps what an order carries when the option is later renamed or repriced', async () => {
      const group = await newGroup({ name: 'Glaze', options: [{ name: 'Honey', priceDelta: 70 }] });
      await as(t, admin)
        .patch(`/api/v1/dishes/${r.fries.id}`)
        .send({ modifierGroupIds: [group.id] })
        .expect(200);
      const honey = group.options[0];
      const created = await placeOrder([{ dishId: r.fries.id, quantity: 3, modifiers: pick(honey) }]).expect(
        201,
      );
      expect(created.body).toMatchObject({ total: (450 + 70) * 3 });
      await as(t, admin)
        .patch(`/api/v1/modifier-groups/${group.id}/options/${honey.id}`)
        .send({ name: 'Maple', priceDelta: 999 })
        .expect(200);
      await as(t, admin).patch(`/api/v1/modifier-groups/${group.id}`).send({ name: 'Syrup' }).expect(200);
      const read = await as(t, waiter.session).get(`/api/v1/orders/${created.body.id}`).expect(200);
      expect(read.body).toEqual(created.body);
      // A change to the order recomputes its totals from what the items carry, not from the menu.
      const changed = await as(t, waiter.session)
        .post(`/api/v1/orders/${created.body.id}/items`)
        .send({ items: [{ dishId: r.beer.id, quantity: 1 }] })
        .expect(201);
      expect(changed.body.items[0]).toEqual(created.body.items[0]);
      expect(changed.body.total).toBe((450 + 70) * 3 + 550);
      await as(t, admin).patch(`/api/v1/dishes/${r.fries.id}`).send({ modifierGroupIds: [] }).expect(200);
    });

    it("shows the kitchen the items' modifiers: on its socket and in its tickets", async () => {
      const cook = await open({ token: kitchen.session.accessToken });
      const created = await placeOrder([
        burger(pick(option(extras, 'Bacon'), option(sauce, 'Aioli'))),
      ]).expect(201);
      const expected = [
        { optionId: option(sauce, 'Aioli').id, groupName: 'Sauce', name: 'Aioli', priceDelta: 150 },
        { optionId: option(extras, 'Bacon').id, groupName: 'Extras', name: 'Bacon', priceDelta: 250 },
      ];
      await cook.until((events) =>
        events.some((e) => e.type === 'order.created' && e.data.id === created.body.id),
      );
      const event = cook.received.find((e) => e.type === 'order.created' && e.data.id === created.body.id)!;
      expect((event.data.items as Json[])[0].modifiers).toEqual(expected);
      const tickets = await as(t, kitchen.session).get(`/api/v1/kitchen/tickets?stationId=${r.grill.id}`);
      const ticket = (tickets.body.items as Json[]).find((order) => order.id === created.body.id);
      expect(ticket.items[0].modifiers).toEqual(expected);
    });
  });

  describe('the dish report', () => {
    it('lists the options sold on live items of closed orders, in JSON and CSV', async () => {
      const group = await newGroup({
        name: 'Report, "sauce"',
        maxChoices: 2,
        options: [
          { name: 'Mayo', priceDelta: 40 },
          { name: 'Less salt', priceDelta: -30 },
        ],
      });
      const [mayo, lessSalt] = [option(group, 'Mayo'), option(group, 'Less salt')];
      await as(t, admin)
        .patch(`/api/v1/dishes/${r.fries.id}`)
        .send({ modifierGroupIds: [group.id] })
        .expect(200);
      const order = await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({
          type: 'takeaway',
          items: [
            { dishId: r.fries.id, quantity: 2, modifiers: pick(mayo, lessSalt) },
            { dishId: r.fries.id, quantity: 1, modifiers: pick(mayo) },
            { dishId: r.fries.id, quantity: 5, modifiers: pick(mayo) },
          ],
        })
        .expect(201);
      const voided = await as(t, waiter.session)
        .delete(`/api/v1/orders/${order.body.id}/items/${order.body.items[2].id}`)
        .send({})
        .expect(200);
      expect(voided.body.total).toBe((450 + 10) * 2 + (450 + 40));
      // An open order is not a sale: only the closed one counts.
      await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1, modifiers: pick(mayo) }] })
        .expect(201);
      const methods = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
      await as(t, waiter.session)
        .post(`/api/v1/orders/${order.body.id}/payments`)
        .send({ methodId: methods.find((m) => m.kind === 'card').id, amount: voided.body.due })
        .expect(201);
      await as(t, waiter.session)
        .patch(`/api/v1/orders/${order.body.id}/status`)
        .send({ status: 'closed' })
        .expect(200);

      const report = await as(t, manager.session).get('/api/v1/reports/dishes').expect(200);
      const ours = (report.body.modifiers as Json[]).filter((m) => m.groupName === 'Report, "sauce"');
      expect(ours).toEqual([
        { optionId: mayo.id, groupName: 'Report, "sauce"', name: 'Mayo', quantity: 3, revenue: 120 },
        { optionId: lessSalt.id, groupName: 'Report, "sauce"', name: 'Less salt', quantity: 2, revenue: -60 },
      ]);
      const fries = (report.body.dishes as Json[]).find((d) => d.dishId === r.fries.id);
      expect(fries).toMatchObject({ quantity: 3, revenue: 450 * 3 });

      const csv = await as(t, manager.session).get('/api/v1/reports/dishes?format=csv').expect(200);
      const rows = parseCsv(csv.text);
      expect(rows.find((row) => row.optionId === lessSalt.id)).toMatchObject({
        dishId: '',
        groupName: 'Report, "sauce"',
        optionName: 'Less salt',
        quantity: '2',
        revenue: '-60',
      });
      expect(rows.at(-1)).toMatchObject({ dishId: 'total', optionId: '' });

      const voids = await as(t, manager.session).get('/api/v1/reports/discounts-and-voids').expect(200);
      const ourVoid = (voids.body.voids as Json[]).find((v) => v.itemId === order.body.items[2].id);
      expect(ourVoid).toMatchObject({ quantity: 5, value: (450 + 40) * 5 });
      await as(t, admin).patch(`/api/v1/dishes/${r.fries.id}`).send({ modifierGroupIds: [] }).expect(200);
    });
  });
});
