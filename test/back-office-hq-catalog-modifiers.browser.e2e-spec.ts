/**
 * Headquarters' modifier groups and tax mappings in a real browser (a service process with POS_ROLE=hq, a site in
 * group Berlin, a dish and a modifier group "Extras" already there): through the page alone, the admin adds a tax
 * mapping (after the refusal of a percent that is none, shown beside its field) and a modifier group with two
 * options, gives the dish both groups in an order of their choosing and the mapping, then, with the site chosen,
 * overrides an option's price change for the site alone, the mapping's percent for the group and takes the other
 * option off sale there; each reads "overridden here" or "overridden by group Berlin" beside its value, and
 * headquarters' API gives the site the same effective catalog. At the organisation's level the overrides are
 * listed; cleared, the option is on sale again. In German, every text from the German catalogues.
 */
import { CATALOGUES } from '../src/i18n/catalogues';
import { CHROMIUM, describeInBrowser, fillForm, keepScreenshots } from './support/browser';
import { chainInBrowser } from './support/chain-fixture';
import { SITE_IDENTITY } from './support/chain-sites';
import { as, loginAdmin, type Session } from './support/clients';
import { shownTexts, untranslated } from './support/untranslated';

/** The names typed here or made by the service (no language's words): allowed on a German page. */
const NAMES = [
  'My Restaurant',
  'Administrator',
  SITE_IDENTITY.name,
  'Berlin',
  'Pizza',
  'pizza',
  'Margherita',
  'margherita',
  'Regular',
  'margherita-regular',
  'Sauce',
  'sauce',
  'BBQ',
  'sauce-bbq',
  'Garlic',
  'sauce-garlic',
  'Extras',
  'extras',
  'Olives',
  'extras-olives',
  'Food',
  'food',
];

interface Effective {
  dishes: Array<{ hqKey: string; modifierGroupKeys: string[]; taxRateKey: string | null }>;
  modifierGroups: Array<{
    hqKey: string;
    options: Array<{ hqKey: string; priceDelta: number; available: boolean }>;
    overridden: Array<{ field: string; hqKey: string; scope: { siteId?: string; groupId?: string } }>;
  }>;
  taxRates: Array<{
    hqKey: string;
    percent: number;
    overridden: Array<{ field: string; scope: { siteId?: string; groupId?: string } }>;
  }>;
}

