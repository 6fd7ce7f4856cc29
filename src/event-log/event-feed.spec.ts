import type { Database } from '../database/database.service';
import { EventFeed } from './event-feed';
import type { EventRecord } from './event-record.entity';
import { EventType } from './event-type';

const event = (seq: number): EventRecord => ({
  seq,
  type: EventType.OrderCreated,
  occurredAt: new Date('2026-11-23T12:00:00.000Z'),
  data: { id: `order-${seq}` },
  audience: { roles: [] },
});

/** A feed on a log whose reads answer only when the test says so. */
function feedWithSlowLog() {
  const reads: Array<(rows: EventRecord[]) => void> = [];
  const database = {
    reader: {
      find: () => new Promise<EventRecord[]>((answer) => reads.push(answer)),
    },
  } as unknown as Database;
  const feed = new EventFeed(database);
  const handed: number[] = [];
  feed.subscribe((e) => handed.push(e.seq));
  return { feed, handed, reads };
}

describe('EventFeed', () => {
  it('hands an event once when its own commit arrives while a read of the log is out', async () => {
    // As with several instances: another's commit starts a read, and this one's commit lands meanwhile.
    const { feed, handed, reads } = feedWithSlowLog();
    const reading = feed.catchUp();
    feed.committed([event(1)]);
    reads[0]([event(1), event(2)]);
    await reading;
    feed.committed([event(3)]);
    expect(handed).toEqual([1, 2, 3]);
    feed.onApplicationShutdown();
  });
});
