/**
 * Headquarters' menu schedules and price levels in a real browser (a service process with POS_ROLE=hq, a site in
 * group Berlin and one outside it, a category "Pizza" and a dish with two variations already there): through the
 * page alone, the admin adds a schedule with two windows (after the refusal of a time that is none, shown beside
 * its field), one of them past midnight, and reads them by weekday; gives the category the schedule; adds a price
 * level pricing one variation for takeaway, read beside its list price; then, with a site chosen, leaves the level
 * off there: "not at this site", with Bring back, while the other site keeps its prices. Headquarters' API (the
 * catalog, each site's effective catalog) agrees; the overrides name the level. In German, every text from the
 * German catalogues, and the level brought back.
 */
import { CATALOGUES } from '../src/i18n/catalogues';
import { CHROMIUM, describeInBrowser, fillForm, keepScreenshots } from './support/browser';
import { chainInBrowser } from './support/chain-fixture';
import { SITE_IDENTITY } from './support/chain-sites';
import { as, loginAdmin, type Session } from './support/clients';
import { shownTexts, untranslated } from './support/untranslated';

const OTHER_SITE = 'Zur Linde, Hafen';

/** The names typed here or made by the service (no language's words): allowed on a German page. */
const NAMES = [
  'My Restaurant',
  'Administrator',
  SITE_IDENTITY.name,
  OTHER_SITE,
  'Berlin',
  'Pizza',
  'pizza',
  'Margherita',
  'margherita',
  'Regular',
  'Large',
  'margherita-regular',
  'margherita-large',
  'Lunch & late',
  'lunch',
  'Counter',
  'counter',
];

/** What is read here of a site's effective catalog. */
interface Effective {
  schedules: unknown[];
  categories: Array<{ hqKey: string; scheduleKey: string | null }>;
  priceLevels: unknown[];
  absent: unknown[];
}

const LUNCH = {
  hqKey: 'lunch',
  name: 'Lunch & late',
  windows: [
    { days: [1, 2, 3, 4, 5], from: '11:30', to: '14:30' },
    { days: [5, 6], from: '22:00', to: '01:00' },
  ],
};
const COUNTER = {
  hqKey: 'counter',
  name: 'Counter',
  orderTypes: ['takeaway'],
  prices: [{ variationKey: 'margherita-large', price: 1150 }],
};

