/**
 * Headquarters' catalog screens in a real browser (a service process with POS_ROLE=hq): the admin adds a group
 * with a site in it (linked, through the site's API, to a restaurant) and a site outside it (never linked), a
 * category and two stations, a dish with two variations and one with one; chooses the grouped site and sees each
 * price inherited, overrides one price for the group and sees it "overridden by group", leaves the other dish off
 * for that site alone, moves the first dish to the other station there ("overridden here"), takes it off sale there
 * ("off sale · overridden here"), clears that on its row and sees it on sale and inherited again, then takes it off
 * sale once more; reads the overrides, clears the dish's (station and sale state) and sees both inherited again;
 * publishes, and sees the version listed with both sites
 * pending, then, without a reload, the linked site's applied (its menu has the group's price) while the other
 * stays pending. Headquarters' API is called only to read the site's effective catalog beside the page's.
 */
import { CATALOGUES } from '../src/i18n/catalogues';
import { CHROMIUM, describeInBrowser, fillForm, keepScreenshots } from './support/browser';
import { chainInBrowser, HQ_NAVIGATION } from './support/chain-fixture';
import { as, loginAdmin } from './support/clients';
import { shownTexts, untranslated } from './support/untranslated';

/** The names typed here or made by the service (no language's words): allowed on a German page. */
const NAMES = [
  'My Restaurant',
  'Administrator',
  'Zur Linde, Mitte',
  'Zur Linde, Hafen',
  'Berlin',
  'Pizza',
  'pizza',
  'Oven',
  'oven',
  'Grill',
  'grill',
  'Margherita',
  'margherita',
  'Marinara',
  'marinara',
  'Small',
  'Large',
  'Regular',
  'margherita-small',
  'margherita-large',
  'marinara.regular',
  'Autumn menu',
];

/** A dish of a site's effective catalog, as far as its station and sale state are concerned. */
interface EffectiveDish {
  hqKey: string;
  stationKey: string | null;
  available: boolean;
  overridden: Array<{ field: string; hqKey: string; scope: { siteId?: string; groupId?: string } }>;
}

