/**
 * The walk's screens between the guide and the night (back-office-walk.ts): the menu, the floor, the staff and the
 * devices, each shown and, in German, checked by `shows`.
 */
import type { Page } from 'playwright-core';
import type { Shows } from './back-office-guide-walk';
import type { WalkHelpers } from './back-office-walk-helpers';

export function screenSteps(w: WalkHelpers, shows: Shows, url: string) {
  const { pattern, money, typed, bo, guide, screen, menu, fill, submit, open, heading, row, download } = w;
  /** The menu screen: every tab shown; a second dish, with a second variation, added there. */
  async function buildTheMenu(page: Page): Promise<void> {
    await open(page, 'menu');
    await heading(page, menu('heading'));
    const dishRow = (name: string) =>
      page
        .getByRole('table', { name: menu('dishes') })
        .getByRole('row')
        .filter({ hasText: name });
    await dishRow('Burger').waitFor();
    const price = menu('price', { currency: 'EUR' });
    await fill(page, 'new-dish', {
      [menu('dishName')]: 'Fries',
      [menu('category')]: 'Mains',
      [menu('station')]: 'Grill',
      [price]: typed(400),
    });
    await submit(page, 'new-dish', menu('addDish'));
    await dishRow('Fries').getByRole('button', { name: 'Fries', exact: true }).click();
    await page.getByRole('region', { name: 'Fries' }).waitFor();
    await fill(page, 'new-variation', { [menu('variationName')]: 'Large', [price]: typed(550) });
    await submit(page, 'new-variation', menu('addVariation'));
    await dishRow('Fries')
      .filter({ hasText: menu('variationPrice', { name: 'Large', price: money(550) }) })
      .waitFor();
    await shows(page, 'menu-dishes');
    const tabs: Array<[string, string]> = [
      ['categories', 'new-category'],
      ['modifiers', 'new-modifier-group'],
      ['stations', 'new-station'],
      ['combos', 'new-combo'],
      ['schedules', 'new-schedule'],
      ['priceLevels', 'new-price-level'],
      ['priceRules', 'new-price-rule'],
    ];
    for (const [tab, form] of tabs) {
      await page.getByRole('tab', { name: menu(`tab.${tab}`), exact: true }).click();
      await page.locator(`form#${form}`).waitFor();
      await shows(page, `menu-${tab}`);
    }
  }

  /** The floor screen: a second table, and the sheet of the tables' QR codes as a PDF. */
  async function addToTheFloor(page: Page): Promise<void> {
    await open(page, 'floor');
    await heading(page, screen('floor.heading'));
    await fill(page, 'table', {
      [guide('floor.tableName')]: 'T2',
      [guide('floor.seats')]: '2',
      [guide('floor.room')]: 'Terrace',
    });
    await submit(page, 'table', guide('floor.addTable'));
    await row(
      page,
      guide('floor.tables'),
      guide('floor.tableRow', { name: 'T2', room: 'Terrace', seats: 2 }),
    ).waitFor();
    const sheet = await download(page, () =>
      page.getByRole('button', { name: screen('floor.qrSheet') }).click(),
    );
    expect(sheet.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await shows(page, 'floor');
  }

  async function visitStaff(page: Page): Promise<void> {
    await open(page, 'staff');
    await heading(page, screen('staff.heading'));
    await row(
      page,
      screen('staff.people'),
      screen('staff.row', {
        name: 'Wanda',
        username: 'wanda',
        role: guide('staff.roles.waiter'),
        state: screen('staff.active'),
      }),
    ).waitFor();
    await shows(page, 'staff');
  }

  /** The devices screen: the paired kitchen screen listed; a pickup board added; answers the board's link. */
  async function addAPickupBoard(page: Page): Promise<string> {
    await open(page, 'devices');
    await heading(page, screen('devices.heading'));
    await row(
      page,
      screen('devices.kitchenScreens'),
      pattern('backOffice.opsScreens.devices.seenRow', {
        name: 'Grill screen',
      }),
    ).waitFor();
    await fill(page, 'pickup-board', { [screen('devices.boardName')]: 'Counter board' });
    await submit(page, 'pickup-board', bo('form.add'));
    const link = row(page, screen('devices.pickupBoards'), 'Counter board').getByRole('link', {
      name: screen('devices.openBoard'),
    });
    await link.waitFor();
    await shows(page, 'devices');
    // The board's link is the public address's; the test's service listens elsewhere.
    const board = new URL((await link.getAttribute('href'))!);
    expect(board.pathname).toBe('/pickup');
    return `${url}${board.pathname}${board.search}`;
  }

  return { buildTheMenu, addToTheFloor, visitStaff, addAPickupBoard };
}
