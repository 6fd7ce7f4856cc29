/**
 * The back office walk's night (back-office-walk.ts), on the waiter tablet and the kitchen screen in the walk's
 * language, as a waiter and a cook would work it: a takeaway cooked, paid and picked up; a drink from the bar that
 * has no screen, served from "Sent"; a table whose second course is held, split by items, the kitchen screen
 * reloaded offline in between, the held course taken off after payment and the money given back, and the drinks'
 * check split evenly. What the night sold is kept as a person keeps a tally (each line as it was rung, each
 * payment as it was taken), so the walk can check every figure the back office shows against it.
 */
import type { Page } from 'playwright-core';
import { tableTile } from '../../scripts/waiter-tablet-driver';
import { SEEDED_NAMES } from '../../src/restaurant/seeded-names';
import { escape, type WalkHelpers } from './back-office-walk-helpers';

/** The night as the staff rang it up: enough to work every figure of the day out by hand. */
export interface NightTally {
  /** Each check closed, with the gross amount of each line (or line's share) it was paid for. */
  checks: number[][];
  /**
   * Lines taken off after they were rung up, by price: the back office counts each as a void, whoever took it off
   * (docs/clients.md), so a line removed from a paid check is seen beside the money given back for it.
   */
  removed: number[];
  /** What was taken and given back, by payment method's name. */
  payments: Record<string, { count: number; taken: number; givenBack: number[] }>;
}

export interface NightScreens {
  tablet: Page;
  kitchen: Page;
  /** Waits until the pickup board shows `number` as preparing or ready. */
  onBoard(state: 'preparing' | 'ready', number: string): Promise<void>;
  /** Waits until the pickup board no longer shows `number`. */
  offBoard(number: string): Promise<void>;
  /** Keeps a screen (and in German checks its words) as the walk does every screen. */
  shows(page: Page, name: string, kind: 'waiter' | 'kitchen' | 'pickup'): Promise<void>;
  /** Takes the kitchen screen offline, or back online. */
  setKitchenOffline(offline: boolean): Promise<void>;
}

export const PRICES = { burger: 850, fries: 400, largeFries: 550, cola: 350 };