describeInBrowser(`Headquarters' catalog in a real browser (${CHROMIUM})`, () => {
  const chain = chainInBrowser();

  it('builds the master catalog, overrides a price for a group, and publishes it', async () => {
    const { hq } = chain;
    const site = chain.sites[0].service;
    const { page, problems } = await chain.backOffice(hq.url, 'sites');
    await page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    const navigation = page.getByRole('navigation', { name: 'Screens' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual(HQ_NAVIGATION);

    // A group, and a site in it.
    await fillForm(page, 'site-group', { 'Group name': 'Berlin' });
    await page.locator('form#site-group').getByRole('button', { name: 'Add the group' }).click();
    await page.getByRole('table', { name: 'Site groups' }).getByText('Berlin').waitFor();
    await fillForm(page, 'site', {
      Name: 'Zur Linde, Mitte',
      'Time zone': 'Europe/Berlin',
      Currency: 'EUR',
      Country: 'Germany',
    });
    await page
      .locator('form#site')
      .getByLabel('Address (one line each)')
      .fill('Lindenstraße 1\n10115 Berlin');
    await page.locator('form#site').getByRole('checkbox', { name: 'Berlin' }).check();
    await page.locator('form#site').getByRole('button', { name: 'Add the site' }).click();
    const shownCode = page.getByLabel('The link code for Zur Linde, Mitte');
    await shownCode.waitFor();
    const siteAdmin = await loginAdmin(site);
    await as(site, siteAdmin)
      .post('/api/v1/hq-link')
      .send({ url: hq.url, code: (await shownCode.textContent())!.trim() })
      .expect(201);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    // A second site, in no group and never linked: it stays pending.
    await fillForm(page, 'site', {
      Name: 'Zur Linde, Hafen',
      'Time zone': 'Europe/Berlin',
      Currency: 'EUR',
      Country: 'Germany',
    });
    await page.locator('form#site').getByLabel('Address (one line each)').fill('Am Hafen 2\n20457 Hamburg');
    await page.locator('form#site').getByRole('button', { name: 'Add the site' }).click();
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await page
      .getByRole('list', { name: 'The sites' })
      .getByRole('listitem')
      .filter({ hasText: 'Hafen' })
      .waitFor();

    // The master catalog: a category, a station, a dish with two variations, one with one.
    await navigation.getByRole('link', { name: 'Catalog' }).click();
    await page.getByRole('heading', { name: 'Catalog', level: 1 }).waitFor();
    await page.getByText('Add a category first.').waitFor();
    await fillForm(page, 'hq-category', { 'Category key': 'pizza', 'Category name': 'Pizza' });
    await page.locator('form#hq-category').getByRole('button', { name: 'Save the category' }).click();
    await page
      .getByRole('table', { name: 'Categories' })
      .getByRole('row', { name: /pizza Pizza/ })
      .waitFor();
    await fillForm(page, 'hq-station', { 'Station key': 'oven', 'Station name': 'Oven' });
    await page.locator('form#hq-station').getByRole('button', { name: 'Save the station' }).click();
    await page.getByRole('table', { name: 'Stations' }).getByText('Oven', { exact: true }).waitFor();
    // No key typed: one is made from the name.
    await fillForm(page, 'hq-station', { 'Station name': 'Grill' });
    await page.locator('form#hq-station').getByRole('button', { name: 'Save the station' }).click();
    await page.getByRole('table', { name: 'Stations' }).getByText('Grill', { exact: true }).waitFor();

    const dishForm = page.locator('form#hq-dish');
    await fillForm(page, 'hq-dish', {
      'Dish key': 'margherita',
      'Dish name': 'Margherita',
      Station: 'Oven',
      'Variation 1 key': 'margherita-small',
      'Variation 1 name': 'Small',
      'Variation 1 price (EUR)': '8.50',
      'Variation 2 key': 'margherita-large',
      'Variation 2 name': 'Large',
      'Variation 2 price (EUR)': 'twelve',
    });
    // A price that is none: refused beside its field, and nothing saved.
    await dishForm.getByRole('button', { name: 'Save the dish' }).click();
    await page.locator('#hq-dish-variations-1--price-error').waitFor();
    await fillForm(page, 'hq-dish', { 'Variation 2 price (EUR)': '12.50' });
    await dishForm.getByRole('button', { name: 'Save the dish' }).click();
    const pizza = page.getByRole('table', { name: 'Pizza' });
    await pizza
      .getByRole('row')
      .filter({ hasText: 'margherita-large' })
      .filter({ hasText: '€12.50' })
      .waitFor();
    await pizza
      .getByRole('row')
      .filter({ hasText: 'margherita-small' })
      .filter({ hasText: '€8.50' })
      .waitFor();
    expect(await pizza.getByRole('row').first().textContent()).not.toContain('Inheritance');

    // A third variation row is added by its button, and a blank one is no variation. No key typed: the dish's
    // is made from its name, and its variation's from the dish's and its own.
    await dishForm.getByRole('button', { name: 'Another variation' }).click();
    await dishForm.getByLabel('Variation 3 key').waitFor();
    await fillForm(page, 'hq-dish', {
      'Dish name': 'Marinara',
      'Variation 1 name': 'Regular',
      'Variation 1 price (EUR)': '7',
    });
    await dishForm.getByRole('button', { name: 'Save the dish' }).click();
    await pizza
      .getByRole('row')
      .filter({ hasText: 'marinara.regular' })
      .filter({ hasText: '€7.00' })
      .waitFor();
    await keepScreenshots(page, 'back-office-hq-catalog-master');

    // The site's effective catalog: every price inherited until overridden.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Zur Linde, Mitte' });
    await page.getByText('What Zur Linde, Mitte gets now').waitFor();
    const large = pizza.getByRole('row').filter({ hasText: 'margherita-large' });
    const small = pizza.getByRole('row').filter({ hasText: 'margherita-small' });
    await large.filter({ hasText: 'inherited' }).waitFor();

    await page.getByRole('button', { name: 'Override the price of Margherita — Large' }).click();
    await page.getByRole('heading', { name: 'A price for Margherita — Large' }).waitFor();
    await fillForm(page, 'hq-override', { For: 'Every site of group Berlin', 'Price (EUR)': '11.00' });
    await page.locator('form#hq-override').getByRole('button', { name: 'Save the override' }).click();
    await large.filter({ hasText: '€11.00' }).filter({ hasText: 'overridden by group Berlin' }).waitFor();
    await small.filter({ hasText: '€8.50' }).filter({ hasText: 'inherited' }).waitFor();
    await page.locator('form#hq-override').waitFor({ state: 'detached' });

    // Marinara left off at this site alone.
    await page.getByRole('button', { name: 'Leave Marinara off' }).click();
    await fillForm(page, 'hq-override', { For: 'This site only (Zur Linde, Mitte)' });
    await page.locator('form#hq-override').getByRole('button', { name: 'Leave it off' }).click();
    const marinara = pizza.getByRole('row').filter({ hasText: 'marinara.regular' });
    await marinara.filter({ hasText: 'not at this site' }).waitFor();
    expect(await marinara.textContent()).not.toContain('€7.00');
    await page.getByRole('button', { name: 'Bring Marinara back' }).waitFor();

    // Margherita made at the grill at this site alone; headquarters' API names the site as where it comes from.
    await page.getByRole('button', { name: 'Override the station of Margherita' }).click();
    await page.getByRole('heading', { name: 'A station for Margherita' }).waitFor();
    await fillForm(page, 'hq-override', { For: 'This site only (Zur Linde, Mitte)', Station: 'Grill' });
    await page.locator('form#hq-override').getByRole('button', { name: 'Save the override' }).click();
    await small.filter({ hasText: 'station Grill · overridden here' }).waitFor();
    await page.locator('form#hq-override').waitFor({ state: 'detached' });
    const hqAdmin = await loginAdmin(hq);
    const sites = (await as(hq, hqAdmin).get('/api/v1/hq/sites').expect(200)).body.items as Array<{
      id: string;
      name: string;
    }>;
    const mitte = sites.find((each) => each.name === 'Zur Linde, Mitte')!;
    const margheritaAtMitte = async () => {
      const effective = await as(hq, hqAdmin)
        .get(`/api/v1/hq/sites/${mitte.id}/effective-catalog`)
        .expect(200);
      return (effective.body.dishes as EffectiveDish[]).find((dish) => dish.hqKey === 'margherita')!;
    };
    const moved = await margheritaAtMitte();
    expect(moved.stationKey).toBe('grill');
    expect(moved.overridden).toContainEqual({
      field: 'stationKey',
      hqKey: 'margherita',
      scope: { siteId: mitte.id },
    });

    // Margherita taken off sale at this site in one click: off sale there, overridden here, and so in the API.
    const offSale = small.filter({ hasText: 'off sale · overridden here' });
    await page.getByRole('button', { name: 'Take Margherita off sale' }).click();
    await offSale.waitFor();
    expect(await page.locator('form#hq-override').count()).toBe(0);
    const takenOff = await margheritaAtMitte();
    expect(takenOff.available).toBe(false);
    expect(takenOff.overridden).toContainEqual({
      field: 'available',
      hqKey: 'margherita',
      scope: { siteId: mitte.id },
    });
    await page.getByRole('button', { name: 'Put Margherita on sale' }).waitFor();
    await keepScreenshots(page, 'back-office-hq-catalog-site');

    // Cleared on its row: on sale again, inherited, and the station's override left as it was.
    await page.getByRole('button', { name: 'Clear the on-sale override of Margherita' }).click();
    await offSale.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Take Margherita off sale' }).waitFor();
    const about = small.locator('td.dish > span.muted');
    expect((await about.textContent())!.trim()).toBe('margherita · station Grill · overridden here');
    const backOn = await margheritaAtMitte();
    expect(backOn.available).toBe(true);
    expect(backOn.overridden.filter((each) => each.field === 'available')).toEqual([]);
    expect(backOn.stationKey).toBe('grill');

    // For the site's groups, the form asks for which; cancelled here.
    await page
      .getByRole('button', { name: 'Put Margherita on or off sale for a group of this site' })
      .click();
    await page.getByRole('heading', { name: 'Whether Margherita is on sale' }).waitFor();
    const scopes = page.locator('form#hq-override').getByLabel('For', { exact: true }).locator('option');
    expect(await scopes.allTextContents()).toContain('Every site of group Berlin');
    await page.locator('form#hq-override').getByRole('button', { name: 'Cancel' }).click();
    await page.locator('form#hq-override').waitFor({ state: 'detached' });
    // Off sale once more, for the overrides list to clear with the station.
    await page.getByRole('button', { name: 'Take Margherita off sale' }).click();
    await offSale.waitFor();

    // At the organisation's level: the master prices again, and both overrides with whose they are.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Organisation (master catalog)' });
    await large.filter({ hasText: '€12.50' }).waitFor();
    const overrides = page.getByRole('table', { name: 'Overrides' });
    await overrides
      .getByRole('row')
      .filter({ hasText: 'group Berlin' })
      .filter({ hasText: '€11.00' })
      .waitFor();
    await overrides
      .getByRole('row')
      .filter({ hasText: 'site Zur Linde, Mitte' })
      .filter({ hasText: 'left off' })
      .waitFor();

    // The dish's override cleared there: Margherita's station and sale state are the organisation's again.
    const stationOverride = overrides
      .getByRole('row')
      .filter({ hasText: 'station: Grill' })
      .filter({ hasText: 'on sale: no' });
    await stationOverride.filter({ hasText: 'site Zur Linde, Mitte' }).waitFor();
    await page
      .getByRole('button', { name: 'Clear the override of Margherita (site Zur Linde, Mitte)', exact: true })
      .click();
    await stationOverride.waitFor({ state: 'detached' });
    const inherited = await margheritaAtMitte();
    expect(inherited.stationKey).toBe('oven');
    expect(inherited.available).toBe(true);
    expect(inherited.overridden.filter((each) => ['stationKey', 'available'].includes(each.field))).toEqual(
      [],
    );

    // Published: version 1, each site's state shown once opened; the unlinked site stays pending, the linked one
    // applies it at its next contact, which the list shows without a reload.
    await navigation.getByRole('link', { name: 'Publications' }).click();
    await page.getByRole('heading', { name: 'Publications', level: 1 }).waitFor();
    await page.getByText('Nothing published yet.').waitFor();
    // A version without a note is refused beside the field, in words, not the validator's.
    await page.locator('form#publish-form').getByRole('button', { name: 'Publish the catalog' }).click();
    await page
      .locator('#publish-form-note-error')
      .filter({ hasText: 'Say what this version changes: the sites’ managers read it.' })
      .waitFor();
    await fillForm(page, 'publish-form', { Note: 'Autumn menu' });
    await page.locator('form#publish-form').getByRole('button', { name: 'Publish the catalog' }).click();
    const version = page.getByRole('list', { name: 'The publications' }).getByRole('listitem').first();
    await version.filter({ hasText: 'Version 1 · Autumn menu' }).waitFor();
    await page.getByText('Sites still pending').waitFor();
    await version.locator('summary').click();
    const states = page.getByRole('table', { name: 'The sites of version 1' }).getByRole('row');
    await states.filter({ hasText: 'Zur Linde, Hafen' }).filter({ hasText: 'pending' }).waitFor();
    await states.filter({ hasText: 'Zur Linde, Mitte' }).filter({ hasText: 'applied' }).waitFor();
    await version.filter({ hasText: '1 applied · 1 pending · 0 failed' }).waitFor();
    await keepScreenshots(page, 'back-office-hq-publications');

    // The linked site's menu has the group's price, and not the dish left off there.
    const menu = await as(site, siteAdmin).get('/api/v1/dishes').query({ perPage: 100 }).expect(200);
    const dishes = menu.body.items as Array<{
      name: string;
      variations: Array<{ name: string; price: number }>;
    }>;
    expect(dishes.map((dish) => dish.name)).toEqual(['Margherita']);
    expect(dishes[0].variations.map((each) => [each.name, each.price])).toEqual([
      ['Small', 850],
      ['Large', 1100],
    ]);

    // In German: both screens, every text from the German catalogues.
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    const german = [CATALOGUES.screens, CATALOGUES.backOffice];
    await page.locator('#navigation').getByRole('link', { name: 'Katalog' }).click();
    await page.getByRole('heading', { name: 'Katalog', level: 1 }).waitFor();
    await page.getByLabel('Anzeigen', { exact: true }).selectOption({ label: 'Zur Linde, Mitte' });
    await large.filter({ hasText: 'abweichend durch Gruppe Berlin' }).waitFor();
    await marinara.filter({ hasText: 'nicht in dieser Filiale' }).waitFor();
    await small.filter({ hasText: 'margherita · Station Oven' }).waitFor();
    expect(await small.textContent()).not.toContain('hier abweichend');
    await page.getByRole('button', { name: 'Margherita aus dem Verkauf nehmen' }).waitFor();
    await keepScreenshots(page, 'back-office-hq-catalog-de');
    expect(untranslated(await shownTexts(page), german, NAMES)).toEqual([]);
    await page.locator('#navigation').getByRole('link', { name: 'Veröffentlichungen' }).click();
    const versionDe = page
      .getByRole('list', { name: 'Die Veröffentlichungen' })
      .getByRole('listitem')
      .first();
    await versionDe.filter({ hasText: '1 übernommen · 1 ausstehend · 0 fehlgeschlagen' }).waitFor();
    await versionDe.locator('summary').click();
    await page.getByRole('table', { name: 'Die Filialen der Version 1' }).waitFor();
    expect(untranslated(await shownTexts(page), german, NAMES)).toEqual([]);

    expect(problems).toEqual([]);
  });
});
