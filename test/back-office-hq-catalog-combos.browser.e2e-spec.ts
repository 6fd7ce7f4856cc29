/**
 * Headquarters' combos in a real browser (a service process with POS_ROLE=hq, one site, categories "Pizza" and
 * "Drinks" with a Margherita of two variations, a Cola and a Lemonade already there): through the page alone, the
 * admin makes a combo dish with two slots, choices picked from the catalog's plain dishes with their upcharges;
 * a slot asking at least more than at most is refused beside its field, then it saves, and the dish list reads its
 * slots and choices. Edited, the form is filled with them and offers no combo as a choice. With the site chosen and
 * the Lemonade left off there, the list shows the site's combo, without it. Headquarters' API agrees. In German,
 * the site's own word for a combo ("Menü").
 */
import { CHROMIUM, describeInBrowser, fillForm, keepScreenshots } from './support/browser';
import { chainInBrowser } from './support/chain-fixture';
import { SITE_IDENTITY } from './support/chain-sites';
import { as, loginAdmin, type Session } from './support/clients';

/** What is read here of a dish of headquarters' catalog, or of a site's effective one. */
interface DishRead {
  hqKey: string;
  combo: { slots: Array<{ name: string; choices: Array<{ dishKey: string }> }> } | null;
}

const COMBO = {
  slots: [
    {
      name: 'Pizza',
      minChoices: 1,
      maxChoices: 1,
      choices: [
        { dishKey: 'margherita', variationKey: 'margherita-regular', upcharge: 0 },
        { dishKey: 'margherita', variationKey: 'margherita-large', upcharge: 250 },
      ],
    },
    {
      name: 'Drink',
      minChoices: 1,
      maxChoices: 1,
      choices: [
        { dishKey: 'cola', variationKey: 'cola-regular', upcharge: 0 },
        { dishKey: 'lemonade', variationKey: 'lemonade-regular', upcharge: 50 },
      ],
    },
  ],
};

