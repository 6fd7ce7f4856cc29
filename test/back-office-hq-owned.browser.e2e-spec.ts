/**
 * A site's back office shows what headquarters owns as such, through the pages: headquarters' catalog is applied
 * in the spec's process (as a site does after a pull, HqCatalogApplier) and a person of its staff directory written
 * (HqStaffUsers), no headquarters running. A dish, category, station and variation from headquarters carry the
 * "From headquarters" badge, show its fields read-only with a note and offer no delete, while the 86, stock, prep
 * time, schedule and modifier groups stay the site's; a dish the site made itself stays fully editable; a page
 * older than a dish's coming from headquarters shows the 409 beside the field it names; the person from
 * headquarters has the badge and no edit actions. In German, these screens show no text the catalogues did not write.
 */
import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { Role } from '../src/common/access/role';
import { Database } from '../src/database/database.service';
import { CATALOGUES } from '../src/i18n/catalogues';
import { HqCatalogApplier } from '../src/menu/hq-catalog/hq-catalog-applier';
import type { HqCatalogDocument } from '../src/menu/hq-catalog/hq-catalog-document';
import { CredentialHasher } from '../src/users/credential-hasher';
import { HqStaffUsers } from '../src/users/hq-staff-users';
import { walkHelpers } from './support/back-office-walk-helpers';
import {
  CHROMIUM,
  describeInBrowser,
  fillForm,
  keepScreenshots,
  LAPTOP,
  openChromium,
  signInToBackOffice,
  watchProblems,
} from './support/browser';
import { as, loginAdmin, type Session } from './support/clients';
import { burger, GRILL, MAINS } from './support/hq-catalog-fixture';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';
import { shownTexts, untranslated } from './support/untranslated';

const CATALOG: HqCatalogDocument = { categories: [MAINS], stations: [GRILL], dishes: [burger()] };

const HANNA = { id: randomUUID(), username: 'hanna', displayName: 'Hanna Haupt' };
const en = walkHelpers('en');
const de = walkHelpers('de');
const BADGE = en.bo('hqOwned.badge');
const MANAGED = en.bo('hqOwned.managed');

/** The names the spec and the catalog gave (no language's words): allowed in a German page. */
const DATA = [
  'Chez Test',
  ADMIN.username,
  'Administrator',
  'Burger',
  'Beef, bun, pickles',
  'Single',
  'Double',
  'Mains',
  'Grill',
  'Specials',
  'Drinks',
  'Bar',
  'House lemonade',
  'Lemonade',
  'Iced tea',
  'Regular',
  'Sauces',
  'Lunch',
  HANNA.displayName,
  HANNA.username,
];

