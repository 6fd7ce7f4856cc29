import { as, loginAdmin, newKitchen, newManager, newWaiter, Session } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON of any shape, asserted by the test
type Json = any;

interface EventRow {
  type: string;
  data: string;
}

interface AuditRow {
  action: string;
  before: string | null;
  after: string | null;
}

describe('Menu', () => {
  let t: TestApp;
  let admin: Session;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAdmin(t);
  });

  afterAll(() => t.close());

  const api = () => as(t, admin);

  async function create(path: string, body: object): Promise<Json> {
    const response = await api().post(path).send(body);
    if (response.status !== 201)
      throw new Error(`POST ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  const newCategory = (name: string, extra: object = {}) => create('/api/v1/categories', { name, ...extra });
  const newStation = (name: string) => create('/api/v1/stations', { name });
  const newIngredient = (name: string, allergens: string[] = []) =>
    create('/api/v1/ingredients', { name, allergens });
  const newDish = (body: object) => create('/api/v1/dishes', body);

  const count = async (table: string): Promise<number> => {
    const [row] = await t.dataSource.query<Array<{ n: string | number }>>(
      `SELECT COUNT(*) AS n FROM ${table}`,
    );
    return Number(row.n);
  };

  const events = async (type = 'menu.availability_changed') =>
    (await t.dataSource.query<EventRow[]>('SELECT type, data FROM events ORDER BY seq'))
      .filter((row) => row.type === type)
      .map((row): unknown => JSON.parse(row.data));

  const auditOf = async (action: string) =>
    (await t.dataSource.query<AuditRow[]>('SELECT action, before, after FROM audit_log')).filter(
      (row) => row.action === action,
    );

  /** The fields named in a 422's details, each once, in order. */
  const fields = (body: { error: { details: Array<{ field: string }> } }) => [
    ...new Set(body.error.details.map((detail) => detail.field)),
  ];

  describe('categories', () => {
    it('creates, reads, lists, updates and deletes a category', async () => {
      const created = await newCategory('  Desserts ', { sortOrder: 90 });
      expect(created).toEqual({ id: expect.any(String), name: 'Desserts', sortOrder: 90, active: true });

      await api().get(`/api/v1/categories/${created.id}`).expect(200, created);
      const updated = await api()
        .patch(`/api/v1/categories/${created.id}`)
        .send({ name: 'Sweets', active: false });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({ ...created, name: 'Sweets', active: false });

      const waiter = await newWaiter(t);
      const list = await as(t, waiter.session).get('/api/v1/categories?perPage=100');
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, perPage: 100, total: expect.any(Number) });
      expect(list.body.items).toContainEqual(updated.body);
      const inactive = await api().get('/api/v1/categories?active=false');
      expect(inactive.body.items.map((c: { id: string }) => c.id)).toContain(created.id);

      await api().delete(`/api/v1/categories/${created.id}`).expect(204);
      const gone = await api().get(`/api/v1/categories/${created.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.error.code).toBe('NOT_FOUND');
      await api().delete(`/api/v1/categories/${created.id}`).expect(404);

      const audits = await auditOf('category.updated');
      const audit = audits.find((row) => JSON.parse(row.after!).id === created.id)!;
      expect(JSON.parse(audit.before!)).toEqual(created);
      const deleted = (await auditOf('category.deleted')).find(
        (row) => JSON.parse(row.before!).id === created.id,
      )!;
      expect(deleted.after).toBeNull();
    });

    it('validates names and sortOrder, writing nothing', async () => {
      const before = await count('categories');
      for (const body of [{ name: '' }, { name: 'x'.repeat(101) }, { name: 'A', sortOrder: 1.5 }, {}]) {
        const response = await api().post('/api/v1/categories').send(body);
        expect(response.status).toBe(422);
        expect(response.body.error.code).toBe('VALIDATION_ERROR');
      }
      const nulls = await api()
        .post('/api/v1/categories')
        .send({ name: 'Ok', sortOrder: null, active: 'yes' });
      expect(fields(nulls.body).sort()).toEqual(['active', 'sortOrder']);
      expect(await count('categories')).toBe(before);
    });

    it('refuses to delete a category that a dish uses (409)', async () => {
      const category = await newCategory('Used');
      const dish = await newDish({ name: 'Plate', categoryId: category.id, price: 100 });
      const refused = await api().delete(`/api/v1/categories/${category.id}`);
      expect(refused.status).toBe(409);
      expect(refused.body.error.code).toBe('CONFLICT');
      await api().delete(`/api/v1/dishes/${dish.id}`).expect(204);
      await api().delete(`/api/v1/categories/${category.id}`).expect(204);
    });
  });

  describe('stations', () => {
    it('creates, lists, renames and deletes a station; 409 while a dish uses it', async () => {
      const station = await newStation('Grill');
      expect(station).toEqual({ id: expect.any(String), name: 'Grill' });
      const kitchen = await newKitchen(t);
      const list = await as(t, kitchen.session).get('/api/v1/stations?perPage=100');
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(station);

      const renamed = await api().patch(`/api/v1/stations/${station.id}`).send({ name: 'Charcoal grill' });
      expect(renamed.body).toEqual({ id: station.id, name: 'Charcoal grill' });

      const category = await newCategory('Grill dishes');
      const dish = await newDish({
        name: 'Steak',
        categoryId: category.id,
        stationId: station.id,
        price: 2500,
      });
      await api().delete(`/api/v1/stations/${station.id}`).expect(409);
      await api().delete(`/api/v1/dishes/${dish.id}`).expect(204);
      await api().delete(`/api/v1/stations/${station.id}`).expect(204);
      await api().patch(`/api/v1/stations/${station.id}`).send({ name: 'x' }).expect(404);
    });
  });

  describe('ingredients and allergens', () => {
    it('lists the EU 14 allergens publicly', async () => {
      const response = await t.http().get('/api/v1/allergens');
      expect(response.status).toBe(200);
      expect(response.body).toHaveLength(14);
      expect(response.body.map((a: { code: string }) => a.code).sort()).toEqual(
        [
          'gluten',
          'crustaceans',
          'eggs',
          'fish',
          'peanuts',
          'soybeans',
          'milk',
          'nuts',
          'celery',
          'mustard',
          'sesame',
          'sulphites',
          'lupin',
          'molluscs',
        ].sort(),
      );
      expect(response.body).toContainEqual({ code: 'milk', name: 'Milk' });
    });

    it('creates, reads, updates and deletes an ingredient', async () => {
      const flour = await newIngredient('Flour', ['gluten', 'gluten']);
      expect(flour).toEqual({ id: expect.any(String), name: 'Flour', allergens: ['gluten'] });
      const waiter = await newWaiter(t);
      await as(t, waiter.session).get(`/api/v1/ingredients/${flour.id}`).expect(200, flour);
      const list = await as(t, waiter.session).get('/api/v1/ingredients?perPage=100');
      expect(list.body.items).toContainEqual(flour);

      const updated = await api()
        .patch(`/api/v1/ingredients/${flour.id}`)
        .send({ allergens: ['sesame', 'gluten'] });
      expect(updated.body).toEqual({ ...flour, allergens: ['gluten', 'sesame'] });
      await api().delete(`/api/v1/ingredients/${flour.id}`).expect(204);
      await api().get(`/api/v1/ingredients/${flour.id}`).expect(404);
    });

    it('refuses an unknown allergen with 422', async () => {
      const before = await count('ingredients');
      const response = await api()
        .post('/api/v1/ingredients')
        .send({ name: 'Mystery', allergens: ['gluten', 'pineapple'] });
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['allergens']);
      expect(await count('ingredients')).toBe(before);
    });

    it('refuses to delete an ingredient a live dish uses (409)', async () => {
      const category = await newCategory('Ingredient users');
      const egg = await newIngredient('Egg', ['eggs']);
      const dish = await newDish({
        name: 'Omelette',
        categoryId: category.id,
        price: 700,
        ingredientIds: [egg.id],
      });
      await api().delete(`/api/v1/ingredients/${egg.id}`).expect(409);
      await api().delete(`/api/v1/dishes/${dish.id}`).expect(204);
      await api().delete(`/api/v1/ingredients/${egg.id}`).expect(204);
    });
  });

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
          { id: expect.any(String), name: 'Regular', price: 45000, available: true, sortOrder: 0 },
        ],
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

    it('needs either price or variations, not both and not neither, writing nothing', async () => {
      const before = await count('dishes');
      const neither = await api().post('/api/v1/dishes').send({ name: 'Nothing', categoryId: category.id });
      expect(neither.status).toBe(422);
      expect(fields(neither.body)).toEqual(['price']);
      const both = await api()
        .post('/api/v1/dishes')
        .send({ name: 'Both', categoryId: category.id, price: 100, variations: [{ name: 'A', price: 100 }] });
      expect(both.status).toBe(422);
      expect(fields(both.body)).toEqual(['variations']);
      const empty = await api()
        .post('/api/v1/dishes')
        .send({ name: 'Empty', categoryId: category.id, variations: [] });
      expect(empty.status).toBe(422);
      const nestedList = await api()
        .post('/api/v1/dishes')
        .send({ name: 'Nested', categoryId: category.id, variations: [[]] });
      expect(nestedList.status).toBe(422);
      expect(fields(nestedList.body)).toEqual(['variations']);
      const twins = await api()
        .post('/api/v1/dishes')
        .send({
          name: 'Twins',
          categoryId: category.id,
          variations: [
            { name: 'Big', price: 1 },
            { name: 'big', price: 2 },
          ],
        });
      expect(twins.status).toBe(422);
      expect(fields(twins.body)).toEqual(['variations[1].name']);
      expect(await count('dishes')).toBe(before);
      expect(await count('dish_variations')).toBeGreaterThanOrEqual(0);
    });

    it('refuses negative, fractional and string prices with 422, writing nothing', async () => {
      const dishes = await count('dishes');
      const variations = await count('dish_variations');
      for (const price of [-1, 1.5, '10', 100_000_001, null]) {
        const response = await api()
          .post('/api/v1/dishes')
          .send({ name: 'Bad', categoryId: category.id, price });
        expect(response.status).toBe(422);
        expect(fields(response.body)).toContain('price');
        const inline = await api()
          .post('/api/v1/dishes')
          .send({ name: 'Bad', categoryId: category.id, variations: [{ name: 'X', price }] });
        expect(inline.status).toBe(422);
        expect(fields(inline.body)).toContain('variations[0].price');
      }
      const dish = await newDish({ name: 'Priced', categoryId: category.id, price: 0 });
      const variation = dish.variations[0];
      for (const price of [-1, 1.5, '10']) {
        const patch = await api()
          .patch(`/api/v1/dishes/${dish.id}/variations/${variation.id}`)
          .send({ price });
        expect(patch.status).toBe(422);
        const post = await api().post(`/api/v1/dishes/${dish.id}/variations`).send({ name: 'New', price });
        expect(post.status).toBe(422);
      }
      expect(await count('dishes')).toBe(dishes + 1);
      expect(await count('dish_variations')).toBe(variations + 1);
      const read = await api().get(`/api/v1/dishes/${dish.id}`);
      expect(read.body.variations).toEqual([variation]);
    });

    it('answers 422 naming the field for unknown category, station or ingredients', async () => {
      const before = await count('dishes');
      const response = await api()
        .post('/api/v1/dishes')
        .send({
          name: 'Ghost',
          categoryId: '00000000-0000-4000-8000-000000000000',
          stationId: '00000000-0000-4000-8000-000000000001',
          ingredientIds: ['00000000-0000-4000-8000-000000000002'],
          price: 100,
        });
      expect(response.status).toBe(422);
      expect(fields(response.body)).toEqual(['categoryId', 'stationId', 'ingredientIds']);
      expect(await count('dishes')).toBe(before);

      const dish = await newDish({ name: 'Real', categoryId: category.id, price: 100 });
      const patch = await api().patch(`/api/v1/dishes/${dish.id}`).send({ stationId: 'nope' });
      expect(patch.status).toBe(422);
      expect(fields(patch.body)).toEqual(['stationId']);
    });

    it('validates the other dish fields', async () => {
      const response = await api()
        .post('/api/v1/dishes')
        .send({
          name: '',
          description: 'x'.repeat(1001),
          categoryId: category.id,
          prepMinutes: 601,
          price: 1,
          extra: true,
        });
      expect(response.status).toBe(422);
      expect(fields(response.body).sort()).toEqual(['description', 'extra', 'name', 'prepMinutes']);
      const dish = await newDish({ name: 'Valid', categoryId: category.id, price: 1 });
      const nulls = await api().patch(`/api/v1/dishes/${dish.id}`).send({ name: null, prepMinutes: -1 });
      expect(nulls.status).toBe(422);
      expect(fields(nulls.body).sort()).toEqual(['name', 'prepMinutes']);
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

      const waiter = await newWaiter(t);
      const byCategory = await as(t, waiter.session).get(`/api/v1/dishes?categoryId=${drinks.id}`);
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
      const rows = await t.dataSource.query<Array<{ deleted_at: unknown }>>(
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
      const [{ n }] = await t.dataSource.query<Array<{ n: string | number }>>(
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

  describe('roles', () => {
    it('lets neither waiters nor kitchen staff nor managers write the menu', async () => {
      const category = await newCategory('Role checks');
      const dish = await newDish({ name: 'Protected', categoryId: category.id, price: 100 });
      const variationId = dish.variations[0].id;
      for (const member of [await newWaiter(t), await newKitchen(t), await newManager(t)]) {
        const client = as(t, member.session);
        const attempts = [
          client.post('/api/v1/categories').send({ name: 'Sneaky' }),
          client.patch(`/api/v1/categories/${category.id}`).send({ name: 'Sneaky' }),
          client.delete(`/api/v1/categories/${category.id}`),
          client.post('/api/v1/stations').send({ name: 'Sneaky' }),
          client.post('/api/v1/ingredients').send({ name: 'Sneaky' }),
          client.post('/api/v1/dishes').send({ name: 'Sneaky', categoryId: category.id, price: 1 }),
          client.patch(`/api/v1/dishes/${dish.id}`).send({ name: 'Sneaky' }),
          client.delete(`/api/v1/dishes/${dish.id}`),
          client.post(`/api/v1/dishes/${dish.id}/variations`).send({ name: 'Sneaky', price: 1 }),
          client.patch(`/api/v1/dishes/${dish.id}/variations/${variationId}`).send({ price: 1 }),
          client.delete(`/api/v1/dishes/${dish.id}/variations/${variationId}`),
        ];
        for (const attempt of attempts) {
          const response = await attempt;
          expect(response.status).toBe(403);
          expect(response.body.error.code).toBe('FORBIDDEN');
        }
        // Reading is for any staff.
        await client.get(`/api/v1/dishes/${dish.id}`).expect(200);
        await client.get('/api/v1/dishes').expect(200);
      }
      const read = await api().get(`/api/v1/dishes/${dish.id}`);
      expect(read.body).toEqual(dish);
    });

    it('needs a login for staff reads but not for /menu or /allergens', async () => {
      await t.http().get('/api/v1/dishes').expect(401);
      await t.http().get('/api/v1/categories').expect(401);
      await t.http().get('/api/v1/menu').expect(200);
      await t.http().get('/api/v1/allergens').expect(200);
    });
  });

  describe('availability ("86")', () => {
    let category: Json;

    beforeAll(async () => {
      category = await newCategory('Specials');
    });

    it('lets kitchen and manager 86 a dish, raising exactly one event per change', async () => {
      const dish = await newDish({ name: 'Fish of the day', categoryId: category.id, price: 1800 });
      const kitchen = await newKitchen(t);
      const manager = await newManager(t);
      const before = (await events()).length;

      const off = await as(t, kitchen.session)
        .patch(`/api/v1/dishes/${dish.id}/availability`)
        .send({ available: false });
      expect(off.status).toBe(200);
      expect(off.body).toEqual({ ...dish, available: false });
      expect((await events()).slice(before)).toEqual([{ dishId: dish.id, available: false }]);

      // No change, no event.
      await as(t, manager.session)
        .patch(`/api/v1/dishes/${dish.id}/availability`)
        .send({ available: false })
        .expect(200);
      expect((await events()).length).toBe(before + 1);

      const on = await as(t, manager.session)
        .patch(`/api/v1/dishes/${dish.id}/availability`)
        .send({ available: true });
      expect(on.body.available).toBe(true);
      expect((await events()).slice(before)).toEqual([
        { dishId: dish.id, available: false },
        { dishId: dish.id, available: true },
      ]);

      const audits = (await auditOf('dish.availability_changed')).filter(
        (row) => JSON.parse(row.after!).id === dish.id,
      );
      expect(
        audits.map((row): unknown[] => [JSON.parse(row.before!).available, JSON.parse(row.after!).available]),
      ).toEqual([
        [true, false],
        [false, true],
      ]);
    });

    it('86es one variation with its own event, and answers the dish', async () => {
      const dish = await newDish({
        name: 'Soup',
        categoryId: category.id,
        variations: [
          { name: 'Cup', price: 400 },
          { name: 'Bowl', price: 700 },
        ],
      });
      const bowl = dish.variations.find((v: { name: string }) => v.name === 'Bowl');
      const kitchen = await newKitchen(t);
      const before = (await events()).length;
      const off = await as(t, kitchen.session)
        .patch(`/api/v1/dishes/${dish.id}/variations/${bowl.id}/availability`)
        .send({ available: false });
      expect(off.status).toBe(200);
      expect(off.body.id).toBe(dish.id);
      expect(off.body.variations.find((v: { id: string }) => v.id === bowl.id).available).toBe(false);
      await as(t, kitchen.session)
        .patch(`/api/v1/dishes/${dish.id}/variations/${bowl.id}/availability`)
        .send({ available: false })
        .expect(200);
      expect((await events()).slice(before)).toEqual([
        { dishId: dish.id, variationId: bowl.id, available: false },
      ]);
      const [row] = await t.dataSource.query<Array<{ audience: string }>>(
        "SELECT audience FROM events WHERE type = 'menu.availability_changed' ORDER BY seq DESC",
      );
      expect(JSON.parse(row.audience)).toEqual({
        roles: expect.arrayContaining(['admin', 'manager', 'waiter', 'kitchen']),
        customers: 'all',
        integrations: true,
      });
    });

    it('refuses a waiter (403) and bad input (422), with no event', async () => {
      const dish = await newDish({ name: 'Pie', categoryId: category.id, price: 600 });
      const waiter = await newWaiter(t);
      const before = (await events()).length;
      const refused = await as(t, waiter.session)
        .patch(`/api/v1/dishes/${dish.id}/availability`)
        .send({ available: false });
      expect(refused.status).toBe(403);
      await as(t, waiter.session)
        .patch(`/api/v1/dishes/${dish.id}/variations/${dish.variations[0].id}/availability`)
        .send({ available: false })
        .expect(403);
      const bad = await api().patch(`/api/v1/dishes/${dish.id}/availability`).send({ available: 'no' });
      expect(bad.status).toBe(422);
      expect(fields(bad.body)).toEqual(['available']);
      expect((await events()).length).toBe(before);
      await api().get(`/api/v1/dishes/${dish.id}`).expect(200, dish);
    });
  });

  describe('GET /menu', () => {
    it('shows only what can be ordered, sorted, with a strong ETag and 304 revalidation', async () => {
      const cheese = await newIngredient('Cheddar', ['milk']);
      const bun = await newIngredient('Bun', ['gluten', 'sesame']);
      const grill = await newStation('Menu grill');
      const mains = await newCategory('Menu mains', { sortOrder: -50 });
      const starters = await newCategory('Menu starters', { sortOrder: -100 });
      const hidden = await newCategory('Menu hidden', { sortOrder: -200, active: false });
      const empty = await newCategory('Menu empty', { sortOrder: -150 });

      const burger = await newDish({
        name: 'Burger',
        categoryId: mains.id,
        stationId: grill.id,
        prepMinutes: 12,
        ingredientIds: [cheese.id, bun.id],
        variations: [
          { name: 'Double', price: 1500, sortOrder: 2 },
          { name: 'Single', price: 1100, sortOrder: 1 },
          { name: 'Kids', price: 700, sortOrder: 1 },
        ],
      });
      const apple = await newDish({
        name: 'Apple pie',
        categoryId: mains.id,
        price: 600,
        description: 'Warm',
      });
      const soldOut = await newDish({ name: 'Sold out', categoryId: mains.id, price: 100 });
      const deleted = await newDish({ name: 'Deleted', categoryId: mains.id, price: 100 });
      const allOff = await newDish({ name: 'All variations off', categoryId: mains.id, price: 100 });
      const soup = await newDish({ name: 'Soup', categoryId: starters.id, price: 500 });
      await newDish({ name: 'Secret', categoryId: hidden.id, price: 100 });
      const onlyDeleted = await newDish({ name: 'Gone', categoryId: empty.id, price: 100 });

      await api().patch(`/api/v1/dishes/${soldOut.id}/availability`).send({ available: false }).expect(200);
      await api().delete(`/api/v1/dishes/${deleted.id}`).expect(204);
      await api().delete(`/api/v1/dishes/${onlyDeleted.id}`).expect(204);
      await api()
        .patch(`/api/v1/dishes/${allOff.id}/variations/${allOff.variations[0].id}/availability`)
        .send({ available: false })
        .expect(200);
      const kids = burger.variations.find((v: { name: string }) => v.name === 'Kids');
      const single = burger.variations.find((v: { name: string }) => v.name === 'Single');
      const double = burger.variations.find((v: { name: string }) => v.name === 'Double');
      const extra = await api()
        .post(`/api/v1/dishes/${burger.id}/variations`)
        .send({ name: 'Triple', price: 1900, sortOrder: 3 });
      await api().delete(`/api/v1/dishes/${burger.id}/variations/${extra.body.id}`).expect(204);
      await api()
        .patch(`/api/v1/dishes/${burger.id}/variations/${kids.id}/availability`)
        .send({ available: false })
        .expect(200);

      const response = await t.http().get('/api/v1/menu');
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toMatch(/^application\/json/);
      expect(response.headers['cache-control']).toBe('no-cache');
      const etag = response.headers.etag;
      expect(etag).toMatch(/^"[0-9a-f]{64}"$/);

      const ours = response.body.categories.filter((c: { name: string }) => c.name.startsWith('Menu '));
      expect(ours).toEqual([
        {
          id: starters.id,
          name: 'Menu starters',
          sortOrder: -100,
          dishes: [
            {
              id: soup.id,
              name: 'Soup',
              description: '',
              allergens: [],
              prepMinutes: 10,
              stationId: null,
              variations: [{ id: soup.variations[0].id, name: 'Regular', price: 500, sortOrder: 0 }],
            },
          ],
        },
        {
          id: mains.id,
          name: 'Menu mains',
          sortOrder: -50,
          dishes: [
            {
              id: apple.id,
              name: 'Apple pie',
              description: 'Warm',
              allergens: [],
              prepMinutes: 10,
              stationId: null,
              variations: [{ id: apple.variations[0].id, name: 'Regular', price: 600, sortOrder: 0 }],
            },
            {
              id: burger.id,
              name: 'Burger',
              description: '',
              allergens: ['gluten', 'milk', 'sesame'],
              prepMinutes: 12,
              stationId: grill.id,
              variations: [
                { id: single.id, name: 'Single', price: 1100, sortOrder: 1 },
                { id: double.id, name: 'Double', price: 1500, sortOrder: 2 },
              ],
            },
          ],
        },
      ]);
      const sortOrders = response.body.categories.map((c: { sortOrder: number }) => c.sortOrder);
      expect(sortOrders).toEqual([...sortOrders].sort((a, b) => a - b));

      // The ETag is the SHA-256 of the body as sent.
      const { createHash } = await import('node:crypto');
      expect(etag).toBe(`"${createHash('sha256').update(response.text).digest('hex')}"`);

      const notModified = await t.http().get('/api/v1/menu').set('If-None-Match', etag);
      expect(notModified.status).toBe(304);
      expect(notModified.text).toBeFalsy();
      expect(notModified.headers.etag).toBe(etag);
      await t.http().get('/api/v1/menu').set('If-None-Match', '"something-else"').expect(200);

      // Any visible change changes the ETag, and the old one no longer answers 304.
      await api()
        .patch(`/api/v1/dishes/${burger.id}/variations/${single.id}`)
        .send({ price: 1150 })
        .expect(200);
      const changed = await t.http().get('/api/v1/menu').set('If-None-Match', etag);
      expect(changed.status).toBe(200);
      expect(changed.headers.etag).not.toBe(etag);
      expect(JSON.stringify(changed.body)).toContain('1150');

      // Deactivating a category hides it.
      await api().patch(`/api/v1/categories/${starters.id}`).send({ active: false }).expect(200);
      const afterDeactivation = await t.http().get('/api/v1/menu');
      expect(afterDeactivation.body.categories.map((c: { id: string }) => c.id)).not.toContain(starters.id);
    });
  });

  it('describes every menu route in the OpenAPI spec', async () => {
    const spec = (await t.http().get('/docs-json').expect(200)).body;
    const paths = Object.keys(spec.paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/categories',
        '/api/v1/categories/{id}',
        '/api/v1/stations',
        '/api/v1/stations/{id}',
        '/api/v1/ingredients',
        '/api/v1/ingredients/{id}',
        '/api/v1/allergens',
        '/api/v1/dishes',
        '/api/v1/dishes/{id}',
        '/api/v1/dishes/{id}/availability',
        '/api/v1/dishes/{id}/variations',
        '/api/v1/dishes/{id}/variations/{variationId}',
        '/api/v1/dishes/{id}/variations/{variationId}/availability',
        '/api/v1/menu',
      ]),
    );
    expect(spec.paths['/api/v1/dishes/{id}/availability'].patch['x-roles']).toEqual([
      'manager',
      'admin',
      'kitchen',
    ]);
    expect(spec.paths['/api/v1/menu'].get['x-public']).toBe(true);
    expect(spec.components.schemas).toEqual(
      expect.objectContaining({
        DishView: expect.any(Object),
        CreateDishInput: expect.any(Object),
        MenuView: expect.any(Object),
      }),
    );
  });
});
