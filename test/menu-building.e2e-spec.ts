import { as, newKitchen, newWaiter } from './support/clients';
import { fields, menuSpec } from './support/menu-fixture';

describe('Building the menu: categories, stations, ingredients', () => {
  const { app, api, newCategory, newStation, newIngredient, newDish, count, auditOf } = menuSpec();

  describe('categories', () => {
    it('creates, reads, lists, updates and deletes a category', async () => {
      const created = await newCategory('  Desserts ', { sortOrder: 90 });
      expect(created).toEqual({
        id: expect.any(String),
        name: 'Desserts',
        sortOrder: 90,
        active: true,
        taxRateIds: [],
        scheduleId: null,
        hqKey: null,
      });

      await api().get(`/api/v1/categories/${created.id}`).expect(200, created);
      const updated = await api()
        .patch(`/api/v1/categories/${created.id}`)
        .send({ name: 'Sweets', active: false });
      expect(updated.status).toBe(200);
      expect(updated.body).toEqual({ ...created, name: 'Sweets', active: false });

      const waiter = await newWaiter(app());
      const list = await as(app(), waiter.session).get('/api/v1/categories?perPage=100');
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
      expect(station).toEqual({
        id: expect.any(String),
        name: 'Grill',
        warnAfterMinutes: 5,
        lateAfterMinutes: 8,
        hqKey: null,
      });
      const kitchen = await newKitchen(app());
      const list = await as(app(), kitchen.session).get('/api/v1/stations?perPage=100');
      expect(list.status).toBe(200);
      expect(list.body.items).toContainEqual(station);

      const renamed = await api().patch(`/api/v1/stations/${station.id}`).send({ name: 'Charcoal grill' });
      expect(renamed.body).toEqual({ ...station, name: 'Charcoal grill' });

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
      const response = await app().http().get('/api/v1/allergens');
      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({ page: 1, total: 14, pages: 1 });
      expect(response.body.items.map((a: { code: string }) => a.code).sort()).toEqual(
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
      expect(response.body.items).toContainEqual({ code: 'milk', name: 'Milk' });
    });

    it('creates, reads, updates and deletes an ingredient', async () => {
      const flour = await newIngredient('Flour', ['gluten', 'gluten']);
      // A new ingredient is in grams with no stock and no levels until inventory sets them.
      expect(flour).toEqual({
        id: expect.any(String),
        name: 'Flour',
        allergens: ['gluten'],
        baseUnit: 'g',
        packUnits: [],
        costPerThousand: 0,
        storageArea: null,
        onHand: 0,
        par: null,
        reorderPoint: null,
        lowThreshold: null,
        available: true,
      });
      const waiter = await newWaiter(app());
      await as(app(), waiter.session).get(`/api/v1/ingredients/${flour.id}`).expect(200, flour);
      const list = await as(app(), waiter.session).get('/api/v1/ingredients?perPage=100');
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
});