describeInBrowser(`Headquarters' modifier groups and tax mappings in a real browser (${CHROMIUM})`, () => {
  const chain = chainInBrowser([]);
  let hqAdmin: Session;
  let siteId: string;
  let groupId: string;

  beforeAll(async () => {
    const { hq } = chain;
    hqAdmin = await loginAdmin(hq);
    const api = as(hq, hqAdmin);
    groupId = (await api.post('/api/v1/hq/site-groups').send({ name: 'Berlin' }).expect(201)).body.id;
    const added = await api
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, groupIds: [groupId] })
      .expect(201);
    siteId = added.body.site.id;
    await api.put('/api/v1/hq/catalog/categories/pizza').send({ name: 'Pizza' }).expect(200);
    await api
      .put('/api/v1/hq/catalog/dishes/margherita')
      .send({
        name: 'Margherita',
        categoryKey: 'pizza',
        variations: [{ hqKey: 'margherita-regular', name: 'Regular', price: 990 }],
      })
      .expect(200);
    await api
      .put('/api/v1/hq/catalog/modifier-groups/extras')
      .send({
        name: 'Extras',
        maxChoices: 3,
        options: [{ hqKey: 'extras-olives', name: 'Olives', priceDelta: 100 }],
      })
      .expect(200);
  });

  it('adds a tax mapping and a modifier group, gives them to a dish, and overrides them for a site', async () => {
    const { page, problems } = await chain.backOffice(chain.hq.url, 'catalog');
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'Modifier groups', level: 2 }).waitFor();
    await page.getByText('No tax mapping yet.').waitFor();

    // A tax mapping: a percent that is none is refused beside its field, then saved.
    const taxForm = page.locator('form#hq-tax-mapping');
    await fillForm(page, 'hq-tax-mapping', {
      'Mapping key': 'food',
      'Mapping name': 'Food',
      Percent: 'seven',
    });
    await taxForm.getByRole('button', { name: 'Save the tax mapping' }).click();
    await page.locator('#hq-tax-mapping-percent-error').filter({ hasText: 'is not a percent' }).waitFor();
    await fillForm(page, 'hq-tax-mapping', { Percent: '7' });
    await taxForm.getByRole('button', { name: 'Save the tax mapping' }).click();
    const taxes = page.getByRole('table', { name: 'Tax mappings' });
    const food = taxes.getByRole('row').filter({ hasText: 'food' });
    await food.filter({ hasText: 'Food' }).filter({ hasText: '7%' }).waitFor();

    // A modifier group with two options, one free of charge and one taking money off.
    await fillForm(page, 'hq-modifier-group', {
      'Group key': 'sauce',
      'Group name': 'Sauce',
      'At least': '1',
      'At most': '1',
      'Option 1 key': 'sauce-bbq',
      'Option 1 name': 'BBQ',
      'Option 1 price change (EUR)': '0.50',
      'Option 2 key': 'sauce-garlic',
      'Option 2 name': 'Garlic',
      'Option 2 price change (EUR)': '-0.20',
    });
    await page
      .locator('form#hq-modifier-group')
      .getByRole('button', { name: 'Save the modifier group' })
      .click();
    const sauce = page.getByRole('table', { name: 'Sauce', exact: true });
    const bbq = sauce.getByRole('row').filter({ hasText: 'sauce-bbq' });
    const garlic = sauce.getByRole('row').filter({ hasText: 'sauce-garlic' });
    await bbq.filter({ hasText: '+€0.50' }).filter({ hasText: 'yes' }).waitFor();
    await garlic.filter({ hasText: '−€0.20' }).waitFor();
    await page.locator('[data-key="sauce"] h3').filter({ hasText: 'choose 1 to 1' }).waitFor();
    expect(await sauce.getByRole('row').first().textContent()).not.toContain('Inheritance');

    // The dish takes both groups, Sauce first, and the mapping.
    await page.getByRole('button', { name: 'Edit Margherita' }).click();
    await page.getByRole('heading', { name: 'Edit Margherita' }).waitFor();
    const dishForm = page.locator('form#hq-dish');
    await dishForm.getByRole('button', { name: 'Add Extras' }).click();
    await dishForm.getByRole('button', { name: 'Add Sauce' }).click();
    await dishForm.getByRole('button', { name: 'Move Sauce up' }).click();
    const picked = dishForm.getByRole('list', { name: 'Modifier groups (in order) chosen' });
    expect(await picked.getByRole('listitem').allTextContents()).toEqual([
      expect.stringContaining('Sauce'),
      expect.stringContaining('Extras'),
    ]);
    await fillForm(page, 'hq-dish', { 'Tax mapping': 'Food (7%)' });
    await dishForm.getByRole('button', { name: 'Save the dish' }).click();
    const margherita = page
      .getByRole('table', { name: 'Pizza' })
      .getByRole('row')
      .filter({ hasText: 'Regular' });
    await margherita
      .filter({ hasText: 'modifier groups Sauce, Extras' })
      .filter({ hasText: 'tax Food (7%)' })
      .waitFor();
    await keepScreenshots(page, 'back-office-hq-modifiers-master');

    // At the site: everything inherited, until overridden.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: SITE_IDENTITY.name });
    await page.getByText(`What ${SITE_IDENTITY.name} gets now`).waitFor();
    await bbq.filter({ hasText: '+€0.50' }).filter({ hasText: 'inherited' }).waitFor();
    await food.filter({ hasText: '7%' }).filter({ hasText: 'inherited' }).waitFor();

    // The BBQ sauce's price change for this site alone.
    await page.getByRole('button', { name: 'Override the price of Sauce — BBQ' }).click();
    await page.getByRole('heading', { name: 'A price for Sauce — BBQ' }).waitFor();
    const overrideForm = page.locator('form#hq-override');
    await fillForm(page, 'hq-override', {
      For: `This site only (${SITE_IDENTITY.name})`,
      'Price change (EUR)': '0.80',
    });
    await overrideForm.getByRole('button', { name: 'Save the override' }).click();
    await bbq.filter({ hasText: '+€0.80' }).filter({ hasText: 'overridden here' }).waitFor();
    await overrideForm.waitFor({ state: 'detached' });
    expect(await garlic.textContent()).toContain('inherited');

    // The mapping's percent for the group: the dish is taxed by it there.
    await page.getByRole('button', { name: 'Override the percent of Food' }).click();
    await fillForm(page, 'hq-override', { For: 'Every site of group Berlin', Percent: '10' });
    await overrideForm.getByRole('button', { name: 'Save the override' }).click();
    await food.filter({ hasText: '10%' }).filter({ hasText: 'overridden by group Berlin' }).waitFor();
    await margherita.filter({ hasText: 'tax Food (10%)' }).waitFor();

    // The garlic sauce off sale at this site, in one click.
    await page.getByRole('button', { name: 'Take Sauce — Garlic off sale' }).click();
    await garlic.filter({ hasText: 'no · overridden here' }).filter({ hasText: '−€0.20' }).waitFor();
    await page.getByRole('button', { name: 'Put Sauce — Garlic on sale' }).waitFor();
    await keepScreenshots(page, 'back-office-hq-modifiers-site');

    // Headquarters' API gives the site what the page shows.
    const effective = (
      await as(chain.hq, hqAdmin).get(`/api/v1/hq/sites/${siteId}/effective-catalog`).expect(200)
    ).body as Effective;
    expect(effective.dishes.find((dish) => dish.hqKey === 'margherita')).toMatchObject({
      modifierGroupKeys: ['sauce', 'extras'],
      taxRateKey: 'food',
    });
    const sauceThere = effective.modifierGroups.find((group) => group.hqKey === 'sauce')!;
    expect(sauceThere.options).toEqual([
      expect.objectContaining({ hqKey: 'sauce-bbq', priceDelta: 80, available: true }),
      expect.objectContaining({ hqKey: 'sauce-garlic', priceDelta: -20, available: false }),
    ]);
    expect(sauceThere.overridden).toEqual(
      expect.arrayContaining([
        { field: 'price', hqKey: 'sauce-bbq', scope: { siteId } },
        { field: 'available', hqKey: 'sauce-garlic', scope: { siteId } },
      ]),
    );
    expect(sauceThere.overridden).toHaveLength(2);
    expect(effective.taxRates).toEqual([
      {
        hqKey: 'food',
        name: 'Food',
        percent: 10,
        overridden: [{ field: 'percent', hqKey: 'food', scope: { groupId } }],
      },
    ]);

    // At the organisation's level: the master values, and the overrides with whose they are.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Organisation (master catalog)' });
    await bbq.filter({ hasText: '+€0.50' }).waitFor();
    const overrides = page.getByRole('table', { name: 'Overrides' }).getByRole('row');
    await overrides
      .filter({ hasText: 'Option: Sauce — BBQ' })
      .filter({ hasText: `site ${SITE_IDENTITY.name}` })
      .filter({ hasText: '+€0.80' })
      .waitFor();
    await overrides
      .filter({ hasText: 'Tax mapping: Food' })
      .filter({ hasText: 'group Berlin' })
      .filter({ hasText: '10%' })
      .waitFor();
    await overrides.filter({ hasText: 'Sauce — Garlic' }).filter({ hasText: 'on sale: no' }).waitFor();

    // Back at the site, the garlic sauce's override cleared: on sale again, as the organisation has it.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: SITE_IDENTITY.name });
    await page.getByRole('button', { name: 'Clear the on-sale override of Sauce — Garlic' }).click();
    await garlic.filter({ hasText: 'yes' }).waitFor();
    expect(await garlic.textContent()).not.toContain('overridden');

    // In German: every text from the German catalogues.
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await page.getByRole('heading', { name: 'Optionsgruppen', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Steuerzuordnungen', level: 2 }).waitFor();
    await bbq.filter({ hasText: 'hier abweichend' }).waitFor();
    await page
      .getByRole('table', { name: 'Steuerzuordnungen' })
      .getByRole('row')
      .filter({ hasText: 'abweichend durch Gruppe Berlin' })
      .waitFor();
    await keepScreenshots(page, 'back-office-hq-modifiers-de');
    const german = [CATALOGUES.screens, CATALOGUES.backOffice];
    expect(untranslated(await shownTexts(page), german, NAMES)).toEqual([]);
    await page.getByLabel('Anzeigen', { exact: true }).selectOption({ label: 'Organisation (Stammkatalog)' });
    await page.getByRole('heading', { name: 'Optionsgruppe anlegen oder ersetzen' }).waitFor();
    expect(untranslated(await shownTexts(page), german, NAMES)).toEqual([]);

    expect(problems).toEqual([]);
  });
});
