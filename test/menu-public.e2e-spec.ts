import { frontDoorAsRouted } from './support/front-door';
import { menuSpec } from './support/menu-fixture';

describe('GET /menu', () => {
  const { app, api, newCategory, newStation, newIngredient, newDish } = menuSpec();

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

    const response = await app().http().get('/api/v1/menu');
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
            variations: [
              {
                id: soup.variations[0].id,
                name: 'Regular',
                price: 500,
                listPrice: 500,
                priceRuleId: null,
                priceRuleName: null,
                levels: [],
                sortOrder: 0,
              },
            ],
            modifierGroups: [],
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
            variations: [
              {
                id: apple.variations[0].id,
                name: 'Regular',
                price: 600,
                listPrice: 600,
                priceRuleId: null,
                priceRuleName: null,
                levels: [],
                sortOrder: 0,
              },
            ],
            modifierGroups: [],
          },
          {
            id: burger.id,
            name: 'Burger',
            description: '',
            allergens: ['gluten', 'milk', 'sesame'],
            prepMinutes: 12,
            stationId: grill.id,
            variations: [
              {
                id: single.id,
                name: 'Single',
                price: 1100,
                listPrice: 1100,
                priceRuleId: null,
                priceRuleName: null,
                levels: [],
                sortOrder: 1,
              },
              {
                id: double.id,
                name: 'Double',
                price: 1500,
                listPrice: 1500,
                priceRuleId: null,
                priceRuleName: null,
                levels: [],
                sortOrder: 2,
              },
            ],
            modifierGroups: [],
          },
        ],
      },
    ]);
    const sortOrders = response.body.categories.map((c: { sortOrder: number }) => c.sortOrder);
    expect(sortOrders).toEqual([...sortOrders].sort((a, b) => a - b));

    // The ETag is the SHA-256 of the body as sent.
    const { createHash } = await import('node:crypto');
    expect(etag).toBe(`"${createHash('sha256').update(response.text).digest('hex')}"`);

    const notModified = await app().http().get('/api/v1/menu').set('If-None-Match', etag);
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBeFalsy();
    expect(notModified.headers.etag).toBe(etag);
    await app().http().get('/api/v1/menu').set('If-None-Match', '"something-else"').expect(200);

    // Any visible change changes the ETag, and the old one no longer answers 304.
    await api()
      .patch(`/api/v1/dishes/${burger.id}/variations/${single.id}`)
      .send({ price: 1150 })
      .expect(200);
    const changed = await app().http().get('/api/v1/menu').set('If-None-Match', etag);
    expect(changed.status).toBe(200);
    expect(changed.headers.etag).not.toBe(etag);
    expect(JSON.stringify(changed.body)).toContain('1150');

    // Deactivating a category hides it.
    await api().patch(`/api/v1/categories/${starters.id}`).send({ active: false }).expect(200);
    const afterDeactivation = await app().http().get('/api/v1/menu');
    expect(afterDeactivation.body.categories.map((c: { id: string }) => c.id)).not.toContain(starters.id);
  });

  it('answers at the front door, ahead of Express, with what every reply carries, and the same bytes through the router', async () => {
    const direct = await frontDoorAsRouted(app(), '/api/v1/menu');
    expect(direct.headers['content-security-policy']).toContain("default-src 'self'");
    const revalidations = async () => {
      const metrics = await app().http().get('/metrics').expect(200);
      const line = /http_requests_total\{method="GET",route="\/api\/v1\/menu",status="304"\} (\d+)/;
      return Number(line.exec(metrics.text)?.[1] ?? 0);
    };
    const before = await revalidations();
    await app()
      .http()
      .get('/api/v1/menu')
      .set('If-None-Match', direct.headers.etag)
      .expect(304)
      .expect('x-content-type-options', 'nosniff');
    expect(await revalidations()).toBe(before + 1);
  });
});