describeInBrowser(`Headquarters' menu schedules and price levels in a real browser (${CHROMIUM})`, () => {
  const chain = chainInBrowser([]);
  let hqAdmin: Session;
  let siteId: string;
  let otherSiteId: string;

  beforeAll(async () => {
    const { hq } = chain;
    hqAdmin = await loginAdmin(hq);
    const api = as(hq, hqAdmin);
    const groupId = (await api.post('/api/v1/hq/site-groups').send({ name: 'Berlin' }).expect(201)).body.id;
    const added = await api
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, groupIds: [groupId] })
      .expect(201);
    siteId = added.body.site.id;
    const other = await api
      .post('/api/v1/hq/sites')
      .send({ ...SITE_IDENTITY, name: OTHER_SITE })
      .expect(201);
    otherSiteId = other.body.site.id;
    await api.put('/api/v1/hq/catalog/categories/pizza').send({ name: 'Pizza' }).expect(200);
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
  });

  it('adds a schedule and a price level, gives a category the schedule, and leaves the level off a site', async () => {
    const { page, problems } = await chain.backOffice(chain.hq.url, 'catalog');
    await page.getByRole('heading', { name: 'Menu schedules', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Price levels', level: 2 }).waitFor();
    await page.getByText('No menu schedule yet.').waitFor();
    await page.getByText('No price level yet.').waitFor();

    // A schedule with two windows, the second past midnight; a time that is none is refused beside its field.
    const scheduleForm = page.locator('form#hq-schedule');
    await scheduleForm.getByRole('button', { name: 'Another window' }).click();
    await fillForm(page, 'hq-schedule', {
      'Schedule key': 'lunch',
      'Schedule name': 'Lunch & late',
      'Window 1 from (HH:MM)': '11:30',
      'Window 1 to (HH:MM)': '14:30',
      'Window 2 from (HH:MM)': '22:00',
      'Window 2 to (HH:MM)': '1 am',
    });
    const days = (window: number) => scheduleForm.getByRole('group', { name: `Window ${window} days` });
    for (const day of ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'])
      await days(1).getByRole('checkbox', { name: day, exact: true }).check();
    for (const day of ['Fri', 'Sat']) await days(2).getByRole('checkbox', { name: day, exact: true }).check();
    await scheduleForm.getByRole('button', { name: 'Save the menu schedule' }).click();
    await page.locator('#hq-schedule-windows-1--to-error').filter({ hasText: 'time of day' }).waitFor();
    await fillForm(page, 'hq-schedule', { 'Window 2 to (HH:MM)': '01:00' });
    await scheduleForm.getByRole('button', { name: 'Save the menu schedule' }).click();
    const lunch = page
      .getByRole('table', { name: 'Menu schedules' })
      .getByRole('row')
      .filter({ hasText: 'lunch' });
    await lunch.filter({ hasText: 'Lunch & late' }).waitFor();
    expect(await lunch.locator('.window').allTextContents()).toEqual([
      'Mon–Fri 11:30–14:30',
      'Fri, Sat 22:00–01:00 (next day)',
    ]);

    // The category on the schedule, through its Edit.
    await page.getByRole('button', { name: 'Edit Pizza' }).click();
    await page.getByRole('heading', { name: 'Edit Pizza' }).waitFor();
    await fillForm(page, 'hq-category', { 'Menu schedule': 'Lunch & late' });
    await page.locator('form#hq-category').getByRole('button', { name: 'Save the category' }).click();
    const pizza = page
      .getByRole('table', { name: 'Categories' })
      .getByRole('row')
      .filter({ hasText: 'pizza' });
    await pizza.filter({ hasText: 'Lunch & late' }).waitFor();
    await lunch.filter({ hasText: 'categories Pizza' }).waitFor();
    await page
      .locator('.hq-category[data-key="pizza"] h3')
      .filter({ hasText: 'schedule Lunch & late' })
      .waitFor();
    await page.getByRole('heading', { name: 'Add or replace a category' }).waitFor();

    // The dish keeps each site's own schedule: the form offers it, chosen.
    await page.getByRole('button', { name: 'Edit Margherita' }).click();
    const dishSchedule = page.locator('form#hq-dish').getByLabel('Menu schedule', { exact: true });
    expect(await dishSchedule.locator('option:checked').textContent()).toBe('(each site’s own)');
    expect(await dishSchedule.locator('option').allTextContents()).toEqual([
      '(each site’s own)',
      'Lunch & late',
    ]);

    // A price level for takeaway, pricing the large Margherita.
    const levelForm = page.locator('form#hq-price-level');
    await fillForm(page, 'hq-price-level', {
      'Level key': 'counter',
      'Level name': 'Counter',
      'Price 1: variation': 'Margherita — Large',
      'Price 1 (EUR)': '11.50',
    });
    await levelForm
      .getByRole('group', { name: 'Order types it prices' })
      .getByRole('checkbox', { name: 'Takeaway' })
      .check();
    await levelForm.getByRole('button', { name: 'Save the price level' }).click();
    const counter = page.locator('[data-key="counter"]');
    await counter.locator('h3').filter({ hasText: 'counter · order types: Takeaway' }).waitFor();
    const large = page.getByRole('table', { name: 'Counter' }).getByRole('row').filter({ hasText: 'Large' });
    await large.waitFor();
    expect(await large.getByRole('cell').allTextContents()).toEqual([
      'Margherita — Large',
      'margherita-large',
      '€11.50',
      '€12.90',
    ]);
    await keepScreenshots(page, 'back-office-hq-levels-master');

    // At the site: the level's prices there, until left off for this site alone.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: SITE_IDENTITY.name });
    await page.getByText(`What ${SITE_IDENTITY.name} gets now`).waitFor();
    await large.filter({ hasText: '€11.50' }).waitFor();
    await page.getByRole('button', { name: 'Leave Counter off' }).click();
    await page.getByRole('heading', { name: 'Leave price level Counter off' }).waitFor();
    await fillForm(page, 'hq-override', { For: `This site only (${SITE_IDENTITY.name})` });
    await page.locator('form#hq-override').getByRole('button', { name: 'Leave it off' }).click();
    await counter.locator('h3').filter({ hasText: 'not at this site' }).waitFor();
    await page.getByRole('button', { name: 'Bring Counter back' }).waitFor();
    expect(await page.getByRole('table', { name: 'Counter' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Leave Counter off' }).count()).toBe(0);
    await keepScreenshots(page, 'back-office-hq-levels-site');

    // The other site keeps it.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: OTHER_SITE });
    await page.getByText(`What ${OTHER_SITE} gets now`).waitFor();
    await large.filter({ hasText: '€11.50' }).filter({ hasText: '€12.90' }).waitFor();
    expect(await counter.locator('h3').textContent()).not.toContain('not at this site');

    // Headquarters' API agrees.
    const api = as(chain.hq, hqAdmin);
    const catalog = (await api.get('/api/v1/hq/catalog').expect(200)).body;
    expect(catalog.schedules).toEqual([LUNCH]);
    expect(catalog.priceLevels).toEqual([COUNTER]);
    expect(catalog.categories).toEqual([
      { hqKey: 'pizza', name: 'Pizza', sortOrder: 0, scheduleKey: 'lunch' },
    ]);
    expect(catalog.dishes[0].scheduleKey).toBeNull();
    expect(catalog.overrides).toEqual([
      expect.objectContaining({ kind: 'priceLevel', hqKey: 'counter', scope: { siteId }, absent: true }),
    ]);
    const effectiveOf = async (id: string) =>
      (await api.get(`/api/v1/hq/sites/${id}/effective-catalog`).expect(200)).body as Effective;
    const here = await effectiveOf(siteId);
    expect(here.schedules).toEqual([LUNCH]);
    expect(here.categories[0].scheduleKey).toBe('lunch');
    expect(here.priceLevels).toEqual([]);
    expect(here.absent).toEqual([{ kind: 'priceLevel', hqKey: 'counter', scope: { siteId } }]);
    const there = await effectiveOf(otherSiteId);
    expect(there.priceLevels).toEqual([COUNTER]);
    expect(there.absent).toEqual([]);

    // At the organisation's level, the overrides name the level.
    await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Organisation (master catalog)' });
    await page
      .getByRole('table', { name: 'Overrides' })
      .getByRole('row')
      .filter({ hasText: 'Price level: Counter' })
      .filter({ hasText: `site ${SITE_IDENTITY.name}` })
      .filter({ hasText: 'left off' })
      .waitFor();

    // In German: the site's own words for schedules and price levels, every text from the German catalogues.
    const german = [CATALOGUES.screens, CATALOGUES.backOffice];
    await page.getByLabel('Language', { exact: true }).selectOption('de');
    await page.getByRole('heading', { name: 'Zeitpläne', level: 2 }).waitFor();
    await page.getByRole('heading', { name: 'Preisstufen', level: 2 }).waitFor();
    await counter.locator('h3').filter({ hasText: 'Bestellarten: Zum Mitnehmen' }).waitFor();
    const lunchDe = page
      .getByRole('table', { name: 'Zeitpläne' })
      .getByRole('row')
      .filter({ hasText: 'lunch' });
    expect(await lunchDe.locator('.window').allTextContents()).toEqual([
      'Mo–Fr 11:30–14:30 Uhr',
      'Fr, Sa 22:00–01:00 Uhr (bis zum Folgetag)',
    ]);
    expect(untranslated(await shownTexts(page), german, NAMES)).toEqual([]);
    await page.getByLabel('Anzeigen', { exact: true }).selectOption({ label: SITE_IDENTITY.name });
    await counter.locator('h3').filter({ hasText: 'nicht in dieser Filiale' }).waitFor();
    expect(untranslated(await shownTexts(page), german, NAMES)).toEqual([]);
    await keepScreenshots(page, 'back-office-hq-levels-de');

    // Brought back: the site has its prices again.
    await page.getByRole('button', { name: 'Counter zurückholen' }).click();
    await large.filter({ hasText: '11,50' }).waitFor();
    expect((await effectiveOf(siteId)).priceLevels).toEqual([COUNTER]);

    expect(problems).toEqual([]);
  });
});
