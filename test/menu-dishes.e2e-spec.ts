import { as, newWaiter } from './support/clients';
import { Json, menuSpec } from './support/menu-fixture';

describe('Menu dishes and their variations', () => {
  const { app, api, newCategory, newStation, newIngredient, newDish, auditOf } = menuSpec();

  describe('dishes', () => {
    let category: Json;
    let station: Json;

    beforeAll(async () => {
      category = await newCategory('Pizza');
      station = await newStation('Oven');
    });

    it('creates a dish with a price as one "Regular" variation', async () => {
      const dish = await newDish({
        name: 'Margherita',
        categoryId: category.id,
        stationId: station.id,
        price: 45000,
      });
      expect(dish).toEqual({
        id: expect.any(String),
        name: 'Margherita',
        description: '',
        categoryId: category.id,
        stationId: station.id,
        available: true,
        prepMinutes: 10,
        ingredientIds: [],
        allergens: [],
        variations: [
          {
            id: expect.any(String),
            name: 'Regular',
            price: 45000,
            available: true,
            sortOrder: 0,
            stockCount: null,
            hqKey: null,
          },
        ],
        modifierGroupIds: [],
        taxRateIds: [],
        combo: null,
        scheduleId: null,
        hqKey: null,
      });
      await api().get(`/api/v1/dishes/${dish.id}`).expect(200, dish);
    });

    it('creates a dish with inline variations, sorted, and derives its allergens from its ingredients', async () => {
      const dough = await newIngredient('Dough', ['gluten']);
      const cheese = await newIngredient('Mozzarella', ['milk']);
      const pesto = await newIngredient('Pesto', ['nuts', 'milk']);
      const dish = await newDish({
        name: 'Genovese',
        description: 'Pesto and cheese',
        categoryId: category.id,
        prepMinutes: 15,
        ingredientIds: [pesto.id, dough.id, cheese.id, dough.id],
        variations: [
          { name: 'Large', price: 1400, sortOrder: 2 },
          { name: 'Small', price: 900, sortOrder: 1 },
        ],
      });
      expect(dish).toMatchObject({
        stationId: null,
        prepMinutes: 15,
        allergens: ['gluten', 'milk', 'nuts'],
        variations: [
          { name: 'Small', price: 900, sortOrder: 1, available: true },
          { name: 'Large', price: 1400, sortOrder: 2, available: true },
        ],
      });
      expect([...dish.ingredientIds].sort()).toEqual([dough.id, cheese.id, pesto.id].sort());

      // A change of an ingredient's allergens shows in the dish.
      await api()
        .patch(`/api/v1/ingredients/${dough.id}`)
        .send({ allergens: ['gluten', 'eggs'] })
        .expect(200);
      const read = await api().get(`/api/v1/dishes/${dish.id}`);
      expect(read.body.allergens).toEqual(['eggs', 'gluten', 'milk', 'nuts']);

      // Replacing the ingredients replaces the allergens.
      const updated = await api()
        .patch(`/api/v1/dishes/${dish.id}`)
        .send({ ingredientIds: [cheese.id] });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ ingredientIds: [cheese.id], allergens: ['milk'] });
    });

    it('updates a dish and lists dishes filtered by category and station', async () => {
      const drinks = await newCategory('Drinks');
      const bar = await newStation('Bar');
      const cola = await newDish({ name: 'Cola', categoryId: drinks.id, stationId: bar.id, price: 300 });
      const tea = await newDish({ name: 'Tea', categoryId: drinks.id, price: 250 });

      const updated = await api()
        .patch(`/api/v1/dishes/${tea.id}`)
        .send({ name: 'Green tea', description: 'Sencha', stationId: bar.id, prepMinutes: 3 });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({
        ...tea,
        name: 'Green tea',
        description: 'Sencha',
        stationId: bar.id,
        prepMinutes: 3,
      });

      const waiter = await newWaiter(app());
      const byCategory = await as(app(), waiter.session).get(`/api/v1/dishes?categoryId=${drinks.id}`);
      expect(byCategory.status).toBe(200);
      expect(byCategory.body).toEqual({
        items: [cola, updated.body],
        page: 1,
        perPage: 20,
        total: 2,
        pages: 1,
      });
      const paged = await api().get(`/api/v1/dishes?stationId=${bar.id}&perPage=1&page=2`);
      expect(paged.body).toEqual({ items: [updated.body], page: 2, perPage: 1, total: 2, pages: 2 });

      const cleared = await api().patch(`/api/v1/dishes/${tea.id}`).send({ stationId: null });
      expect(cleared.body.stationId).toBeNull();
    });

    it('soft-deletes a dish: the row stays, but it is hidden everywhere', async () => {
      const dish = await newDish({ name: 'Retired', categoryId: category.id, price: 500 });
      await api().delete(`/api/v1/dishes/${dish.id}`).expect(204);
      await api().get(`/api/v1/dishes/${dish.id}`).expect(404);
      await api().get(`/api/v1/dishes/${dish.id}/variations`).expect(404);
      await api().patch(`/api/v1/dishes/${dish.id}`).send({ name: 'Back' }).expect(404);
      await api().patch(`/api/v1/dishes/${dish.id}/availability`).send({ available: false }).expect(404);
      await api().delete(`/api/v1/dishes/${dish.id}`).expect(404);
      const list = await api().get(`/api/v1/dishes?categoryId=${category.id}&perPage=100`);
      expect(list.body.items.map((d: { id: string }) => d.id)).not.toContain(dish.id);
      const rows = await app().dataSource.query<Array<{ deleted_at: unknown }>>(
        `SELECT deleted_at FROM dishes WHERE id = '${dish.id}'`,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0].deleted_at).not.toBeNull();
    });
  });

  describe('variations', () => {
    let category: Json;

    beforeAll(async () => {
      category = await newCategory('Coffee');
    });

    it('adds, lists, updates and deletes variations; never the last one', async () => {
      const dish = await newDish({ name: 'Latte', categoryId: category.id, price: 350 });
      const regular = dish.variations[0];

      const large = await api()
        .post(`/api/v1/dishes/${dish.id}/variations`)
        .send({ name: 'Large', price: 450, sortOrder: 5 });
      expect(large.status).toBe(201);
      expect(large.body).toEqual({
        id: expect.any(String),
        name: 'Large',
        price: 450,
        available: true,
        sortOrder: 5,
        stockCount: null,
        hqKey: null,
      });

      const clash = await api()
        .post(`/api/v1/dishes/${dish.id}/variations`)
        .send({ name: 'large', price: 1 });
      expect(clash.status).toBe(409);
      expect(clash.body.error.code).toBe('CONFLICT');
      const renameClash = await api()
        .patch(`/api/v1/dishes/${dish.id}/variations/${large.body.id}`)
        .send({ name: 'Regular' });
      expect(renameClash.status).toBe(409);

      const list = await api().get(`/api/v1/dishes/${dish.id}/variations`);
      expect(list.body).toEqual({ items: [regular, large.body], page: 1, perPage: 20, total: 2, pages: 1 });

      const updated = await api()
        .patch(`/api/v1/dishes/${dish.id}/variations/${large.body.id}`)
        .send({ name: 'Grande', price: 500 });
      expect(updated.body).toEqual({ ...large.body, name: 'Grande', price: 500 });

      await api().delete(`/api/v1/dishes/${dish.id}/variations/${regular.id}`).expect(204);
      await api().patch(`/api/v1/dishes/${dish.id}/variations/${regular.id}`).send({ price: 1 }).expect(404);
      const last = await api().delete(`/api/v1/dishes/${dish.id}/variations/${large.body.id}`);
      expect(last.status).toBe(409);
      expect(last.body.error.code).toBe('CONFLICT');

      const read = await api().get(`/api/v1/dishes/${dish.id}`);
      expect(read.body.variations).toEqual([updated.body]);
      // A deleted variation's name is free again; the deleted row stays.
      await api()
        .post(`/api/v1/dishes/${dish.id}/variations`)
        .send({ name: 'Regular', price: 360 })
        .expect(201);
      const [{ n }] = await app().dataSource.query<Array<{ n: string | number }>>(
        `SELECT COUNT(*) AS n FROM dish_variations WHERE dish_id = '${dish.id}'`,
      );
      expect(Number(n)).toBe(3);
    });

    it('answers 404 for an unknown dish or variation', async () => {
      const dish = await newDish({ name: 'Mocha', categoryId: category.id, price: 400 });
      const unknown = '00000000-0000-4000-8000-000000000000';
      await api().get(`/api/v1/dishes/${unknown}`).expect(404);
      await api().post(`/api/v1/dishes/${unknown}/variations`).send({ name: 'A', price: 1 }).expect(404);
      await api().patch(`/api/v1/dishes/${dish.id}/variations/${unknown}`).send({ price: 1 }).expect(404);
      await api().delete(`/api/v1/dishes/${dish.id}/variations/${unknown}`).expect(404);
      await api()
        .patch(`/api/v1/dishes/${dish.id}/variations/${unknown}/availability`)
        .send({ available: false })
        .expect(404);
    });

    it('audits a price change with the variation before and after', async () => {
      const dish = await newDish({ name: 'Espresso', categoryId: category.id, price: 200 });
      const variation = dish.variations[0];
      await api()
        .patch(`/api/v1/dishes/${dish.id}/variations/${variation.id}`)
        .send({ price: 250 })
        .expect(200);
      const rows = (await auditOf('variation.price_changed')).filter(
        (row) => JSON.parse(row.after!).id === variation.id,
      );
      expect(rows).toHaveLength(1);
      expect(JSON.parse(rows[0].before!)).toEqual({ dishId: dish.id, ...variation, price: 200 });
      expect(JSON.parse(rows[0].after!)).toEqual({ dishId: dish.id, ...variation, price: 250 });

      const created = (await auditOf('dish.created')).find((row) => JSON.parse(row.after!).id === dish.id)!;
      expect(created.before).toBeNull();
      expect(JSON.parse(created.after!)).toEqual(dish);
    });
  });
});