describeInBrowser(`Headquarters' combos in a real browser (${CHROMIUM})`, () => {
  const chain = chainInBrowser([]);
  let hqAdmin: Session;
  let siteId: string;

  beforeAll(async () => {
    const { hq } = chain;
    hqAdmin = await loginAdmin(hq);
    const api = as(hq, hqAdmin);
    siteId = (await api.post('/api/v1/hq/sites').send(SITE_IDENTITY).expect(201)).body.site.id;
    await api.put('/api/v1/hq/catalog/categories/pizza').send({ name: 'Pizza' }).expect(200);
    await api.put('/api/v1/hq/catalog/categories/drinks').send({ name: 'Drinks' }).expect(200);
    await api
      .put('/api/v1/hq/catalog/dishes/margherita')
      .send({
        name: 'Margherita',
        categoryKey: 'pizza',
        variations: [
          { hqKey: 'margherita-regular', name: 'Regular', price: 990 },
          { hqKey: 'margherita-large', name: 'Large', price: 1290 },
        ],
      })
      .expect(200);
    for (const [key, name] of [
      ['cola', 'Cola'],
      ['lemonade', 'Lemonade'],
    ])
      await api
        .put(`/api/v1/hq/catalog/dishes/${key}`)
        .send({
          name,
          categoryKey: 'drinks',
          variations: [{ hqKey: `${key}-regular`, name: 'Regular', price: 350 }],
        })
        .expect(200);
  });

  it('makes a combo dish with two slots, refusing a slot whose least is above its most', async () => {
    const { page, problems } = await chain.backOffice(chain.hq.url, 'catalog');
    const form = page.locator('form#hq-dish');
    await page.getByRole('heading', { name: 'Add or replace a dish', level: 2 }).waitFor();
    // Off by default: a plain dish, no slot fields.
    const isCombo = form.getByLabel('A combo: guests choose from each slot', { exact: true });
    expect(await isCombo.isChecked()).toBe(false);
    expect(await form.getByLabel('Slot 1 name', { exact: true }).count()).toBe(0);

    await fillForm(page, 'hq-dish', {
      'Dish key': 'lunch-menu',
      'Dish name': 'Lunch menu',
      Category: 'Pizza',
      'Variation 1 key': 'lunch-menu-regular',
      'Variation 1 name': 'Regular',
      'Variation 1 price (EUR)': '12.90',
    });
    await isCombo.check();
    const choices = (slot: number) => form.getByRole('group', { name: `Slot ${slot} choices` });
    const pick = (slot: number, name: string) =>
      choices(slot)
        .getByRole('button', { name: `Add ${name}`, exact: true })
        .click();

    // The choices are the catalog's plain dishes, a variation each.
    expect(await choices(1).getByRole('list', { name: 'Slot 1 choices to add' }).textContent()).toBe(
      ['Cola', 'Lemonade', 'Margherita · Regular', 'Margherita · Large'].join(''),
    );
    await fillForm(page, 'hq-dish', {
      'Slot 1 name': 'Pizza',
      'Slot 1 at least': '1',
      'Slot 1 at most': '1',
    });
    await pick(1, 'Margherita · Regular');
    await pick(1, 'Margherita · Large');
    await fillForm(page, 'hq-dish', { 'Slot 1: upcharge for Margherita · Large (EUR)': '2.50' });
    await form.getByRole('button', { name: 'Another slot' }).click();
    await fillForm(page, 'hq-dish', {
      'Slot 2 name': 'Drink',
      'Slot 2 at least': '2',
      'Slot 2 at most': '1',
    });
    await pick(2, 'Cola');
    await pick(2, 'Lemonade');
    await fillForm(page, 'hq-dish', { 'Slot 2: upcharge for Lemonade (EUR)': '0.50' });

    // At least 2 of at most 1: refused beside its field, nothing saved.
    await form.getByRole('button', { name: 'Save the dish' }).click();
    const refusal = page.locator('#hq-dish-combo-slots-1--minChoices-error');
    await refusal.filter({ hasText: 'must be at most maxChoices' }).waitFor();
    expect(await form.getByLabel('Slot 2 at least', { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    expect(await page.getByRole('cell', { name: /Lunch menu/ }).count()).toBe(0);
    await keepScreenshots(page, 'back-office-hq-combo-refused');

    await fillForm(page, 'hq-dish', { 'Slot 2 at least': '1' });
    await form.getByRole('button', { name: 'Save the dish' }).click();
    const pizza = page.getByRole('table', { name: 'Pizza' });
    const combo = pizza.locator('tr[data-key="lunch-menu-regular"] .hq-combo');
    await combo.waitFor();
    expect(await combo.textContent()).toBe(
      'Pizza: Margherita Regular, Margherita Large +€2.50 · Drink: Cola, Lemonade +€0.50',
    );
    // Saved, the form is a new plain dish's again.
    expect(await isCombo.isChecked()).toBe(false);
    await keepScreenshots(page, 'back-office-hq-combo-list');

    // Headquarters' API agrees.
    const api = as(chain.hq, hqAdmin);
    const catalog = (await api.get('/api/v1/hq/catalog').expect(200)).body as { dishes: DishRead[] };
    expect(catalog.dishes.find((dish) => dish.hqKey === 'lunch-menu')?.combo).toEqual(COMBO);
    expect(catalog.dishes.find((dish) => dish.hqKey === 'margherita')?.combo).toBeNull();

    // Edited: filled with its slots; the combo itself (a combo) is no choice.
    await page.getByRole('button', { name: 'Edit Lunch menu' }).click();
    await page.getByRole('heading', { name: 'Edit Lunch menu' }).waitFor();
    expect(await isCombo.isChecked()).toBe(true);
    expect(await form.getByLabel('Slot 2 name', { exact: true }).inputValue()).toBe('Drink');
    expect(
      await form.getByLabel('Slot 1: upcharge for Margherita · Large (EUR)', { exact: true }).inputValue(),
    ).toBe('2.50');
    expect(await choices(2).getByRole('list', { name: 'Slot 2 choices chosen' }).textContent()).toContain(
      'Lemonade',
    );
    await choices(1).getByLabel('Find one to add').fill('Lunch');
    expect(await choices(1).getByRole('button', { name: /^Add / }).count()).toBe(0);
    await page.locator('form#hq-dish').getByRole('button', { name: 'Cancel' }).click();

    // At the site, with the Lemonade left off there: the site's combo, without it.
    await api
      .put('/api/v1/hq/overrides')
      .send({ kind: 'dish', hqKey: 'lemonade', scope: { siteId }, absent: true })
      .expect(200);
    await page.getByLabel('Show', { exact: true }).selectOption({ label: SITE_IDENTITY.name });
    await page.getByText(`What ${SITE_IDENTITY.name} gets now`).waitFor();
    await combo
      .filter({ hasText: 'Pizza: Margherita Regular, Margherita Large +€2.50 · Drink: Cola' })
      .filter({ hasNotText: 'Lemonade' })
      .waitFor();
    const effective = (await api.get(`/api/v1/hq/sites/${siteId}/effective-catalog`).expect(200)).body as {
      dishes: DishRead[];
    };
    const there = effective.dishes.find((dish) => dish.hqKey === 'lunch-menu');
    expect(there?.combo?.slots[1].choices.map((choice) => choice.dishKey)).toEqual(['cola']);

    // In German: the site's own word for a combo.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Organisation (master catalog)' });
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await page.locator('form#hq-dish').getByRole('heading', { name: 'Menü', exact: true }).waitFor();
    await form.getByLabel('Ein Menü: Gäste wählen aus jeder Auswahl', { exact: true }).waitFor();
    await combo
      .filter({ hasText: 'Pizza: Margherita Regular, Margherita Large +2,50' })
      .filter({ hasText: 'Drink: Cola, Lemonade +0,50' })
      .waitFor();

    expect(problems).toEqual([]);
  });
});
