/**
 * The back office's menu screen in a real browser: an admin builds a category, a modifier group and a dish with
 * two variations, reprices one, and sees a refused save's field error beside its field; edits and deletes modifier
 * groups and options, and gives a combo more slots in its editor, their choices picked out of the 500 dishes
 * through a filter; a manager (who may only 86) 86es a variation, which reaches the admin's open list live. 500
 * dishes are seeded through the API first (a precondition): the time to filter them and to save a dish is printed,
 * not asserted.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { as, loginAdmin, newManager, type NewStaff, type Session } from './support/clients';
import {
  CHROMIUM,
  describeInBrowser,
  downloadedBytes,
  keepScreenshots,
  openChromium,
  watchProblems,
  LAPTOP,
  fillForm,
} from './support/browser';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

const SEEDED_DISHES = 500;

describeInBrowser(`The back office's menu screen in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let manager: NewStaff;

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    browser = await openChromium();
    const admin: Session = await loginAdmin(t);
    manager = await newManager(t);
    const post = async (path: string, body: object): Promise<{ id: string }> => {
      const response = await as(t, admin).post(path).send(body);
      if (response.status !== 201) throw new Error(`POST ${path}: ${response.status}`);
      return response.body as { id: string };
    };
    const category = await post('/api/v1/categories', { name: 'Bulk' });
    const station = await post('/api/v1/stations', { name: 'Grill' });
    const seedingStarted = performance.now();
    const numbers = Array.from({ length: SEEDED_DISHES }, (_, i) => String(i + 1).padStart(3, '0'));
    // 25 at a time: the seeding is a precondition, not a load test.
    for (let start = 0; start < numbers.length; start += 25) {
      await Promise.all(
        numbers.slice(start, start + 25).map((n) =>
          post('/api/v1/dishes', {
            name: `Bulk dish ${n}`,
            categoryId: category.id,
            stationId: station.id,
            price: 500,
          }),
        ),
      );
    }
    process.stdout.write(
      `Seeding ${SEEDED_DISHES} dishes: ${Math.round(performance.now() - seedingStarted)} ms\n`,
    );
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function openMenu(context: BrowserContext, username: string, password: string): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${t.url}/back-office#/menu`);
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Menu', exact: true }).waitFor();
    return page;
  }

  const tab = (page: Page, name: string) => page.getByRole('tab', { name }).click();
  const dishRow = (page: Page, name: string) =>
    page.getByRole('table', { name: 'Dishes' }).getByRole('row').filter({ hasText: name });
  const count = (page: Page, text: string) => page.getByText(text, { exact: true }).waitFor();

  it('builds a category, a modifier group and a dish with two variations, and a manager 86es one', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const page = await openMenu(context, ADMIN.username, ADMIN.password);
    const problems = watchProblems(page);
    await count(page, `${SEEDED_DISHES} dishes`);
    await dishRow(page, 'Bulk dish 001').waitFor();
    expect(await page.getByText('Page 1 of 20').count()).toBe(1);
    await keepScreenshots(page, 'back-office-menu-dishes');

    const filterStarted = performance.now();
    await page.getByLabel('Find a dish').fill('dish 250');
    await count(page, '1 dish');
    await dishRow(page, 'Bulk dish 250').waitFor();
    process.stdout.write(
      `Filtering ${SEEDED_DISHES} dishes: ${Math.round(performance.now() - filterStarted)} ms\n`,
    );

    await tab(page, 'Categories');
    await fillForm(page, 'new-category', { 'Category name': 'Desserts' });
    await page.locator('form#new-category').getByRole('button', { name: 'Add the category' }).click();
    await page.getByRole('button', { name: 'Move Desserts up' }).waitFor();
    await page.getByRole('button', { name: 'Move Desserts up' }).click();
    await page.getByRole('button', { name: 'Move Desserts down' }).and(page.locator(':enabled')).waitFor();
    await keepScreenshots(page, 'back-office-menu-categories');

    await tab(page, 'Modifier groups');
    await fillForm(page, 'new-modifier-group', { 'Group name': 'Sauces', 'At least': '0', 'At most': '2' });
    await page.locator('form#new-modifier-group').getByRole('button', { name: 'Add the group' }).click();
    const sauces = page.getByRole('region', { name: 'Sauces' });
    await sauces.getByRole('heading', { name: 'Sauces · choose 0 to 2' }).waitFor();
    for (const [name, price] of [
      ['Mayo', '0.50'],
      ['Ketchup', '0'],
    ]) {
      await fillForm(page, 'new-option-0', { 'Option name': name, 'Price change (EUR)': price });
      await page.locator('form#new-option-0').getByRole('button', { name: 'Add the option' }).click();
      await page.getByRole('button', { name: `Move ${name} up` }).waitFor();
    }
    // The group asks for 0 to 3 now, Ketchup comes first and Mayo costs 0.70; a refused save shows beside its field.
    await fillForm(page, 'group-0', { 'At most': 'many' });
    await page.locator('form#group-0').getByRole('button', { name: 'Save the group' }).click();
    await page.locator('#group-0-maxChoices-error').waitFor();
    await fillForm(page, 'group-0', { 'At most': '3' });
    await page.locator('form#group-0').getByRole('button', { name: 'Save the group' }).click();
    await sauces.getByRole('heading', { name: 'Sauces · choose 0 to 3' }).waitFor();
    await page.getByRole('button', { name: 'Move Ketchup up' }).click();
    await page.getByRole('button', { name: 'Move Ketchup down' }).and(page.locator(':enabled')).waitFor();
    await fillForm(page, 'option-0-1', { 'Price change (EUR)': '0.70' });
    await page.locator('form#option-0-1').getByRole('button', { name: 'Save' }).click();
    await page.locator('form#option-0-1 button:enabled').waitFor();
    await keepScreenshots(page, 'back-office-menu-modifier-groups');
    await fillForm(page, 'new-modifier-group', { 'Group name': 'Toppings', 'At least': '0', 'At most': '1' });
    await page.locator('form#new-modifier-group').getByRole('button', { name: 'Add the group' }).click();
    await page.getByRole('button', { name: 'Delete the group Toppings' }).click();
    await page.getByRole('region', { name: 'Toppings' }).waitFor({ state: 'detached' });
    const admin = await loginAdmin(t);
    type Option = { name: string; priceDelta: number; sortOrder: number };
    type Group = { name: string; maxChoices: number; options: Option[] };
    // Each group with its options in their order, as `name priceDelta`.
    const groupsNow = async () =>
      ((await as(t, admin).get('/api/v1/modifier-groups').expect(200)).body.items as Group[]).map((group) => [
        `${group.name} ≤ ${group.maxChoices}`,
        [...group.options]
          .sort((a, b) => a.sortOrder - b.sortOrder)
          .map((option) => `${option.name} ${option.priceDelta}`),
      ]);
    expect(await groupsNow()).toEqual([['Sauces ≤ 3', ['Ketchup 0', 'Mayo 70']]]);

    await tab(page, 'Dishes');
    await page.getByLabel('Find a dish').fill('Tiramisu');
    await page.getByText('No dish matches.').waitFor();
    await fillForm(page, 'new-dish', {
      'Dish name': 'Tiramisu',
      Category: 'Desserts',
      'Price (EUR)': '6.50',
    });
    const saveStarted = performance.now();
    await page.locator('form#new-dish').getByRole('button', { name: 'Add the dish' }).click();
    await dishRow(page, 'Tiramisu').waitFor();
    process.stdout.write(
      `Saving a dish beside ${SEEDED_DISHES}: ${Math.round(performance.now() - saveStarted)} ms\n`,
    );

    await dishRow(page, 'Tiramisu').getByRole('button', { name: 'Tiramisu' }).click();
    const editor = page.getByRole('region', { name: 'Tiramisu' });
    await fillForm(page, 'new-variation', { 'Variation name': 'Large', 'Price (EUR)': '8' });
    await page.locator('form#new-variation').getByRole('button', { name: 'Add the variation' }).click();
    await dishRow(page, 'Tiramisu').filter({ hasText: 'Large €8.00' }).waitFor();

    await page.locator('form#dish-edit').getByLabel('Offers Sauces').check();
    await page.locator('form#dish-edit').getByRole('button', { name: 'Save the dish' }).click();
    await page.locator('form#dish-edit button:enabled').waitFor();

    await fillForm(page, 'variation-0', { 'Price (EUR)': '7' });
    await page.locator('form#variation-0').getByRole('button', { name: 'Save' }).click();
    await dishRow(page, 'Tiramisu').filter({ hasText: 'Regular €7.00 · Large €8.00' }).waitFor();

    // A refused save: the API's field error beside the dish's name, nothing beside the others.
    await fillForm(page, 'dish-edit', { 'Dish name': '' });
    await page.locator('form#dish-edit').getByRole('button', { name: 'Save the dish' }).click();
    const nameError = page.locator('#dish-edit-name-error');
    await nameError.waitFor();
    expect(await nameError.textContent()).toMatch(/\S/);
    expect(await page.locator('#dish-edit-categoryId-error').count()).toBe(0);
    await keepScreenshots(page, 'back-office-menu-dish-editor');

    // A manager sees the menu without the admin's forms, and 86es the large tiramisu.
    const managerContext = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    managerContext.setDefaultTimeout(15_000);
    const managerPage = await openMenu(managerContext, manager.username, manager.password);
    const managerProblems = watchProblems(managerPage);
    await managerPage.getByLabel('Find a dish').fill('Tiramisu');
    await dishRow(managerPage, 'Tiramisu').getByRole('button', { name: 'Tiramisu' }).click();
    await managerPage.getByRole('button', { name: '86 Large' }).click();
    await managerPage.getByRole('button', { name: 'Bring back Large' }).waitFor();
    await dishRow(managerPage, 'Tiramisu').filter({ hasText: 'Large €8.00 (sold out)' }).waitFor();
    expect(await managerPage.locator('form#dish-edit, form#new-dish').count()).toBe(0);
    expect(await managerPage.getByRole('tab', { name: 'Price rules' }).count()).toBe(0);
    await keepScreenshots(managerPage, 'back-office-menu-manager');

    // The admin's open list follows the manager's 86 live.
    await dishRow(page, 'Tiramisu').filter({ hasText: 'Large €8.00 (sold out)' }).waitFor();
    await editor.getByRole('button', { name: 'Bring back Large' }).waitFor();
    // The tiramisu offers Sauces: deleting the group is refused with the API's reason; deleting an option is not.
    await tab(page, 'Modifier groups');
    await page.getByRole('button', { name: 'Delete the group Sauces' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /^Not saved: / })
      .waitFor();
    await page.getByRole('button', { name: 'Delete the option Mayo' }).click();
    await sauces.getByRole('button', { name: 'Delete the option Mayo' }).waitFor({ state: 'detached' });
    expect(await groupsNow()).toEqual([['Sauces ≤ 3', ['Ketchup 0']]]);

    expect([...problems, ...managerProblems]).toEqual([]);
    await managerContext.close();
    await context.close();
  }, 90_000);

  it('lists and creates combos, schedules, price levels and price rules', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const page = await openMenu(context, ADMIN.username, ADMIN.password);
    const problems = watchProblems(page);

    await tab(page, 'Schedules');
    await fillForm(page, 'new-schedule', {
      'Schedule name': 'Lunch',
      'From (HH:MM)': '11:30',
      'To (HH:MM)': '14:00',
    });
    for (const day of ['Mon', 'Tue', 'Wed']) await page.locator('form#new-schedule').getByLabel(day).check();
    await page.locator('form#new-schedule').getByRole('button', { name: 'Add the schedule' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Lunch · Mon, Tue, Wed 11:30–14:00' }).waitFor();

    await tab(page, 'Combos');
    await fillForm(page, 'new-combo', {
      'Combo name': 'Lunch deal',
      Category: 'Bulk',
      'Price (EUR)': '9.90',
      'Slot name': 'Main',
      'First choice': 'Bulk dish 001',
      'Second choice': 'Bulk dish 002',
    });
    await page.locator('form#new-combo').getByRole('button', { name: 'Add the combo' }).click();
    await page
      .getByRole('listitem')
      .filter({ hasText: 'Lunch deal · Main: Bulk dish 001, Bulk dish 002' })
      .waitFor();

    // Main's second choice costs 1.50 more, set through the API: the editor shows it and keeps it.
    const admin = await loginAdmin(t);
    type Choice = { name: string; upcharge: number };
    type Slot = { name: string; choices: Choice[] };
    type MenuDish = { id: string; name: string; combo: { slots: Slot[] } };
    const menuDish = async (name: string): Promise<MenuDish> => {
      const menu = await t.http().get('/api/v1/menu').expect(200);
      const categories = menu.body.categories as Array<{ dishes: MenuDish[] }>;
      return categories.flatMap((category) => category.dishes).find((dish) => dish.name === name)!;
    };
    const { id } = await menuDish('Lunch deal');
    const { body: dish } = await as(t, admin).get(`/api/v1/dishes/${id}`).expect(200);
    const [main] = dish.combo.slots as Array<{ choices: object[] }>;
    main.choices = main.choices.map((choice, at) => ({ ...choice, upcharge: at * 150 }));
    await as(t, admin).patch(`/api/v1/dishes/${id}`).send({ combo: dish.combo }).expect(200);
    // A dish saved elsewhere raises no event: the page reads the menu again.
    await page.reload();

    // The combo's editor: a slot refused without choices (beside the field), two added through the picker (one
    // choice removed again), one moved, one removed.
    await tab(page, 'Dishes');
    await page.getByLabel('Find a dish').fill('Lunch deal');
    await dishRow(page, 'Lunch deal').getByRole('button', { name: 'Lunch deal' }).click();
    await page
      .locator('form#slot-0')
      .getByRole('listitem')
      .filter({ hasText: 'Bulk dish 002 +€1.50' })
      .waitFor();
    const newSlot = page.locator('form#new-slot');
    await fillForm(page, 'new-slot', { 'Slot name': 'Drink' });
    await newSlot.getByRole('button', { name: 'Add the slot' }).click();
    await page.locator('#new-slot-choices-error').waitFor();
    // Hundreds of dishes: the picker shows the first 20 that match, and how many more a filter would find.
    expect(await newSlot.getByRole('list', { name: 'Choices to add' }).getByRole('button').count()).toBe(20);
    await newSlot.getByText(/^\d+ more: type to narrow them down\.$/).waitFor();
    const pick = async (choice: string) => {
      await newSlot.getByLabel('Find one to add').fill(choice);
      await newSlot.getByRole('button', { name: `Add ${choice}`, exact: true }).click();
      await newSlot.getByRole('button', { name: `Remove ${choice}`, exact: true }).waitFor();
    };
    await pick('Bulk dish 003');
    await pick('Bulk dish 005');
    await newSlot.getByRole('button', { name: 'Remove Bulk dish 005', exact: true }).click();
    await newSlot.getByRole('button', { name: 'Add the slot' }).click();
    await page.getByRole('button', { name: 'Remove the slot Drink' }).waitFor();
    await fillForm(page, 'new-slot', { 'Slot name': 'Extra' });
    await pick('Bulk dish 004');
    await newSlot.getByRole('button', { name: 'Add the slot' }).click();
    await page.getByRole('button', { name: 'Remove the slot Extra' }).waitFor();
    await page.getByRole('button', { name: 'Move Drink up' }).click();
    await page.getByRole('button', { name: 'Move Drink up' }).and(page.locator(':disabled')).waitFor();
    await page.getByRole('button', { name: 'Remove the slot Extra' }).click();
    await page.getByRole('button', { name: 'Remove the slot Extra' }).waitFor({ state: 'detached' });
    await keepScreenshots(page, 'back-office-menu-combo-slots');
    const upcharged = (choice: Choice) => `${choice.name} +${choice.upcharge}`;
    const { combo } = await menuDish('Lunch deal');
    expect(combo.slots.map((slot) => [slot.name, slot.choices.map(upcharged)])).toEqual([
      ['Drink', ['Bulk dish 003 +0']],
      ['Main', ['Bulk dish 001 +0', 'Bulk dish 002 +150']],
    ]);

    await tab(page, 'Price levels');
    await fillForm(page, 'new-price-level', { 'Level name': 'Terrace' });
    await page.locator('form#new-price-level').getByLabel('Delivery').uncheck();
    await page.locator('form#new-price-level').getByRole('button', { name: 'Add the price level' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Terrace · 0 prices · Dine in, Takeaway' }).waitFor();

    await tab(page, 'Price rules');
    await fillForm(page, 'new-price-rule', {
      'Rule name': 'Happy hour',
      Schedule: 'Lunch',
      Category: 'Bulk',
      Kind: 'Percent off',
      'Value (percent, or EUR)': '20',
    });
    await page.locator('form#new-price-rule').getByRole('button', { name: 'Add the price rule' }).click();
    await page.getByRole('listitem').filter({ hasText: 'Happy hour · Percent off' }).waitFor();
    await keepScreenshots(page, 'back-office-menu-price-rules');

    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
  it('exports the menu as CSV, checks an edited file (nothing changes), then imports exactly that', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    context.setDefaultTimeout(15_000);
    const page = await openMenu(context, ADMIN.username, ADMIN.password);
    const problems = watchProblems(page);
    const admin = await loginAdmin(t);
    type Dish = { name: string; variations: Array<{ price: number }> };
    const dishNamed = async (name: string): Promise<Dish | null> => {
      for (let page = 1, pages = 1; page <= pages; page++) {
        const { body } = await as(t, admin).get('/api/v1/dishes').query({ perPage: 100, page }).expect(200);
        pages = body.pages as number;
        const found = (body.items as Dish[]).find((dish) => dish.name === name);
        if (found) return found;
      }
      return null;
    };

    await page.getByText('The menu as a spreadsheet (CSV)').click();
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export the menu (CSV)' }).click(),
    ]);
    expect(file.suggestedFilename()).toBe('menu.csv');
    const exported = (await downloadedBytes(file)).toString('utf8');
    const lines = exported.split('\r\n');
    const first = lines.findIndex((line) => line.includes(',Bulk dish 001,'));
    expect(lines[first]).toContain(',5.00,');
    lines[first] = lines[first].replace(',5.00,', ',6.00,');
    const edited = [
      ...lines.filter((line) => line !== ''),
      ',Bulk,Bulk dish 999,Regular,7.00,,Grill,,yes',
    ].join('\r\n');

    await page.getByLabel('Or paste its text').fill(edited);
    await page.getByRole('button', { name: 'Check', exact: true }).click();
    await page.getByText(/^1 to create, 1 to change, \d+ unchanged\.$/).waitFor();
    const changes = page.getByRole('table', { name: 'What would change' });
    expect(await changes.getByRole('row').allInnerTexts()).toEqual([
      expect.stringMatching(/^Line\s+Action\s+Dish\s+Columns changed$/),
      expect.stringMatching(/Bulk dish 001.*\s+price$/),
      expect.stringMatching(/\screate\s+Bulk dish 999 \(Regular\)/),
    ]);
    await keepScreenshots(page, 'back-office-menu-menu-import-check');
    // The check changed nothing.
    expect((await dishNamed('Bulk dish 001'))!.variations[0].price).toBe(500);
    expect(await dishNamed('Bulk dish 999')).toBeNull();

    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: 2 lines changed the menu.' }).waitFor();
    expect((await dishNamed('Bulk dish 001'))!.variations[0].price).toBe(600);
    expect((await dishNamed('Bulk dish 999'))!.variations[0].price).toBe(700);
    // The screen reads the menu again: the new dish is in its list.
    await page.getByLabel('Find a dish').fill('Bulk dish 999');
    await page.getByRole('button', { name: 'Bulk dish 999', exact: true }).waitFor();

    expect(problems).toEqual([]);
    await context.close();
  }, 90_000);
});
