import { as, newKitchen, newManager, newWaiter } from './support/clients';
import { fields, Json, menuSpec } from './support/menu-fixture';

describe('Menu rules: what a write must hold, and who may write', () => {
  const { app, api, newCategory, newDish, count } = menuSpec();

  describe('dishes', () => {
    let category: Json;

    beforeAll(async () => {
      category = await newCategory('Pizza');
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
  });

  describe('roles', () => {
    it('lets neither waiters nor kitchen staff nor managers write the menu', async () => {
      const category = await newCategory('Role checks');
      const dish = await newDish({ name: 'Protected', categoryId: category.id, price: 100 });
      const variationId = dish.variations[0].id;
      for (const member of [await newWaiter(app()), await newKitchen(app()), await newManager(app())]) {
        const client = as(app(), member.session);
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
      await app().http().get('/api/v1/dishes').expect(401);
      await app().http().get('/api/v1/categories').expect(401);
      await app().http().get('/api/v1/menu').expect(200);
      await app().http().get('/api/v1/allergens').expect(200);
    });
  });

  it('describes every menu route in the OpenAPI spec', async () => {
    const spec = (await app().http().get('/docs-json').expect(200)).body;
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
    expect(spec.paths['/api/v1/dishes/{id}/availability'].patch['x-access'].roles).toEqual([
      'manager',
      'admin',
      'kitchen',
    ]);
    expect(spec.paths['/api/v1/menu'].get['x-access'].anyone).toBe(true);
    expect(spec.components.schemas).toEqual(
      expect.objectContaining({
        DishView: expect.any(Object),
        CreateDishInput: expect.any(Object),
        MenuView: expect.any(Object),
      }),
    );
  });
});
