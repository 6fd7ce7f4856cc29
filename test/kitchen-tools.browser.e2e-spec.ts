import { CHROMIUM, describeInBrowser, keepScreenshot } from './support/browser';
import { as } from './support/clients';
import {
  closeScreens,
  type KitchenScreen,
  type KitchenSpecSetting,
  newKitchenDevice,
  openKitchenScreen,
  startKitchenSpec,
  ticketOf,
  TV,
} from './support/kitchen-screen';

type Item = { id: string; name: string; status: string };
type Order = { id: string; number: number; items: Item[] };

/** The kitchen's own tools on the screen: the bump bar, the expo, 86, and taps the service answers "not yet". */
describeInBrowser(`The kitchen screen's tools in a real browser (${CHROMIUM})`, () => {
  let k: KitchenSpecSetting;
  const screens: KitchenScreen[] = [];

  beforeAll(async () => {
    k = await startKitchenSpec({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Outils' });
  });
  afterEach(async () => expect(await closeScreens(screens)).toEqual([]));
  afterAll(async () => {
    await k?.browser.close();
    await k?.t.close();
  });

  async function grillScreen(): Promise<KitchenScreen> {
    const pairingCode = await newKitchenDevice(k.t, k.manager.session, {
      name: 'Grill screen',
      stationIds: [k.r.grill.id],
    });
    const screen = await openKitchenScreen(k.browser, k.t, { pairingCode, cook: k.cook });
    screens.push(screen);
    return screen;
  }

  async function order(body: Record<string, unknown>): Promise<Order> {
    const created = await as(k.t, k.waiter.session).post('/api/v1/orders').send(body).expect(201);
    return created.body as Order;
  }

  const variation = (name: string) => k.r.burger.variations.find((v) => v.name === name)!.id;
  const burgerAndFries = () =>
    order({
      type: 'dine_in',
      tableId: k.r.table.id,
      guests: 2,
      items: [
        { dishId: k.r.burger.id, variationId: variation('Double'), quantity: 2, seat: 1 },
        { dishId: k.r.fries.id, quantity: 1, seat: 2 },
        { dishId: k.r.beer.id, quantity: 2 },
      ],
    });
  const itemNamed = (placed: Order, prefix: string) =>
    placed.items.find((item) => item.name.startsWith(prefix))!;
  const lineOf = (page: KitchenScreen['page'], itemId: string) => page.locator(`[data-line-id="${itemId}"]`);

  it('works with a bump bar: arrows select, S starts, B bumps (then selects the next), R recalls', async () => {
    const screen = await grillScreen();
    const first = await burgerAndFries();
    const second = await burgerAndFries();
    const [firstTicket, secondTicket] = [first, second].map((placed) => ticketOf(screen.page, placed.number));
    await secondTicket.waitFor();
    const selected = (number: number) =>
      screen.page.locator(`article[aria-current="true"][aria-label="Ticket ${number}"]`).waitFor();
    const { keyboard } = screen.page;

    // Home selects the oldest ticket; earlier tests' tickets may still be on the screen before ours.
    const selectTicket = async (number: number) => {
      const shown = await Promise.all(
        (await screen.page.getByRole('article').all()).map((ticket) => ticket.getAttribute('aria-label')),
      );
      await keyboard.press('Home');
      for (let i = 0; i < shown.indexOf(`Ticket ${number}`); i += 1) await keyboard.press('ArrowRight');
      await selected(number);
    };
    await selectTicket(first.number);
    await keyboard.press('s');
    for (const item of [itemNamed(first, 'Burger'), itemNamed(first, 'Fries')]) {
      await lineOf(screen.page, item.id).and(screen.page.locator('[data-status="in_progress"]')).waitFor();
    }
    await keyboard.press('ArrowDown');
    await selected(second.number);
    await keyboard.press('b');
    await secondTicket.waitFor({ state: 'detached' });
    await keyboard.press('r');
    await secondTicket.waitFor();
    expect(await lineOf(screen.page, itemNamed(second, 'Burger').id).getAttribute('data-status')).toBe(
      'in_progress',
    );
    await selectTicket(first.number);
    await keyboard.press('B');
    await firstTicket.waitFor({ state: 'detached' });
    // The bump bar goes on with the ticket after the one bumped.
    await selected(second.number);
    await keyboard.press('b');
    await secondTicket.waitFor({ state: 'detached' });
  });

  it('makes a fired course stand out, ready and void look different, and names lines with seat and marks', async () => {
    const screen = await grillScreen();
    const placed = await order({
      type: 'dine_in',
      tableId: k.r.table.id,
      guests: 4,
      items: [
        { dishId: k.r.burger.id, variationId: variation('Regular'), quantity: 1, seat: 3 },
        { dishId: k.r.fries.id, quantity: 2 },
        { dishId: k.r.fries.id, quantity: 1, course: 2, hold: true },
      ],
    });
    const [burger, fries, later] = placed.items;
    const ticket = ticketOf(screen.page, placed.number);
    await ticket.locator('[data-held-course="2"]').waitFor();
    // The default variation reads as the paper ticket prints it: no "(Regular)".
    await ticket.getByRole('button', { name: /^1× Burger [^(,]*, S3 \(seat 3\): new$/ }).waitFor();
    expect(await ticket.innerText()).not.toContain('(Regular)');

    await as(k.t, k.waiter.session).post(`/api/v1/orders/${placed.id}/fire`).send({ course: 2 }).expect(200);
    const fired = ticket.locator('section.course.fired[data-course="2"]');
    await fired.getByText('FIRED').waitFor();
    await fired.locator(`[data-line-id="${later.id}"]`).waitFor();
    expect(await ticket.locator('section.course.fired').count()).toBe(1);

    await as(k.t, k.manager.session)
      .delete(`/api/v1/orders/${placed.id}/items/${burger.id}`)
      .send({ reason: 'guest left' })
      .expect(200);
    await lineOf(screen.page, fries.id).getByRole('button').click();
    await lineOf(screen.page, fries.id).and(screen.page.locator('[data-status="ready"]')).waitFor();
    await ticket.getByRole('button', { name: /Burger .*, VOID: void$/ }).waitFor();
    const strike = (itemId: string) =>
      screen.page.evaluate<string>(
        `getComputedStyle(document.querySelector('[data-line-id="${itemId}"] .name')).textDecorationLine`,
      );
    expect(await strike(burger.id)).toBe('line-through');
    expect(await strike(fries.id)).toBe('none');
    expect(await lineOf(screen.page, fries.id).innerText()).toContain('✓ READY');
    await keepScreenshot(screen.page, 'kitchen-marks');
  });

  it('lets a cook 86 a dish from the screen and bring it back', async () => {
    const screen = await grillScreen();
    await screen.page.getByRole('button', { name: '86 dishes' }).click();
    const panel = screen.page.getByRole('dialog', { name: '86 dishes' });
    await panel.getByRole('button', { name: `${k.r.fries.name}: available` }).click();
    await panel.getByRole('button', { name: `${k.r.fries.name}: 86’d` }).waitFor();
    expect(await panel.getByText(k.r.beer.name).count()).toBe(0);
    let dish = await as(k.t, k.admin).get(`/api/v1/dishes/${k.r.fries.id}`).expect(200);
    expect(dish.body.available).toBe(false);

    await panel.getByRole('button', { name: `${k.r.fries.name}: 86’d` }).click();
    await panel.getByRole('button', { name: `${k.r.fries.name}: available` }).waitFor();
    dish = await as(k.t, k.admin).get(`/api/v1/dishes/${k.r.fries.id}`).expect(200);
    expect(dish.body.available).toBe(true);
    await panel.getByRole('button', { name: 'Close' }).click();
    await panel.waitFor({ state: 'detached' });
  });

  it('keeps a tap the service answers "not yet" (409) and sends it again with its key until it applies', async () => {
    const screen = await grillScreen();
    const placed = await burgerAndFries();
    const fries = itemNamed(placed, 'Fries');
    const notYet = ['IDEMPOTENCY_IN_PROGRESS', 'TERMINAL_PAYMENT_RUNNING'];
    const keys: string[] = [];
    await screen.page.route(/\/items\/[^/]+\/status$/, async (route) => {
      keys.push(route.request().headers()['idempotency-key']);
      const code = notYet.shift();
      if (!code) return route.fallback();
      await route.fulfill({
        status: 409,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code, message: 'A card payment is running on this order.' } }),
      });
    });
    const tickets = screen.page.locator('.flow');
    const ticketsAt = await tickets.boundingBox();
    await lineOf(screen.page, fries.id).getByRole('button').click();
    await screen.page
      .getByRole('status')
      .filter({ hasText: /^Waiting to send: A card payment/ })
      .waitFor();
    // The notice floats: no ticket moves from where the cook's next tap will look for it.
    expect(await tickets.boundingBox()).toEqual(ticketsAt);
    await lineOf(screen.page, fries.id).and(screen.page.locator('[data-waiting="true"]')).waitFor();
    await lineOf(screen.page, fries.id)
      .and(screen.page.locator('[data-status="ready"]:not([data-waiting])'))
      .waitFor({ timeout: 20_000 });
    expect(keys).toHaveLength(3);
    expect(new Set(keys).size).toBe(1);
    const now = await as(k.t, k.waiter.session).get(`/api/v1/orders/${placed.id}`).expect(200);
    expect((now.body as Order).items.find((item) => item.id === fries.id)!.status).toBe('ready');
    await screen.page.getByText(/^Waiting to send/).waitFor({ state: 'detached' });
  });

  it('repeats a long ticket’s name and number at the top of every column it goes on in', async () => {
    const screen = await grillScreen();
    const placed = await order({
      type: 'dine_in',
      tableId: k.r.table.id,
      guests: 2,
      items: Array.from({ length: 24 }, (_, i) => ({
        dishId: k.r.fries.id,
        quantity: 1,
        comment: `bag ${i + 1}`,
      })),
    });
    const ticket = ticketOf(screen.page, placed.number);
    await ticket.locator('.line').nth(23).waitFor();
    const layout = await screen.page.evaluate<{
      columns: number[];
      continued: Array<{ column: number; shown: string }>;
    }>(`(() => {
      const article = document.querySelector('article.ticket[data-number="${placed.number}"]');
      // The header's box, not the article's: a ticket broken over columns has a box around all of them.
      const header = article.querySelector('header').getBoundingClientRect();
      // Each block's column, numbered from the ticket's first: blocks are indented within a column, a ticket apart
      // across columns.
      const column = (element) =>
        Math.round((element.getBoundingClientRect().left - header.left) / header.width);
      const columns = [...new Set([...article.querySelectorAll('.line, footer')].map(column))];
      const continued = [...article.querySelectorAll('[data-continued]')].map((element) => ({
        column: column(element),
        shown: getComputedStyle(element, '::before').content,
      }));
      return { columns, continued };
    })()`);
    // Every column after the first starts with the header repeated; the first has its own.
    expect(layout.columns.length).toBeGreaterThan(1);
    expect(layout.continued.map((mark) => mark.column)).toEqual(layout.columns.slice(1));
    for (const mark of layout.continued) {
      expect(mark.shown).toBe(`"${k.r.table.name} · #${placed.number} (continued)"`);
    }
    await keepScreenshot(screen.page, 'kitchen-ticket-continued');
  });

  it('keeps a ticket on the expo until every station bumped it, showing which are done, and hands takeaway over', async () => {
    const pairingCode = await newKitchenDevice(k.t, k.manager.session, {
      name: 'Pass',
      stationIds: [],
      expo: true,
    });
    // A manager runs the pass here: marking a takeaway picked up is theirs (and waiters').
    const expo = await openKitchenScreen(k.browser, k.t, { pairingCode, cook: k.manager, viewport: TV });
    screens.push(expo);
    const placed = await burgerAndFries();
    const ticket = ticketOf(expo.page, placed.number);
    const stations = ticket.getByRole('list', { name: 'Stations' });
    await stations.getByText(k.r.bar.name, { exact: true }).waitFor();
    await stations.getByText(k.r.grill.name, { exact: true }).waitFor();

    await as(k.t, k.cook.session)
      .patch(`/api/v1/orders/${placed.id}/items/${itemNamed(placed, 'Beer').id}/status`)
      .send({ status: 'ready' })
      .expect(200);
    await stations.getByText(`✓ ${k.r.bar.name}`, { exact: true }).waitFor();
    expect(await stations.getByText(k.r.grill.name, { exact: true }).count()).toBe(1);
    await keepScreenshot(expo.page, 'kitchen-expo');
    for (const item of ['Burger', 'Fries']) {
      await as(k.t, k.cook.session)
        .patch(`/api/v1/orders/${placed.id}/items/${itemNamed(placed, item).id}/status`)
        .send({ status: 'ready' })
        .expect(200);
    }
    await ticket.waitFor({ state: 'detached' });

    const readyTakeaway = async () => {
      const takeaway = await order({ type: 'takeaway', items: [{ dishId: k.r.fries.id, quantity: 1 }] });
      await as(k.t, k.manager.session)
        .patch(`/api/v1/orders/${takeaway.id}/fulfilment`)
        .send({ status: 'ready' })
        .expect(200);
      await ticketOf(expo.page, takeaway.number)
        .getByRole('button', { name: `Bump #${takeaway.number}` })
        .click();
      return takeaway;
    };
    const desk = expo.page.getByRole('region', { name: 'Ready for pickup' });
    const takeaway = await readyTakeaway();
    const elsewhere = await readyTakeaway();
    const recall = (number: number) => expo.page.getByRole('button', { name: `Recall #${number}` });
    await desk.getByRole('button', { name: `Picked up #${elsewhere.number}` }).waitFor();
    await recall(elsewhere.number).waitFor();

    // Handed over at the counter's till: gone from the desk and from Recall, live.
    await as(k.t, k.waiter.session)
      .patch(`/api/v1/orders/${elsewhere.id}/fulfilment`)
      .send({ status: 'picked_up' })
      .expect(200);
    await desk.getByRole('button', { name: `Picked up #${elsewhere.number}` }).waitFor({ state: 'detached' });
    await recall(takeaway.number).waitFor();

    // Not paid yet: the desk says what is due and asks before the food leaves.
    await desk.getByRole('button', { name: `Picked up #${takeaway.number}` }).click();
    const ask = desk.getByRole('alertdialog', { name: 'Money still due' });
    await ask.getByText(`#${takeaway.number} still has €4.50 to pay. Hand it over unpaid?`).waitFor();
    await ask.getByRole('button', { name: 'Not yet' }).click();
    await ask.waitFor({ state: 'detached' });
    await desk.getByRole('button', { name: `Picked up #${takeaway.number}` }).click();
    await ask.getByRole('button', { name: 'Hand over unpaid' }).click();
    await desk.getByText('None waiting').waitFor();
    const after = await as(k.t, k.manager.session).get(`/api/v1/orders/${takeaway.id}`).expect(200);
    expect(after.body.fulfilment.status).toBe('picked_up');
  });
});