describeInBrowser(`A site's back office shows what headquarters owns (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let admin: Session;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test', RESTAURANT_LOCALE: 'en' });
    browser = await openChromium();
    admin = await loginAdmin(t);
    const post = async (path: string, body: object): Promise<string> => {
      const response = await as(t, admin).post(path).send(body);
      if (response.status !== 201) throw new Error(`POST ${path}: ${response.status}`);
      return (response.body as { id: string }).id;
    };
    // The site's own rows, beside headquarters'.
    ids.specials = await post('/api/v1/categories', { name: 'Specials', sortOrder: 5 });
    ids.drinks = await post('/api/v1/categories', { name: 'Drinks', sortOrder: 6 });
    await post('/api/v1/stations', { name: 'Bar' });
    ids.lemonade = await post('/api/v1/dishes', {
      name: 'House lemonade',
      categoryId: ids.specials,
      price: 350,
    });
    ids.icedTea = await post('/api/v1/dishes', { name: 'Iced tea', categoryId: ids.drinks, price: 300 });
    ids.sauces = await post('/api/v1/modifier-groups', { name: 'Sauces', minChoices: 0, maxChoices: 2 });
    ids.lunch = await post('/api/v1/menu-schedules', {
      name: 'Lunch',
      windows: [{ days: [1, 2, 3, 4, 5], from: '11:00', to: '14:00' }],
    });
    const database = t.app.get(Database);
    await database.transaction((tx) => t.app.get(HqCatalogApplier).apply(tx, CATALOG));
    const [burger] = await t.dataSource.query<Array<{ id: string }>>(
      "SELECT id FROM dishes WHERE hq_key = 'dish-burger'",
    );
    ids.burger = burger.id;
    const staff = t.app.get(HqStaffUsers);
    const hasher = t.app.get(CredentialHasher);
    const entry = {
      ...HANNA,
      role: Role.Waiter,
      erased: false,
      passwordHash: null,
      pinVerifier: await hasher.hashSharedPin('4321'),
      version: 1,
    };
    const outcomes = await database.transaction((tx) => staff.apply(tx, [entry], hasher.chainPinKey()));
    expect([...outcomes]).toEqual([[HANNA.id, null]]);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const dish = async (id: string) =>
    (await as(t, admin).get(`/api/v1/dishes/${id}`).expect(200)).body as {
      name: string;
      available: boolean;
      prepMinutes: number;
      scheduleId: string | null;
      modifierGroupIds: string[];
      variations: Array<{ name: string; stockCount: number | null }>;
    };

  /** Reads until `check` holds (a save on the page answers within a second or two), or fails with the last. */
  async function until<T>(read: () => Promise<T>, check: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let tries = 0; !check(value) && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      value = await read();
    }
    expect(check(value)).toBe(true);
    return value;
  }

  async function signIn(context: BrowserContext, language: 'en' | 'de'): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${t.url}/back-office#/menu`);
    const w = language === 'en' ? en : de;
    if (language !== 'en') {
      await page.getByRole('combobox', { name: en.say('language.label') }).selectOption(language);
    }
    await page.getByRole('button', { name: w.bo('signIn.submit') }).waitFor();
    await signInToBackOffice(page, ADMIN, {
      username: w.bo('signIn.username'),
      password: w.bo('signIn.password'),
      submit: w.bo('signIn.submit'),
    });
    await page.getByRole('heading', { name: w.menu('heading'), level: 1, exact: true }).waitFor();
    return page;
  }

  const dishRow = (page: Page, name: string | RegExp) =>
    page.getByRole('table', { name: 'Dishes' }).getByRole('row').filter({ hasText: name });
  const disabled = (page: Page, form: string, label: string) =>
    page.locator(`form#${form}`).getByLabel(label, { exact: true }).isDisabled();

  it('shows the menu and staff from headquarters read-only, and keeps what the site owns editable', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const page = await signIn(context, 'en');
    const problems = watchProblems(page);

    // The list: the burger with the badge, the site's own dishes without.
    await dishRow(page, 'Burger').getByText(BADGE).waitFor();
    expect(await dishRow(page, 'House lemonade').getByText(BADGE).count()).toBe(0);

    // Headquarters' dish: its fields read-only with the note, no delete, no new variation, no variation's form.
    await dishRow(page, 'Burger').getByRole('button', { name: 'Burger' }).click();
    const editor = page.locator('section.dish-editor');
    await editor.locator('#dish-editor-title').getByText(BADGE).waitFor();
    await editor.getByText(en.bo('hqOwned.dish')).waitFor();
    await editor.getByText('Beef, bun, pickles').waitFor();
    expect(await editor.getByRole('button', { name: 'Delete the dish' }).count()).toBe(0);
    for (const label of ['Dish name', 'Category', 'Station']) {
      expect(await disabled(page, 'dish-edit', label)).toBe(true);
    }
    expect(await page.locator('#dish-edit-name-note').textContent()).toBe(MANAGED);
    for (const label of ['Tax rate', 'Prep time (minutes)', 'Schedule', 'Offers Sauces']) {
      expect(await disabled(page, 'dish-edit', label)).toBe(false);
    }
    expect(await page.locator('form#new-variation, form#variation-0, form#variation-1').count()).toBe(0);
    const variations = editor.getByRole('list', { name: 'Variations' }).getByRole('listitem');
    await variations.filter({ hasText: 'Single' }).getByText(BADGE).waitFor();
    await keepScreenshots(page, 'back-office-hq-owned-dish');

    // What the site keeps: the 86, prep time, schedule, modifier groups and the stock count.
    await editor.getByRole('button', { name: '86 the dish' }).click();
    await editor.getByText(/^Sold out /).waitFor();
    expect((await dish(ids.burger)).available).toBe(false);
    await editor.getByRole('button', { name: 'Back on the menu' }).click();
    await editor.getByRole('button', { name: '86 the dish' }).waitFor();
    await fillForm(page, 'dish-edit', { 'Prep time (minutes)': '12', Schedule: 'Lunch' });
    await page.locator('form#dish-edit').getByLabel('Offers Sauces').check();
    await page.locator('form#dish-edit').getByRole('button', { name: 'Save the dish' }).click();
    const saved = await until(
      () => dish(ids.burger),
      (each) => each.prepMinutes === 12,
    );
    expect(saved).toMatchObject({
      name: 'Burger',
      available: true,
      scheduleId: ids.lunch,
      modifierGroupIds: [ids.sauces],
    });
    await fillForm(page, 'stock-0', { 'Portions left (blank: not counted)': '20' });
    await page.locator('form#stock-0').getByRole('button', { name: 'Save the count' }).click();
    await until(
      () => dish(ids.burger),
      (each) => each.variations[0].stockCount === 20,
    );

    // The site's own dish: everything editable, and deletable.
    await dishRow(page, 'House lemonade').getByRole('button', { name: 'House lemonade' }).click();
    await editor.locator('#dish-editor-title').getByText('House lemonade').waitFor();
    expect(await editor.getByText(BADGE).count()).toBe(0);
    await editor.getByRole('button', { name: 'Delete the dish' }).waitFor();
    for (const label of ['Dish name', 'Category', 'Station']) {
      expect(await disabled(page, 'dish-edit', label)).toBe(false);
    }
    expect(await page.locator('form#new-variation, form#variation-0').count()).toBe(2);
    await fillForm(page, 'dish-edit', { 'Dish name': 'Lemonade' });
    await page.locator('form#dish-edit').getByRole('button', { name: 'Save the dish' }).click();
    await dishRow(page, /^Lemonade/).waitFor();
    expect((await dish(ids.lemonade)).name).toBe('Lemonade');

    // Categories: headquarters' as text with the badge and no move; the site's own move among themselves.
    await page.getByRole('tab', { name: 'Categories' }).click();
    await page.getByText(en.bo('hqOwned.categories')).waitFor();
    const categories = page.getByRole('list', { name: 'Categories' }).getByRole('listitem');
    await categories.filter({ hasText: 'Mains' }).getByText(BADGE).waitFor();
    expect(await categories.filter({ hasText: 'Mains' }).locator('input, button').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Move Mains up' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Move Drinks up' }).click();
    await page.getByRole('button', { name: 'Move Drinks down' }).and(page.locator(':enabled')).waitFor();
    expect(await page.getByRole('alert').filter({ hasText: /./ }).count()).toBe(0);
    await keepScreenshots(page, 'back-office-hq-owned-categories');

    // Stations: headquarters' with the badge and the note.
    await page.getByRole('tab', { name: 'Stations' }).click();
    await page.getByText(en.bo('hqOwned.stations')).waitFor();
    const stations = page.getByRole('list', { name: 'Stations' }).getByRole('listitem');
    await stations.filter({ hasText: 'Grill' }).getByText(BADGE).waitFor();
    expect(await stations.filter({ hasText: 'Bar' }).getByText(BADGE).count()).toBe(0);
    await keepScreenshots(page, 'back-office-hq-owned-stations');

    // A page older than a dish's coming from headquarters: the 409 beside the field it names, and the delete's.
    await page.getByRole('tab', { name: 'Dishes' }).click();
    await dishRow(page, 'Iced tea').getByRole('button', { name: 'Iced tea' }).click();
    await editor.locator('#dish-editor-title').getByText('Iced tea').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 1500)); // the reloads of the changes above are over
    await t.dataSource.query("UPDATE dishes SET hq_key = 'dish-iced-tea' WHERE id = $1", [ids.icedTea]);
    await fillForm(page, 'dish-edit', { 'Dish name': 'Peach iced tea' });
    await page.locator('form#dish-edit').getByRole('button', { name: 'Save the dish' }).click();
    await page.locator('#dish-edit-name-error').waitFor();
    expect(await page.locator('#dish-edit-name-error').textContent()).toBe(MANAGED);
    page.once('dialog', (dialog) => void dialog.accept());
    await editor.getByRole('button', { name: 'Delete the dish' }).click();
    await editor.getByRole('alert').getByText(en.bo('hqOwned.refused')).waitFor();
    expect((await dish(ids.icedTea)).name).toBe('Iced tea');
    await keepScreenshots(page, 'back-office-hq-owned-refused');

    // Staff: the person from headquarters with the badge and no edit actions; the site's own admin keeps them.
    await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    await page.getByText(en.bo('hqOwned.staff')).waitFor();
    const people = page.getByRole('list', { name: 'People' }).getByRole('listitem');
    await people.filter({ hasText: HANNA.displayName }).getByText(BADGE).waitFor();
    expect(await people.filter({ hasText: HANNA.displayName }).getByRole('button').count()).toBe(0);
    await page.getByRole('button', { name: 'Reset the PIN of Administrator' }).waitFor();
    await keepScreenshots(page, 'back-office-hq-owned-staff');

    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);

  it('writes these screens in German, every text from the catalogues', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const page = await signIn(context, 'de');
    const problems = watchProblems(page);
    const catalogues = [CATALOGUES.screens, CATALOGUES.backOffice, CATALOGUES.glance];
    const left: Record<string, string[]> = {};
    const shows = async (name: string) => {
      await page.getByText(de.bo('form.loading'), { exact: true }).first().waitFor({ state: 'detached' });
      await keepScreenshots(page, `back-office-hq-owned-de-${name}`);
      const texts = untranslated(await shownTexts(page), catalogues, [...DATA, 'Peach iced tea']);
      if (texts.length > 0) left[name] = texts;
    };

    const table = page.getByRole('table', { name: de.menu('dishes') });
    await table.getByRole('row').filter({ hasText: 'Burger' }).getByText(de.bo('hqOwned.badge')).waitFor();
    await table.getByRole('button', { name: 'Burger' }).click();
    await page.locator('section.dish-editor').getByText(de.bo('hqOwned.dish')).waitFor();
    await shows('dish');
    await page.getByRole('tab', { name: de.menu('tab.categories') }).click();
    await page.getByText(de.bo('hqOwned.categories')).waitFor();
    await shows('categories');
    await page.getByRole('tab', { name: de.menu('tab.stations') }).click();
    await page.getByText(de.bo('hqOwned.stations')).waitFor();
    await shows('stations');
    await de.open(page, 'staff');
    await page.getByText(de.bo('hqOwned.staff')).waitFor();
    await shows('staff');

    expect(left).toEqual({});
    expect(problems).toEqual([]);
    await context.close();
  }, 120_000);
});
