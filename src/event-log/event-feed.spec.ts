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

  it('reads a hole from the log once it has waited long enough, however many commits follow it', () => {
    jest.useFakeTimers();
    try {
      // Seq 1 committed elsewhere, unannounced; this process commits every 30 ms, less than the wait.
      const { feed, reads } = feedWithSlowLog();
      for (let seq = 2; seq <= 4; seq++) {
        feed.committed([event(seq)]);
        jest.advanceTimersByTime(30);
      }
      expect(reads).toHaveLength(1);
      feed.onApplicationShutdown();
    } finally {
      jest.useRealTimers();
    }
  });

  it('reads the log again for a caller that came while a read was out', async () => {
    // Another instance's commit announced while a read that began before it is out: that read cannot see it.
    const { feed, handed, reads } = feedWithSlowLog();
    const first = feed.catchUp();
    const second = feed.catchUp();
    const third = feed.catchUp();
    reads[0]([]);
    await first;
    expect(reads).toHaveLength(2); // one more read, shared by the second and third callers
    reads[1]([event(1)]);
    await Promise.all([second, third]);
    expect(handed).toEqual([1]);
    expect(reads).toHaveLength(2);
  });
});
