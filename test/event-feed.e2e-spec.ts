/**
 * The event feed hands each committed event to its listeners once, in seq order, whichever way the event reaches
 * it: from this process's commit callbacks or from a read of the log (the way other instances' events arrive).
 */
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { Role } from '../src/common/access/role';
import { Database } from '../src/database/database.service';
import { NOBODY } from '../src/event-log/audience';
import { EventFeed } from '../src/event-log/event-feed';
import { EventRecord } from '../src/event-log/event-record.entity';
import { EventType } from '../src/event-log/event-type';
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

  /** An event another instance committed: written to the log without passing through this process's feed. */
  const writtenElsewhere = () => {
    const database = t.app.get(Database);
    return database.transaction(async (tx) => {
      const [{ last_seq: last }] = await tx.sql<{ last_seq: string | number }>(
        'UPDATE event_sequence SET last_seq = last_seq + 1 WHERE id = 1 RETURNING last_seq',
        [],
      );
      const record = Object.assign(new EventRecord(), {
        seq: Number(last),
        type: EventType.MenuAvailabilityChanged,
        occurredAt: new Date(),
        data: { dishId: randomUUID(), available: false },
        audience: NOBODY,
      });
      await database.insertRows(tx, EventRecord, [record]);
      return record.seq;
    });
  };

  const newOrder = async () => {
    const response = await as(t, waiter)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: restaurant.fries.id, quantity: 1 }] })
      .expect(201);
    return response.body.id as string;
  };

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
      for (let i = 0; i < ORDERS_EACH; i++) await newOrder();
    };
    await Promise.all(Array.from({ length: WRITERS }, writer));
    writing = false;
    await reading;
    await feed.catchUp();
    unsubscribe();

    expect(feed.position).toBeGreaterThanOrEqual(from + WRITERS * ORDERS_EACH);
    expect(handed).toEqual(Array.from({ length: feed.position - from }, (_, i) => from + 1 + i));
  });

  it('reads the log again for a caller that came while a read that began before its event was out', async () => {
    const feed = t.app.get(EventFeed);
    await feed.catchUp();
    // The next read of the log runs now but its answer is held: a read already out when the event commits.
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const find = EntityManager.prototype.find;
    jest.spyOn(EntityManager.prototype, 'find').mockImplementationOnce(async function (
      this: EntityManager,
      ...args: Parameters<EntityManager['find']>
    ) {
      const rows = await find.apply(this, args);
      await held;
      return rows;
    });
    const outAlready = feed.catchUp();

    const seq = await writtenElsewhere();
    const announced = feed.catchUp();
    answer();
    await Promise.all([outAlready, announced]);
    expect(feed.position).toBe(seq);
  });

  it('fills a hole no announcement filled while this process goes on committing', async () => {
    const feed = t.app.get(EventFeed);
    await feed.catchUp();
    const hole = await writtenElsewhere();
    // Orders one after another, each commit well within the 50 ms a hole waits before it is read from the log.
    const startedAt = Date.now();
    while (Date.now() - startedAt < 400) await newOrder();
    expect(feed.position).toBeGreaterThan(hole);
  });
});
