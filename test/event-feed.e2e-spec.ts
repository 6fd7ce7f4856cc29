/**
 * The event feed hands each committed event to its listeners once, in seq order, whichever way the event reaches
 * it: from this process's commit callbacks or from a read of the log (the way other instances' events arrive).
 */
import { Role } from '../src/common/access/role';
import { EventFeed } from '../src/event-log/event-feed';
import { as, loginAdmin, newStaff, Session } from './support/clients';
import { factories, Restaurant } from './support/factories';
import { startTestApp, TestApp } from './support/test-app';

const WRITERS = 3;
const ORDERS_EACH = 20;

describe('The event feed', () => {
  let t: TestApp;
  let waiter: Session;
  let restaurant: Restaurant;

  beforeAll(async () => {
    t = await startTestApp();
    const admin = await loginAdmin(t);
    waiter = (await newStaff(t, Role.Waiter)).session;
    restaurant = await factories(t, admin).newRestaurant();
  });

  afterAll(() => t.close());

  it('hands every event over once when reads of the log overlap commits of this process', async () => {
    const feed = t.app.get(EventFeed);
    const handed: number[] = [];
    const unsubscribe = feed.subscribe((event) => handed.push(event.seq));
    const from = feed.position;
    let writing = true;
    // Reads of the log, one after another, as announcements from another instance would start them.
    const reading = (async () => {
      while (writing) await feed.catchUp();
    })();
    const writer = async () => {
      for (let i = 0; i < ORDERS_EACH; i++) {
        await as(t, waiter)
          .post('/api/v1/orders')
          .send({ type: 'takeaway', items: [{ dishId: restaurant.fries.id, quantity: 1 }] })
          .expect(201);
      }
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    writing = false;
    await reading;
    await feed.catchUp();
    unsubscribe();

    expect(feed.position).toBeGreaterThanOrEqual(from + WRITERS * ORDERS_EACH);
    expect(handed).toEqual(Array.from({ length: feed.position - from }, (_, i) => from + 1 + i));
  });
});
