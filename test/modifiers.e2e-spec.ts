import { Role } from '../src/common/access/role';
import { as, issueKey, loginAdmin, newStaff, NewStaff, Session, withKey } from './support/clients';
import { parseCsv } from './support/csv';
import { factories, Restaurant } from './support/factories';
import { fields, Json } from './support/menu-fixture';
import { openSockets } from './support/sockets';
import { startTestApp, TestApp } from './support/test-app';

type Option = { id: string; name: string; priceDelta: number; available: boolean; sortOrder: number };
type Group = { id: string; name: string; minChoices: number; maxChoices: number; options: Option[] };
type Line = {
  dishId: string;
  variationId?: string;
  quantity: number;
  modifiers?: Array<{ optionId: string }>;
};

describe('Modifier groups', () => {
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

  beforeAll(async () => {
    t = await startTestApp({ QR_ORDERING: 'true' });
    admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    [waiter, manager, kitchen] = await Promise.all(
      [Role.Waiter, Role.Manager, Role.Kitchen].map((role) => newStaff(t, role)),
    );
    sauce = await newGroup({
      name: 'Sauce',
      minChoices: 1,
      maxChoices: 2,
      options: [
        { name: 'Ketchup', sortOrder: 1 },
        { name: 'Aioli', priceDelta: 150, sortOrder: 0 },
        { name: 'Truffle', priceDelta: 300, sortOrder: 2 },
      ],
    });
    extras = await newGroup({
      name: 'Extras',
      minChoices: 0,
      maxChoices: 2,
      options: [
        { name: 'Cheese', priceDelta: 100 },
        { name: 'Bacon', priceDelta: 250 },
      ],
    });
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.burger.id}`)
      .send({ modifierGroupIds: [sauce.id, extras.id] })
      .expect(200);
  });

  afterAll(() => t.close());

  async function newGroup(body: object): Promise<Group> {
    const response = await as(t, admin).post('/api/v1/modifier-groups').send(body);
    if (response.status !== 201) throw new Error(`${response.status} ${JSON.stringify(response.body)}`);
    return response.body as Group;
  }

  const option = (group: Group, name: string) => group.options.find((o) => o.name === name)!;
  const pick = (...options: Option[]) => options.map((o) => ({ optionId: o.id }));
  const regular = () => r.burger.variations.find((v) => v.name === 'Regular')!.id;
  const burger = (modifiers: Array<{ optionId: string }>, quantity = 1): Line => ({
    dishId: r.burger.id,
    variationId: regular(),
    quantity,
    modifiers,
  });

  const placeOrder = (items: Line[]) =>
    as(t, waiter.session).post('/api/v1/orders').send({ type: 'dine_in', tableId: r.table.id, items });

  const count = async (table: string) =>
    Number(
      (await t.dataSource.query<Array<{ n: string | number }>>(`SELECT COUNT(*) AS n FROM ${table}`))[0].n,
    );

  const auditActions = async (entityId: string) =>
    (
      await t.dataSource.query<Array<{ action: string; entity_id: string }>>(
        'SELECT action, entity_id FROM audit_log ORDER BY occurred_at, id',
      )
    )
      .filter((row) => row.entity_id === entityId)
      .map((row) => row.action);

  const menuDish = (menu: Json, dishId: string): Json => {
    const dishes = (menu.categories as Array<{ dishes: Array<{ id: string }> }>).flatMap((c) => c.dishes);
    return dishes.find((dish) => dish.id === dishId);
  };

  describe('groups and options', () => {
    it('creates, reads, edits and deletes a group and its options, every write audited', async () => {
      const group = await newGroup({
        name: 'Dressing',
        minChoices: 0,
        maxChoices: 1,
        options: [{ name: 'Ranch', priceDelta: 50, sortOrder: 2 }, { name: 'Vinaigrette' }],
      });
      expect(group).toEqual({
        id: expect.any(String),
        name: 'Dressing',
        minChoices: 0,
        maxChoices: 1,
        options: [
          { id: expect.any(String), name: 'Vinaigrette', priceDelta: 0, available: true, sortOrder: 0 },
          { id: expect.any(String), name: 'Ranch', priceDelta: 50, available: true, sortOrder: 2 },
        ],
      });
      // Staff read; only the admin writes.
      await as(t, waiter.session).get(`/api/v1/modifier-groups/${group.id}`).expect(200, group);
      await as(t, manager.session).post('/api/v1/modifier-groups').send({ name: 'Nope' }).expect(403);
      const list = await as(t, kitchen.session).get('/api/v1/modifier-groups?perPage=100').expect(200);
      expect((list.body.items as Group[]).find((g) => g.id === group.id)).toEqual(group);

      const honey = await as(t, admin)
        .post(`/api/v1/modifier-groups/${group.id}/options`)
        .send({ name: 'Honey mustard', priceDelta: -20 })
        .expect(201);
      expect(honey.body).toEqual({
        id: expect.any(String),
        name: 'Honey mustard',
        priceDelta: -20,
        available: true,
        sortOrder: 0,
      });
      await as(t, admin)
        .post(`/api/v1/modifier-groups/${group.id}/options`)
        .send({ name: 'RANCH' })
        .expect(409);
      const repriced = await as(t, admin)
        .patch(`/api/v1/modifier-groups/${group.id}/options/${honey.body.id}`)
        .send({ priceDelta: 30, sortOrder: 5 })
        .expect(200);
      expect(repriced.body).toMatchObject({ priceDelta: 30, sortOrder: 5 });
      const renamed = await as(t, admin)
        .patch(`/api/v1/modifier-groups/${group.id}`)
        .send({ name: 'Dressings', maxChoices: 2 })
        .expect(200);
      expect(renamed.body).toMatchObject({ name: 'Dressings', minChoices: 0, maxChoices: 2 });
      expect(renamed.body.options.map((o: Option) => o.name)).toEqual([
        'Vinaigrette',
        'Ranch',
        'Honey mustard',
      ]);
      const tooMany = await as(t, admin)
        .patch(`/api/v1/modifier-groups/${group.id}`)
        .send({ minChoices: 3 })
        .expect(422);
      expect(fields(tooMany.body)).toEqual(['minChoices']);

      await as(t, admin).delete(`/api/v1/modifier-groups/${group.id}/options/${honey.body.id}`).expect(204);
      await as(t, admin).delete(`/api/v1/modifier-groups/${group.id}/options/${honey.body.id}`).expect(404);
      await as(t, admin).delete(`/api/v1/modifier-groups/${group.id}`).expect(204);
      await as(t, admin).get(`/api/v1/modifier-groups/${group.id}`).expect(404);

      expect(await auditActions(group.id)).toEqual([
        'modifier_group.created',
        'modifier_group.updated',
        'modifier_group.deleted',
      ]);
      expect(await auditActions(honey.body.id)).toEqual([
        'modifier_option.created',
        'modifier_option.price_changed',
        'modifier_option.deleted',
      ]);
    });

    it.each([
      [{}, ['name']],
      [{ name: '  ' }, ['name']],
      [{ name: 'X', minChoices: 2, maxChoices: 1 }, ['minChoices']],
      [{ name: 'X', maxChoices: 0 }, ['maxChoices']],
      [{ name: 'X', minChoices: -1 }, ['minChoices']],
      [{ name: 'X', options: [{ name: 'A', priceDelta: 1.5 }] }, ['options[0].priceDelta']],
      [{ name: 'X', options: [{ priceDelta: 10 }] }, ['options[0].name']],
      [{ name: 'X', options: [{ name: 'A' }, { name: 'a' }] }, ['options[1].name']],
    ])('refuses the group %j with 422 naming %j, writing nothing', async (body, named) => {
      const [groups, options] = [await count('modifier_groups'), await count('modifier_options')];
      const response = await as(t, admin).post('/api/v1/modifier-groups').send(body).expect(422);
      expect(fields(response.body)).toEqual(named);
      expect([await count('modifier_groups'), await count('modifier_options')]).toEqual([groups, options]);
    });
  });

  describe('dishes', () => {
    it('offer groups in the order given, name an unknown group in a 422, and keep an offered group from deletion', async () => {
      const dish = await as(t, admin).get(`/api/v1/dishes/${r.burger.id}`).expect(200);
      expect(dish.body.modifierGroupIds).toEqual([sauce.id, extras.id]);
      const created = await as(t, admin)
        .post('/api/v1/dishes')
        .send({
          name: 'Hot dog',
          categoryId: r.category.id,
          price: 700,
          modifierGroupIds: [extras.id, sauce.id],
        })
        .expect(201);
      expect(created.body.modifierGroupIds).toEqual([extras.id, sauce.id]);

      const unknown = await as(t, admin)
        .patch(`/api/v1/dishes/${r.fries.id}`)
        .send({ modifierGroupIds: [extras.id, 'no-such-group'] })
        .expect(422);
      expect(unknown.body.error.details).toEqual([
        { field: 'modifierGroupIds', message: 'no such modifier group: no-such-group' },
      ]);
      await as(t, admin).get(`/api/v1/dishes/${r.fries.id}`).expect(200);

      const reordered = await as(t, admin)
        .patch(`/api/v1/dishes/${r.fries.id}`)
        .send({ modifierGroupIds: [extras.id, sauce.id] })
        .expect(200);
      expect(reordered.body.modifierGroupIds).toEqual([extras.id, sauce.id]);
      const conflict = await as(t, admin).delete(`/api/v1/modifier-groups/${extras.id}`).expect(409);
      expect(conflict.body.error.message).toMatch(/offered by 3 dish/);
      const cleared = await as(t, admin)
        .patch(`/api/v1/dishes/${r.fries.id}`)
        .send({ modifierGroupIds: [] })
        .expect(200);
      expect(cleared.body.modifierGroupIds).toEqual([]);
      expect(await auditActions(r.fries.id)).toEqual(['dish.created', 'dish.updated', 'dish.updated']);
    });
  });

  describe('GET /menu', () => {
    it("shows each dish's groups with their available options only, and its ETag moves when they change", async () => {
      const first = await t.http().get('/api/v1/menu').expect(200);
      const shown = menuDish(first.body, r.burger.id);
      expect(shown.modifierGroups).toEqual([sauce, extras]);
      expect(menuDish(first.body, r.beer.id).modifierGroups).toEqual([]);

      const truffle = option(sauce, 'Truffle');
      await as(t, kitchen.session)
        .patch(`/api/v1/modifier-groups/${sauce.id}/options/${truffle.id}/availability`)
        .send({ available: false })
        .expect(200);
      const second = await t.http().get('/api/v1/menu').set('If-None-Match', first.headers.etag).expect(200);
      expect(second.headers.etag).not.toBe(first.headers.etag);
      expect(menuDish(second.body, r.burger.id).modifierGroups[0].options.map((o: Option) => o.name)).toEqual(
        ['Aioli', 'Ketchup'],
      );

      await as(t, manager.session)
        .patch(`/api/v1/modifier-groups/${sauce.id}/options/${truffle.id}/availability`)
        .send({ available: true })
        .expect(200);
      const same = await t.http().get('/api/v1/menu').expect(200);
      expect(same.headers.etag).toBe(first.headers.etag);
      await t.http().get('/api/v1/menu').set('If-None-Match', same.headers.etag).expect(304);
    });

    it('leaves out a dish whose required group has no available option left', async () => {
      const side = await newGroup({ name: 'Side', minChoices: 1, options: [{ name: 'Salad' }] });
      await as(t, admin)
        .patch(`/api/v1/dishes/${r.fries.id}`)
        .send({ modifierGroupIds: [side.id] })
        .expect(200);
      await as(t, admin)
        .patch(`/api/v1/modifier-groups/${side.id}/options/${side.options[0].id}/availability`)
        .send({ available: false })
        .expect(200);
      expect(menuDish((await t.http().get('/api/v1/menu').expect(200)).body, r.fries.id)).toBeUndefined();
      const refused = await placeOrder([{ dishId: r.fries.id, quantity: 1 }]).expect(422);
      expect(refused.body.error.details).toEqual([{ field: 'items[0].dishId', message: 'is not available' }]);
      await as(t, admin).patch(`/api/v1/dishes/${r.fries.id}`).send({ modifierGroupIds: [] }).expect(200);
      expect(menuDish((await t.http().get('/api/v1/menu').expect(200)).body, r.fries.id)).toBeDefined();
    });
  });

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
