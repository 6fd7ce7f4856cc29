import type { HqCatalogDocument } from '../src/menu/hq-catalog/hq-catalog-document';
import { burger, GRILL, hqCatalogFixture, MAINS, salad } from './support/hq-catalog-fixture';
import { Json, menuSpec } from './support/menu-fixture';

/**
 * Headquarters' modifier groups, options and tax mappings applied on a site (HqCatalogApplier), next to
 * menu-hq-catalog.e2e-spec.ts: made, matched by hqKey, renamed, HQ-owned fields refused, the site's own kept.
 */

describe("Headquarters' modifier groups and tax mappings applied on a site", () => {
  const { app, api, count } = menuSpec();

  const { apply, dishByKey, eventsOf } = hqCatalogFixture(app, api);

  describe('modifier groups, options and tax mappings', () => {
    const SAUCE = {
      hqKey: 'grp-sauce',
      name: 'Sauce',
      minChoices: 0,
      maxChoices: 2,
      options: [
        { hqKey: 'opt-bbq', name: 'BBQ', priceDelta: 50, sortOrder: 0, available: true },
        { hqKey: 'opt-mayo', name: 'Mayo', priceDelta: 0, sortOrder: 1, available: true },
      ],
    };
    const FOOD = { hqKey: 'tax-food', name: 'Food', percent: 7 };
    const WITH_GROUPS: HqCatalogDocument = {
      categories: [MAINS],
      stations: [GRILL],
      dishes: [burger({ modifierGroupKeys: ['grp-sauce'], taxRateKey: 'tax-food' }), salad],
      modifierGroups: [SAUCE],
      taxRates: [FOOD],
    };
    interface GroupBody {
      id: string;
      name: string;
      hqKey: string | null;
      maxChoices: number;
      options: Array<{
        id: string;
        name: string;
        priceDelta: number;
        available: boolean;
        hqKey: string | null;
      }>;
    }
    const groupByKey = async (hqKey: string): Promise<GroupBody> => {
      const [row] = await app().dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM modifier_groups WHERE hq_key = $1',
        [hqKey],
      );
      return (await api().get(`/api/v1/modifier-groups/${row.id}`).expect(200)).body as GroupBody;
    };
    const rateByKey = async (hqKey: string): Promise<Json> => {
      const [row] = await app().dataSource.query<Array<{ id: string }>>(
        'SELECT id FROM tax_rates WHERE hq_key = $1',
        [hqKey],
      );
      return (await api().get(`/api/v1/tax-rates/${row.id}`).expect(200)).body;
    };

    it('makes the groups, options and tax rates, offers them on the dish, and matches them by hqKey next time', async () => {
      const applied = await apply(WITH_GROUPS);
      expect(applied).toMatchObject({
        modifierGroups: { created: 1, updated: 0, removed: 0 },
        modifierOptions: { created: 2, updated: 0, removed: 0 },
      });
      const group = await groupByKey('grp-sauce');
      expect(group).toMatchObject({ name: 'Sauce', minChoices: 0, maxChoices: 2, hqKey: 'grp-sauce' });
      expect(group.options.map((option) => [option.name, option.priceDelta, option.hqKey])).toEqual([
        ['BBQ', 50, 'opt-bbq'],
        ['Mayo', 0, 'opt-mayo'],
      ]);
      const rate = await rateByKey('tax-food');
      expect(rate).toMatchObject({
        name: 'Food',
        percent: 7,
        hqKey: 'tax-food',
        active: true,
        isDefault: false,
      });
      const dish = await dishByKey('dish-burger');
      expect(dish).toMatchObject({ taxRateIds: [rate.id], modifierGroupIds: [group.id] });
      const salad = await dishByKey('dish-salad');
      expect(salad.taxRateIds).toEqual([]);
      const menuBody = (await app().http().get('/api/v1/menu').expect(200)).body as {
        categories: Array<{ dishes: Array<{ name: string; modifierGroups: GroupBody[] }> }>;
      };
      const shownBurger = menuBody.categories.flatMap((c) => c.dishes).find((d) => d.name === 'Burger')!;
      expect(shownBurger.modifierGroups.map((g) => [g.hqKey, g.options.map((o) => o.hqKey)])).toEqual([
        ['grp-sauce', ['opt-bbq', 'opt-mayo']],
      ]);

      // Again: nothing changes, nothing is duplicated.
      expect(await apply(WITH_GROUPS)).toMatchObject({ created: 0, updated: 0, removed: 0 });
      expect(await count('modifier_groups')).toBe(1);
      expect(await count('modifier_options')).toBe(2);
      expect(await count('tax_rates')).toBe(1);
    });

    it("refuses changes to what headquarters owns (409 MANAGED_BY_HQ), changing nothing, and takes the site's own", async () => {
      const group = await groupByKey('grp-sauce');
      const [bbq, mayo] = group.options;
      const rate = await rateByKey('tax-food');
      const refused: Array<[Promise<{ status: number; body: Json }>, string]> = [
        [api().patch(`/api/v1/modifier-groups/${group.id}`).send({ name: 'Dips' }), 'name'],
        [api().patch(`/api/v1/modifier-groups/${group.id}`).send({ maxChoices: 3 }), 'maxChoices'],
        [api().delete(`/api/v1/modifier-groups/${group.id}`), 'delete'],
        [api().post(`/api/v1/modifier-groups/${group.id}/options`).send({ name: 'Ketchup' }), 'options'],
        [
          api().patch(`/api/v1/modifier-groups/${group.id}/options/${bbq.id}`).send({ priceDelta: 80 }),
          'priceDelta',
        ],
        [
          api().patch(`/api/v1/modifier-groups/${group.id}/options/${mayo.id}`).send({ name: 'Aioli' }),
          'name',
        ],
        [api().delete(`/api/v1/modifier-groups/${group.id}/options/${mayo.id}`), 'delete'],
        [api().patch(`/api/v1/tax-rates/${rate.id}`).send({ percent: 19 }), 'percent'],
        [api().patch(`/api/v1/tax-rates/${rate.id}`).send({ name: 'Essen' }), 'name'],
        [api().delete(`/api/v1/tax-rates/${rate.id}`), 'delete'],
      ];
      for (const [request, field] of refused) {
        const response = await request;
        expect(response.status).toBe(409);
        expect(response.body.error.code).toBe('MANAGED_BY_HQ');
        expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toEqual([field]);
      }
      expect(await groupByKey('grp-sauce')).toEqual(group);
      expect(await rateByKey('tax-food')).toEqual(rate);

      // The site keeps its 86 of an option, the same values sent again, and its own groups on the HQ dish.
      await api()
        .patch(`/api/v1/modifier-groups/${group.id}/options/${mayo.id}/availability`)
        .send({ available: false })
        .expect(200);
      await api()
        .patch(`/api/v1/modifier-groups/${group.id}`)
        .send({ name: 'Sauce', minChoices: 0 })
        .expect(200);
      await api().patch(`/api/v1/tax-rates/${rate.id}`).send({ name: 'Food', percent: 7 }).expect(200);
      const own = (
        await api()
          .post('/api/v1/modifier-groups')
          .send({ name: 'Cooking', options: [{ name: 'Medium' }, { name: 'Well done' }] })
          .expect(201)
      ).body as GroupBody;
      await api().patch(`/api/v1/modifier-groups/${own.id}`).send({ name: 'Doneness' }).expect(200);
      const dish = await dishByKey('dish-burger');
      await api()
        .patch(`/api/v1/dishes/${dish.id}`)
        .send({ modifierGroupIds: [group.id, own.id] })
        .expect(200);
    });

    it('renames, reprices and reorders on the next publication, keeping ids, the site’s 86 and its own group', async () => {
      const group = await groupByKey('grp-sauce');
      const rate = await rateByKey('tax-food');
      const own = (await api().get('/api/v1/modifier-groups').expect(200)).body.items.find(
        (g: GroupBody) => g.name === 'Doneness',
      ) as GroupBody;
      const offBefore = (await eventsOf('menu.availability_changed')).length;
      const next: HqCatalogDocument = {
        ...WITH_GROUPS,
        modifierGroups: [
          {
            ...SAUCE,
            name: 'Sauces',
            maxChoices: 3,
            // The two options swap names (no clash half-way), BBQ is repriced and taken off sale, a new one comes.
            options: [
              { hqKey: 'opt-bbq', name: 'Mayo', priceDelta: 70, sortOrder: 0, available: false },
              { hqKey: 'opt-mayo', name: 'BBQ', priceDelta: 0, sortOrder: 1, available: true },
              { hqKey: 'opt-chili', name: 'Chili', priceDelta: 30, sortOrder: 2, available: true },
            ],
          },
        ],
        taxRates: [{ ...FOOD, name: 'Food reduced', percent: 5.5 }],
      };
      expect(await apply(next)).toMatchObject({
        modifierGroups: { created: 0, updated: 1, removed: 0 },
        modifierOptions: { created: 1, updated: 2, removed: 0 },
      });
      const after = await groupByKey('grp-sauce');
      expect(after.id).toBe(group.id);
      expect(after).toMatchObject({ name: 'Sauces', maxChoices: 3 });
      expect(after.options.map((o) => [o.id, o.name, o.priceDelta, o.available])).toEqual([
        [group.options[0].id, 'Mayo', 70, false],
        [group.options[1].id, 'BBQ', 0, false],
        [expect.any(String), 'Chili', 30, true],
      ]);
      expect((await eventsOf('menu.availability_changed')).slice(offBefore)).toEqual([
        { optionId: group.options[0].id, groupId: group.id, available: false },
      ]);
      expect(await rateByKey('tax-food')).toMatchObject({ id: rate.id, name: 'Food reduced', percent: 5.5 });
      expect((await dishByKey('dish-burger')).modifierGroupIds).toEqual([group.id, own.id]);

      // A group no longer published goes with its options, off the HQ dish; the site's own group stays.
      expect(await apply({ ...next, dishes: [burger(), salad], modifierGroups: [] })).toMatchObject({
        modifierGroups: { removed: 1 },
      });
      expect(await count('modifier_groups')).toBe(1);
      expect((await dishByKey('dish-burger')).modifierGroupIds).toEqual([own.id]);
      // The dish names no tax mapping any more: it keeps the rates it has, the site's to change.
      expect((await dishByKey('dish-burger')).taxRateIds).toEqual([rate.id]);
      await apply(next);
      expect((await dishByKey('dish-burger')).modifierGroupIds).toEqual([expect.any(String), own.id]);
    });

    it('refuses a document naming a group or tax mapping it does not have, or out of bounds, and writes nothing', async () => {
      const groups = await count('modifier_groups');
      const options = await count('modifier_options');
      const rates = (await api().get('/api/v1/tax-rates').expect(200)).body;
      const cases: Array<[HqCatalogDocument, RegExp]> = [
        [
          { ...WITH_GROUPS, dishes: [burger({ modifierGroupKeys: ['grp-nowhere'] })] },
          /dishes\[0\]\.modifierGroupKeys\[0\] names the modifier group "grp-nowhere"/,
        ],
        [
          { ...WITH_GROUPS, dishes: [burger({ taxRateKey: 'tax-nowhere' })] },
          /dishes\[0\]\.taxRateKey names the tax mapping "tax-nowhere"/,
        ],
        [
          { ...WITH_GROUPS, taxRates: [{ ...FOOD, percent: 101 }] },
          /taxRates\[0\]\.percent must be a percent from 0 to 100/,
        ],
        [
          { ...WITH_GROUPS, modifierGroups: [{ ...SAUCE, minChoices: 3 }] },
          /modifierGroups\[0\]\.minChoices must not exceed maxChoices/,
        ],
        [
          {
            ...WITH_GROUPS,
            modifierGroups: [{ ...SAUCE, options: [SAUCE.options[0], { ...SAUCE.options[1], name: 'bbq' }] }],
          },
          /modifierGroups\[0\]\.options\[1\]\.name repeats the name/,
        ],
        [
          {
            ...WITH_GROUPS,
            modifierGroups: [{ ...SAUCE, options: [{ ...SAUCE.options[0], priceDelta: 1.5 }] }],
          },
          /modifierGroups\[0\]\.options\[0\]\.priceDelta must be an amount in minor units/,
        ],
      ];
      for (const [document, reason] of cases) {
        await expect(apply(document)).rejects.toMatchObject({ code: 'VALIDATION_ERROR', message: reason });
      }
      expect(await count('modifier_groups')).toBe(groups);
      expect(await count('modifier_options')).toBe(options);
      expect((await api().get('/api/v1/tax-rates').expect(200)).body).toEqual(rates);
    });
  });
});
