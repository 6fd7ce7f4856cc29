import { as, NewStaff, Session } from './support/clients';
import type { Restaurant } from './support/factories';
import { fields } from './support/menu-fixture';
import { Group, modifierHelpers, Option, setUpModifiers } from './support/modifiers-fixture';
import type { TestApp } from './support/test-app';

describe('Modifier groups: building them, offering them on dishes, the menu', () => {
  let t: TestApp;
  let admin: Session;
  let waiter: NewStaff;
  let manager: NewStaff;
  let kitchen: NewStaff;
  let r: Restaurant;
  /** Sauce: choose 1 or 2 (Aioli +150, Ketchup 0, Truffle +300). Extras: up to 2 (Bacon +250, Cheese +100). */
  let sauce: Group;
  let extras: Group;
  const { newGroup, option, placeOrder, count, auditActions, menuDish } = modifierHelpers(() => ({
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
        hqKey: null,
        options: [
          {
            id: expect.any(String),
            name: 'Vinaigrette',
            priceDelta: 0,
            available: true,
            sortOrder: 0,
            hqKey: null,
          },
          {
            id: expect.any(String),
            name: 'Ranch',
            priceDelta: 50,
            available: true,
            sortOrder: 2,
            hqKey: null,
          },
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
        hqKey: null,
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
});