/** The waiter's moves on the tablet, by the words the tablet shows in the walk's language. */
function tabletMoves(tablet: Page, w: WalkHelpers) {
  const waiter = (key: string, values?: Record<string, unknown>) => w.say(`waiter.${key}`, values);
  const startsWith = (key: string) => new RegExp(`^${escape(waiter(key))}`);
  const line = (name: string) => tablet.locator(`.line[data-line="${name}"]`);
  const button = (name: string) => tablet.getByRole('button', { name, exact: true });

  async function addDish(dish: string, options: { choice?: string; course?: number } = {}): Promise<void> {
    const menu = tablet.getByRole('region', { name: waiter('menu.label') });
    if (!(await menu.isVisible())) await button(waiter('order.addItems')).click();
    await tablet.getByRole('searchbox', { name: waiter('menu.search') }).fill(dish);
    await menu.locator(`.dish[data-dish="${dish}"]`).click();
    const dialog = tablet.getByRole('dialog', { name: dish });
    if (options.choice) await dialog.getByRole('button', { name: options.choice }).click();
    if (options.course) await dialog.getByLabel(waiter('dish.course')).selectOption(String(options.course));
    await dialog.getByRole('button', { name: startsWith('dish.add') }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  const send = () => tablet.getByRole('button', { name: startsWith('order.send') }).click();

  async function serve(name: string): Promise<void> {
    await line(name)
      .getByRole('button', { name: waiter('lines.servedOf', { name }) })
      .click();
    await line(name)
      .locator('.chip', { hasText: waiter('itemStatuses.served') })
      .waitFor();
  }

  /** Pays what is due on the check shown with the method named, and waits until nothing is due. */
  async function payAll(method: string): Promise<void> {
    await button(method).click();
    await button(waiter('check.pay', { method })).click();
    await tablet.getByText(waiter('check.nothingDue'), { exact: true }).waitFor();
  }

  async function closeCheck(): Promise<void> {
    await button(waiter('check.close')).click();
    await tablet.locator('img.receipt-qr').waitFor();
    await button(waiter('receipt.backToFloor')).click();
    await button(waiter('service.floor')).waitFor();
  }

  return { waiter, line, button, addDish, send, serve, payAll, closeCheck };
}

/** Works the night; answers its tally. */
export async function workTheNight(w: WalkHelpers, screens: NightScreens): Promise<NightTally> {
  const { tablet, kitchen, onBoard, offBoard, shows } = screens;
  const { waiter, line, button, addDish, send, serve, payAll, closeCheck } = tabletMoves(tablet, w);
  const kitchenSays = (key: string, values?: Record<string, unknown>) => w.say(`kitchen.${key}`, values);
  const ticket = () => kitchen.getByRole('article', { name: w.pattern('kitchen.ticket.label') });
  const numberOf = async () => /\d+/.exec((await ticket().getAttribute('aria-label'))!)![0];
  const bump = async () => {
    await ticket()
      .getByRole('button', { name: kitchenSays('ticket.bump') })
      .click();
    await ticket().waitFor({ state: 'detached' });
  };
  const { burger, fries, largeFries, cola } = PRICES;
  // The names the service gave, in the restaurant's language: the guide made it the walk's.
  const [cash, card, regular] = (['cashMethod', 'cardMethod', 'defaultVariation'] as const).map(
    (row) => SEEDED_NAMES[row][w.language],
  );

  // A takeaway: cooked and bumped on the grill's screen, shown on the pickup board, paid, then handed over.
  await tablet.getByLabel(waiter('takeaway.guestNameLabel')).fill('Anna');
  await button(waiter('takeaway.start')).click();
  await addDish('Burger');
  await addDish('Fries', { choice: 'Large' });
  await send();
  await ticket().waitFor();
  const takeaway = await numberOf();
  // A ticket in one column has no "(continued)" header anywhere on it.
  expect(await ticket().locator('[data-continued]').count()).toBe(0);
  await shows(kitchen, 'kitchen-ticket', 'kitchen');
  await onBoard('preparing', takeaway);
  await shows(tablet, 'waiter-takeaway', 'waiter');
  await bump();
  await onBoard('ready', takeaway);
  await button(waiter('order.checkAndPay')).click();
  await payAll(cash);
  await button(waiter('check.backToOrder')).click();
  await button(waiter('order.pickedUp', { number: takeaway })).click();
  await offBoard(takeaway);
  await button(waiter('order.checkAndPay')).click();
  await closeCheck();

  // A table's drink from the bar, which has no screen: the waiter serves it from "Sent".
  await tableTile(tablet, 'T1').click();
  await addDish('Cola');
  await send();
  await line('Cola')
    .locator('.chip', { hasText: waiter('itemStatuses.new') })
    .waitFor();
  await serve('Cola');
  await button(waiter('order.checkAndPay')).click();
  await payAll(cash);
  await closeCheck();
  expect(await kitchen.getByText('Cola').count()).toBe(0);

  // T2: burger and fries now, large fries as a second course held until fired, and a cola.
  await tableTile(tablet, 'T2').click();
  await addDish('Burger');
  await addDish('Fries', { choice: regular });
  await addDish('Cola');
  await addDish('Fries', { choice: 'Large', course: 2 });
  await tablet.getByLabel(waiter('order.holdLater')).check();
  await send();
  await ticket().waitFor();
  const t2 = await numberOf();

  // The kitchen screen reloaded without the network shows the ticket it last knew and says so, never "All clear".
  await screens.setKitchenOffline(true);
  await kitchen.reload();
  await kitchen
    .getByRole('status', { name: kitchenSays('board.connection') })
    .filter({ hasText: new RegExp(`^${escape(kitchenSays('board.offline'))}`) })
    .waitFor();
  await kitchen.getByText(w.pattern('kitchen.board.lastKnownAt')).waitFor();
  await ticket().filter({ hasText: 'Burger' }).waitFor();
  expect(await kitchen.getByText(kitchenSays('board.allClear')).count()).toBe(0);
  await shows(kitchen, 'kitchen-offline', 'kitchen');
  await screens.setKitchenOffline(false);
  await kitchen
    .getByRole('status', { name: kitchenSays('board.connection') })
    .filter({ hasText: new RegExp(`^${escape(kitchenSays('board.live'))}`) })
    .waitFor();
  expect(await numberOf()).toBe(t2);
  // The held course is on the ticket, marked held; bumping the ticket leaves it for when it is fired.
  await ticket()
    .getByText(kitchenSays('ticket.courseHeld', { course: 2 }))
    .waitFor();
  await bump();

  for (const dish of ['Burger', 'Fries']) {
    await line(dish)
      .locator('.chip', { hasText: waiter('itemStatuses.ready') })
      .waitFor();
    await serve(dish);
  }
  await serve('Cola');
  await line('Fries (Large)')
    .or(tablet.getByRole('region', { name: waiter('lines.course', { course: 2 }) }).locator('.line'))
    .locator('.chip', { hasText: waiter('itemStatuses.held') })
    .waitFor();

  // The cola to a check of its own; the rest paid in full, in cash.
  await button(waiter('order.checkAndPay')).click();
  await button(waiter('split.byItems')).click();
  await tablet.getByLabel(`1 × Cola`).check();
  await button(waiter('split.toNewCheck')).click();
  await tablet.getByRole('list', { name: waiter('shares.others') }).waitFor();
  await tablet
    .getByRole('region', { name: waiter('check.guestCheck') })
    .getByText('Cola')
    .waitFor({ state: 'detached' });
  await payAll(cash);
  await shows(tablet, 'waiter-paid', 'waiter');

  // The held course taken off after payment: paid over by its price, given back from the tablet, then closed.
  await button(waiter('check.backToOrder')).click();
  const held = tablet.getByRole('region', { name: waiter('lines.course', { course: 2 }) });
  await held.getByRole('button', { name: waiter('lines.removeOf', { name: 'Fries' }) }).click();
  await tablet
    .getByRole('group', { name: waiter('lines.removeAsk') })
    .getByRole('button', { name: waiter('lines.removeIt') })
    .click();
  await button(waiter('order.checkAndPay')).click();
  const giveBack = tablet.getByRole('group', { name: waiter('check.giveBackHeading') });
  await giveBack
    .getByRole('button', { name: waiter('check.giveBack', { amount: w.money(largeFries) }) })
    .click();
  await tablet.getByText(waiter('check.nothingDue'), { exact: true }).waitFor();
  await shows(tablet, 'waiter-given-back', 'waiter');
  await closeCheck();

  // The cola's check split evenly, each part paid by card.
  await tableTile(tablet, 'T2').click();
  await button(waiter('order.checkAndPay')).click();
  await button(waiter('split.evenly')).click();
  await tablet.getByText(w.pattern('waiter.shares.out', { part: 2, parts: 2 })).waitFor();
  await shows(tablet, 'waiter-split-evenly', 'waiter');
  await payAll(card);
  await closeCheck();
  await tableTile(tablet, 'T2').click();
  await button(waiter('order.checkAndPay')).click();
  await tablet.getByText(w.pattern('waiter.shares.in', { part: 2, parts: 2 })).waitFor();
  await payAll(card);
  await closeCheck();
  await kitchen.getByText(kitchenSays('board.allClear')).waitFor();

  return {
    checks: [[burger, largeFries], [cola], [burger, fries], [cola / 2], [cola / 2]],
    removed: [largeFries],
    payments: {
      [cash]: {
        count: 3,
        taken: burger + largeFries + cola + burger + fries + largeFries,
        givenBack: [largeFries],
      },
      [card]: { count: 2, taken: cola, givenBack: [] },
    },
  };
}

/** The restaurant's one rate in the walk: every dish at the guide's default, VAT 19 %, contained in the prices. */
const PERCENT = 19;

/**
 * The day's figures worked out from the tally as docs/money.md defines them: the tax contained in each line's
 * price, `price × 19 / 119` rounded half up per line (TAX_ROUNDING=line); net is before tax, gross with it; the
 * average ticket is gross over the checks closed, half up.
 */
export function figuresByHand(tally: NightTally) {
  const lines = tally.checks.flat();
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const gross = sum(lines);
  const tax = sum(lines.map((line) => Math.round((line * PERCENT) / (100 + PERCENT))));
  const payments = Object.entries(tally.payments).map(([method, { count, taken, givenBack }]) => ({
    method,
    count,
    taken,
    givenBack: sum(givenBack),
    net: taken - sum(givenBack),
  }));
  return {
    orders: tally.checks.length,
    gross,
    tax,
    net: gross - tax,
    averageTicket: Math.round(gross / tally.checks.length),
    voids: sum(tally.removed),
    givenBack: sum(payments.map((payment) => payment.givenBack)),
    givenBackTimes: Object.values(tally.payments).flatMap((payment) => payment.givenBack).length,
    payments,
  };
}
