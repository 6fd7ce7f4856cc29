import type { Browser } from 'playwright-core';
import { CHROMIUM, describeInBrowser, keepScreenshot } from './support/browser';
import { as, type NewStaff } from './support/clients';
import type { Restaurant } from './support/factories';
import { startKitchenSpec } from './support/kitchen-screen';
import type { TestApp } from './support/test-app';

type Order = { id: string; number: number; items: Array<{ id: string }> };

/**
 * What the Ready column of the board shows: its numbers inside the box, the note of those left out, and whether one
 * more cell would still fit after the last.
 */
interface ReadyColumn {
  shown: string[];
  note: string;
  /** Cells rendered that fall outside the box (cut off or pushed off the screen). */
  clipped: number;
  roomForOneMore: boolean;
}

const READY = 40;
const PREPARING = 6;
/** Enough three-digit numbers that the smallest size leaves some out on a laptop. */
const MORE_READY = 100;

describeInBrowser(`The pickup board fits its numbers to the screen (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: Restaurant;
  let waiter: NewStaff;
  let cook: NewStaff;
  let token: string;
  /** The ready numbers by how long they have been ready, longest first. */
  let readyLongestFirst: string[];

  beforeAll(async () => {
    let manager: NewStaff;
    ({ t, browser, r, waiter, cook, manager } = await startKitchenSpec({ RESTAURANT_NAME: 'Chez Board' }));
    token = (await as(t, manager.session).post('/api/v1/pickup-boards').send({ name: 'Counter' }).expect(201))
      .body.token as string;
    const placed: Order[] = [];
    for (let i = 0; i < READY + PREPARING; i += 1) {
      const order = await as(t, waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] })
        .expect(201);
      placed.push(order.body as Order);
    }
    // Ready newest order first: the order numbers and the time ready run opposite ways.
    const ready = placed.slice(0, READY).reverse();
    for (const order of ready) {
      await as(t, cook.session)
        .patch(`/api/v1/orders/${order.id}/items/${order.items[0].id}/status`)
        .send({ status: 'ready' })
        .expect(200);
    }
    readyLongestFirst = ready.map((order) => String(order.number));
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function readyColumnAt(
    viewport: { width: number; height: number },
    name: string,
  ): Promise<ReadyColumn> {
    const context = await browser.newContext({ viewport });
    try {
      const page = await context.newPage();
      await page.goto(`${t.url}/pickup?board=${token}`);
      await page.locator('section.ready li').first().waitFor();
      // The board settles its size after the first paint: wait until two looks a frame apart agree.
      let column: ReadyColumn | null = null;
      for (let look = 0; look < 20; look += 1) {
        await page.waitForTimeout(100);
        const next = await page.evaluate<ReadyColumn>(`(() => {
          const list = document.querySelector('section.ready ul');
          const box = list.getBoundingClientRect();
          const right = Math.min(box.right, innerWidth);
          const bottom = Math.min(box.bottom, innerHeight);
          const inside = (cell) => cell.left >= box.left - 0.5 && cell.right <= right + 0.5 &&
            cell.top >= box.top - 0.5 && cell.bottom <= bottom + 0.5;
          const cells = [...list.querySelectorAll('li')];
          const rects = cells.map((li) => li.getBoundingClientRect());
          const last = rects[rects.length - 1];
          const roomForOneMore = !!last && (last.right + last.width <= right + 0.5 ||
            last.bottom + last.height <= bottom + 0.5);
          return {
            shown: cells.filter((_, i) => inside(rects[i])).map((li) => li.textContent),
            note: document.querySelector('section.ready h2 .more')?.textContent?.trim() ?? '',
            clipped: rects.filter((rect) => !inside(rect)).length,
            roomForOneMore,
          };
        })()`);
        if (column && JSON.stringify(column) === JSON.stringify(next)) break;
        column = next;
      }
      await keepScreenshot(page, name);
      return column!;
    } finally {
      await context.close();
    }
  }

  /** The board's promise at any size: nothing cut off, the numbers ready longest shown, none left out while there is room. */
  function expectFitted(column: ReadyColumn, readyCount: number): void {
    expect(column.clipped).toBe(0);
    expect(column.shown).toEqual(readyLongestFirst.slice(0, column.shown.length));
    const hidden = readyCount - column.shown.length;
    expect(column.note).toBe(hidden === 0 ? '' : `+ ${hidden} more`);
    if (hidden > 0) expect(column.roomForOneMore).toBe(false);
  }

  it.each([
    ['a laptop', { width: 1280, height: 800 }],
    ['a landscape TV', { width: 1920, height: 1080 }],
    ['a portrait TV', { width: 1080, height: 1920 }],
    ['a small screen', { width: 800, height: 450 }],
  ])('on %s shows all 40 ready numbers, longest ready first, none cut off', async (_, viewport) => {
    const column = await readyColumnAt(viewport, `pickup-fit-${viewport.width}x${viewport.height}`);
    expectFitted(column, READY);
    expect(column.shown).toHaveLength(READY);
  });

  it('when even the smallest numbers cannot all fit, leaves out the ones ready last, and only as many as it must', async () => {
    for (let i = 0; i < MORE_READY; i += 1) {
      const order = (
        await as(t, waiter.session)
          .post('/api/v1/orders')
          .send({ type: 'takeaway', items: [{ dishId: r.fries.id, quantity: 1 }] })
          .expect(201)
      ).body as Order;
      await as(t, cook.session)
        .patch(`/api/v1/orders/${order.id}/items/${order.items[0].id}/status`)
        .send({ status: 'ready' })
        .expect(200);
      readyLongestFirst.push(String(order.number));
    }
    const column = await readyColumnAt({ width: 1280, height: 800 }, 'pickup-fit-crowded');
    expectFitted(column, READY + MORE_READY);
    expect(column.note).not.toBe('');
  }, 120_000);
});
