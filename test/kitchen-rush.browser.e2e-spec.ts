import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, describeInBrowser, keepScreenshot } from './support/browser';
import { as, type NewStaff, type Session } from './support/clients';
import { factories, type Restaurant } from './support/factories';
import {
  closeScreens,
  type KitchenScreen,
  newKitchenDevice,
  openKitchenScreen,
  startKitchenSpec,
  ticketOf,
  TV,
} from './support/kitchen-screen';
import type { TestApp } from './support/test-app';

type Order = { id: string; number: number; items: Array<{ id: string; name: string; status: string }> };

const TICKETS = 30;
/** A rush bumps some 150 lines one request each: on a loaded machine and PostgreSQL that is past jest's minute. */
const RUSH_TIMEOUT_MS = 150_000;
/** A comment near the API's 500-character limit, with a word too long for any column. */
const LONG_COMMENT = (
  'Guest is allergic to sesame, use the clean board and a fresh pan, no seeds on the bun, sauce on the side, ' +
  'Donaudampfschifffahrtsgesellschaftskapitaenswitwenrentenversicherung ' +
  'cut in half for sharing, well done, no pink at all, plate separately for the child, '
)
  .repeat(3)
  .slice(0, 480);

/** Where a box sits against the ticket flow's visible rectangle (the page the cook sees). */
type Placement = 'inside' | 'before' | 'after';

