import { Role } from '../src/common/access/role';
import { KitchenQuoteService } from '../src/orders/kitchen-quote.service';
import { as, loginAdmin, newStaff, NewStaff } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const MINUTE = 60_000;
const CAPACITY = 2;

interface TicketItem {
  id: string;
  dishId: string;
  status: string;
  firedAt: string;
  position?: number;
}
interface Ticket {
  id: string;
  number: number;
  items: TicketItem[];
}

/**
 * A rush through the real app: takeaway orders arrive over HTTP, each promised the quote of its moment, while a
 * simulated kitchen (CAPACITY cooks per station, first come first served, each line its dish's prepMinutes) works
 * through the tickets, minute by minute on the app's clock, never waiting for real time.
 */
describe('The kitchen’s quote in a rush', () => {
  let t: TestApp;
  let waiter: NewStaff;
  let kitchen: NewStaff;
  let r: Restaurant;
  let quotes: KitchenQuoteService;

  beforeAll(async () => {
    t = await startTestApp({ KITCHEN_STATION_CAPACITY: String(CAPACITY) });
    const admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    kitchen = await newStaff(t, Role.Kitchen);
    quotes = t.app.get(KitchenQuoteService);
    t.clock.pin();
    // On a whole minute: quotes are rounded up to one, and the figures read as whole minutes.
    t.clock.advance(MINUTE - (t.clock.now().getTime() % MINUTE));
  });

  afterAll(() => t.close());

  it('grows as the kitchen fills, and every order promised it is ready by it', async () => {
    const prep = new Map([
      [r.burger.id, 12],
      [r.fries.id, 6],
      [r.beer.id, 2],
    ]);
    const lines = [
      { dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 1 },
      { dishId: r.fries.id, quantity: 2 },
      { dishId: r.beer.id, quantity: 1 },
    ];
    // An order every 2 minutes for 30 minutes: the grill needs 9 minutes of its 2 places per order.
    const arrivals = new Set(Array.from({ length: 15 }, (_, i) => i * 2));
    const promised: Array<{ orderId: string; minute: number; openLines: number; quoteMinutes: number }> = [];
    const cooking = new Map<string, { orderId: string; station: string; until: number }>();
    const kitchenCall = (orderId: string, itemId: string, status: string) =>
      as(t, kitchen.session)
        .patch(`/api/v1/orders/${orderId}/items/${itemId}/status`)
        .send({ status })
        .expect(200);

    for (let minute = 0; minute < 400; minute += 1) {
      const now = t.clock.now().getTime();
      for (const [itemId, job] of cooking) {
        if (job.until > now) continue;
        await kitchenCall(job.orderId, itemId, 'ready');
        cooking.delete(itemId);
      }
      const tickets = (await as(t, kitchen.session).get('/api/v1/kitchen/tickets?perPage=100').expect(200))
        .body.items as Ticket[];
      if (arrivals.has(minute)) {
        const openLines = tickets
          .flatMap((ticket) => ticket.items)
          .filter((i) => i.status !== 'ready').length;
        const readyAt = await quotes.readyAt(lines, t.clock.now());
        const order = await as(t, waiter.session)
          .post('/api/v1/orders')
          .send({
            type: 'takeaway',
            items: lines,
            fulfilment: { customerName: `Guest ${minute}`, promisedAt: readyAt.toISOString() },
          })
          .expect(201);
        promised.push({
          orderId: order.body.id,
          minute,
          openLines,
          quoteMinutes: (readyAt.getTime() - now) / MINUTE,
        });
        tickets.push(order.body as Ticket);
      }
      // Free cooks take the waiting lines, oldest first: by firing time, then ticket number and line.
      const waiting = tickets
        .flatMap((ticket) => ticket.items.map((item, position) => ({ ticket, item, position })))
        .filter(({ item }) => item.status === 'new' && !cooking.has(item.id))
        .sort(
          (a, b) =>
            a.item.firedAt.localeCompare(b.item.firedAt) ||
            a.ticket.number - b.ticket.number ||
            a.position - b.position,
        );
      for (const { ticket, item } of waiting) {
        const station = item.dishId === r.beer.id ? r.bar.id : r.grill.id;
        if ([...cooking.values()].filter((job) => job.station === station).length >= CAPACITY) continue;
        await kitchenCall(ticket.id, item.id, 'in_progress');
        cooking.set(item.id, { orderId: ticket.id, station, until: now + prep.get(item.dishId)! * MINUTE });
      }
      if (minute > Math.max(...arrivals) && cooking.size === 0 && waiting.length === 0) break;
      t.clock.advance(MINUTE);
    }

    process.stdout.write(
      `kitchen quote in a rush (capacity ${CAPACITY} per station, an order every 2 minutes):\n` +
        promised
          .map((p) => `  minute ${p.minute}: ${p.openLines} open lines, quote +${p.quoteMinutes} min`)
          .join('\n') +
        '\n',
    );
    const minutes = promised.map((p) => p.quoteMinutes);
    expect(minutes[0]).toBe(12);
    for (let i = 1; i < minutes.length; i += 1) expect(minutes[i]).toBeGreaterThanOrEqual(minutes[i - 1]);
    expect(minutes[minutes.length - 1]).toBeGreaterThan(3 * minutes[0]);
    let keptToTheMinute = 0;
    for (const { orderId } of promised) {
      const order = (await as(t, waiter.session).get(`/api/v1/orders/${orderId}`).expect(200)).body;
      const promisedAt = Date.parse(order.fulfilment.promisedAt);
      const readyAt = Math.max(
        ...(order.items as Array<{ readyAt: string }>).map((i) => Date.parse(i.readyAt)),
      );
      expect(readyAt).toBeLessThanOrEqual(promisedAt);
      if (readyAt === promisedAt) keptToTheMinute += 1;
    }
    // Not padded: the kitchen the quote models finishes these orders exactly when promised.
    expect(keptToTheMinute).toBe(promised.length);
  });
});