describeInBrowser(`A rush on the kitchen screen (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: Restaurant;
  let admin: Session;
  let waiter: NewStaff;
  let cook: NewStaff;
  let manager: NewStaff;
  const screens: KitchenScreen[] = [];

  beforeAll(async () => {
    ({ t, browser, r, admin, waiter, cook, manager } = await startKitchenSpec({
      CURRENCY: 'EUR',
      RESTAURANT_NAME: 'Chez Rush',
    }));
  });
  afterEach(async () => expect(await closeScreens(screens)).toEqual([]));
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function order(body: Record<string, unknown>): Promise<Order> {
    const created = await as(t, waiter.session).post('/api/v1/orders').send(body).expect(201);
    return created.body as Order;
  }

  /** Ticket i of the rush: every fifth a 12-line ticket with long comments, every fifth another of 10 lines. */
  function rushOrder(i: number, tableId: string): Record<string, unknown> {
    const lineCount = i % 5 === 0 ? 12 : i % 5 === 1 ? 10 : 2 + (i % 3);
    const items = Array.from({ length: lineCount }, (_, n) => ({
      ...(n % 2 === 0
        ? { dishId: r.burger.id, variationId: r.burger.variations[n % 4 === 0 ? 0 : 1].id }
        : { dishId: r.fries.id }),
      quantity: 1 + (n % 3),
      seat: 1 + (n % 4),
      ...(i % 5 === 0 && n % 4 === 0 ? { comment: LONG_COMMENT } : {}),
      ...(i % 5 === 1 && n === 9 ? { comment: `line ${n} ${'x'.repeat(60)}` } : {}),
    }));
    return { type: 'dine_in', tableId, guests: 4, items };
  }

  async function placeRush(): Promise<Order[]> {
    const make = factories(t, admin);
    const orders: Order[] = [];
    // One after the other: the tickets' order of firing is the order placed.
    for (let i = 0; i < TICKETS; i += 1) {
      const table = await make.newTable(`Rush ${i + 1}`);
      orders.push(await order(rushOrder(i, table.id)));
    }
    return orders;
  }

  /**
   * The lines inside the ticket flow's visible rectangle (and the window), as `<id> <part>/<parts>`: a line is one
   * part, or more when a long comment goes on in the next column; and any line wider than its column (a word that
   * did not wrap). Run in the page: the tests know no DOM types.
   */
  const visibleLines = (page: Page) =>
    page.evaluate<{ visible: string[]; overflowing: string[] }>(`(() => {
      const flow = document.querySelector('.flow').getBoundingClientRect();
      const inside = (box) =>
        box.left >= flow.left - 1 && box.right <= flow.right + 1 && box.top >= flow.top - 1 &&
        box.bottom <= flow.bottom + 1 && box.bottom <= innerHeight && box.right <= innerWidth;
      const lines = [...document.querySelectorAll('[data-line-id]')];
      return {
        visible: lines.flatMap((line) =>
          [...line.getClientRects()].flatMap((box, i, all) =>
            inside(box) && line.innerText.trim().length > 0 ? [line.dataset.lineId + ' ' + (i + 1) + '/' + all.length] : [],
          ),
        ),
        overflowing: lines.filter((line) => line.scrollWidth > line.clientWidth + 1).map((line) => line.dataset.lineId),
      };
    })()`);

  async function placement(page: Page, selector: ReturnType<Page['locator']>): Promise<Placement> {
    const [box, flow] = await Promise.all([selector.boundingBox(), page.locator('.flow').boundingBox()]);
    if (!box || !flow) throw new Error('not laid out');
    if (box.x + box.width <= flow.x + 1) return 'before';
    if (box.x >= flow.x + flow.width - 1) return 'after';
    expect(box.y).toBeGreaterThanOrEqual(flow.y - 1);
    expect(box.y + box.height).toBeLessThanOrEqual(flow.y + flow.height + 1);
    return 'inside';
  }

  /**
   * The cook reads the board page by page, from the first: every line is whole on one of them, and no word is wider
   * than its column. Then bumps the tickets newest first (the last pages), turning pages to each Bump as a cook
   * would: it is clicked where it shows, with the mouse, and only once it shows inside the board.
   */
  async function workTheRush(page: Page, orders: Order[], screenshot: string): Promise<void> {
    await Promise.all(orders.map((order) => ticketOf(page, order.number).waitFor({ state: 'attached' })));
    const later = page.getByRole('button', { name: 'Later' });
    const earlier = page.getByRole('button', { name: 'Earlier' });
    const pageOf = page.getByRole('status', { name: 'Page' });
    const seen = new Set<string>();
    for (let turned = 0; ; turned += 1) {
      const { visible, overflowing } = await visibleLines(page);
      expect(overflowing).toEqual([]);
      for (const id of visible) seen.add(id);
      if (turned === 0) await keepScreenshot(page, screenshot);
      if (await later.isDisabled()) break;
      const before = await pageOf.innerText();
      await later.click();
      await pageOf.filter({ hasNotText: before }).waitFor();
    }
    expect(await pageOf.innerText()).toMatch(/^Page (\d+) of \1$/);
    // Each line whole, or (a comment taller than a column) each of its parts: `<id> <part>/<parts>`.
    const parts = new Map([...seen].map((part) => [part.split(' ')[0], Number(part.split('/')[1])]));
    const allParts = orders.flatMap((order) =>
      order.items.flatMap((item) =>
        Array.from(
          { length: parts.get(item.id) ?? 1 },
          (_, i) => `${item.id} ${i + 1}/${parts.get(item.id) ?? 1}`,
        ),
      ),
    );
    expect(allParts.filter((part) => !seen.has(part))).toEqual([]);

    for (const order of [...orders].reverse()) {
      const ticket = ticketOf(page, order.number);
      const bump = ticket.getByRole('button', { name: `Bump #${order.number}` });
      for (let where = await placement(page, bump); where !== 'inside'; where = await placement(page, bump)) {
        await (where === 'after' ? later : earlier).click();
      }
      const box = (await bump.boundingBox())!;
      await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
      await ticket.waitFor({ state: 'detached' });
    }
    await page.getByText('No tickets. All clear.').waitFor();

    for (const order of orders) {
      const now = await as(t, waiter.session).get(`/api/v1/orders/${order.id}`).expect(200);
      expect((now.body as Order).items.map((item) => item.status)).toEqual(order.items.map(() => 'ready'));
    }
  }

  it(
    'on a 1280×800 tablet, shows every line of 30 tickets at some page and reaches every Bump with the pager',
    async () => {
      const pairingCode = await newKitchenDevice(t, manager.session, {
        name: 'Rush grill',
        stationIds: [r.grill.id],
      });
      const screen = await openKitchenScreen(browser, t, { pairingCode, cook });
      screens.push(screen);
      await workTheRush(screen.page, await placeRush(), 'kitchen-rush-tablet');
    },
    RUSH_TIMEOUT_MS,
  );

  it(
    'on a 1920×1080 TV at the extra-large text size a manager set, the same',
    async () => {
      const created = await as(t, manager.session)
        .post('/api/v1/kitchen/devices')
        .send({ name: 'Rush TV', stationIds: [r.grill.id], expo: false })
        .expect(201);
      const device = await as(t, manager.session)
        .patch(`/api/v1/kitchen/devices/${created.body.device.id as string}`)
        .send({ textSize: 'xl' })
        .expect(200);
      expect(device.body.textSize).toBe('xl');
      const screen = await openKitchenScreen(browser, t, {
        pairingCode: created.body.pairingCode as string,
        cook,
        viewport: TV,
      });
      screens.push(screen);
      expect(await screen.page.locator('html[data-text-size="xl"]').count()).toBe(1);
      await workTheRush(screen.page, await placeRush(), 'kitchen-rush-tv-xl');
    },
    RUSH_TIMEOUT_MS,
  );

  it('shows every number of a busy pickup board on the counter TV, the newest included, smaller as they grow', async () => {
    const board = await as(t, manager.session)
      .post('/api/v1/pickup-boards')
      .send({ name: 'Counter' })
      .expect(201);
    const placed: Order[] = [];
    for (let i = 0; i < 50; i += 1) {
      placed.push(await order({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] }));
    }
    // Every other one is ready: 25 numbers in each column, more than the board showed before it fitted them.
    const ready = placed.filter((_, i) => i % 2 === 1);
    for (const one of ready) {
      await as(t, cook.session)
        .patch(`/api/v1/orders/${one.id}/items/${one.items[0].id}/status`)
        .send({ status: 'ready' })
        .expect(200);
    }
    const context = await browser.newContext({ viewport: TV });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/pickup?board=${board.body.token as string}`);
      const readyColumn = page.getByRole('region', { name: 'Ready' });
      const newest = ready[ready.length - 1].number;
      await readyColumn.getByText(String(newest), { exact: true }).waitFor();
      const shown = await page.evaluate<{ preparing: string[]; ready: string[] }>(`(() => {
        const inside = (box, outer) => box.left >= outer.left - 1 && box.right <= outer.right + 1 &&
          box.top >= outer.top - 1 && box.bottom <= outer.bottom + 1;
        const column = (name) => {
          const list = document.querySelector('section.' + name + ' ul');
          const outer = list.getBoundingClientRect();
          return [...list.querySelectorAll('li')]
            .filter((li) => inside(li.getBoundingClientRect(), outer) && outer.bottom <= innerHeight)
            .map((li) => li.textContent);
        };
        return { preparing: column('preparing'), ready: column('ready') };
      })()`);
      expect(shown.ready).toEqual(ready.map((one) => String(one.number)));
      expect(shown.preparing).toEqual(placed.filter((_, i) => i % 2 === 0).map((one) => String(one.number)));
      expect(await page.getByText(/\+ \d+ more/).count()).toBe(0);
      await keepScreenshot(page, 'pickup-board-busy');
    } finally {
      await context.close();
    }
  });
});
