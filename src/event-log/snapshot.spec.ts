import type { EventFeed, EventListener } from './event-feed';
import type { EventRecord } from './event-record.entity';
import { EventType } from './event-type';
import { Snapshot } from './snapshot';

/** A feed that hands events to its listeners when told. */
function fakeFeed(): { feed: EventFeed; pass: (type: EventType) => void } {
  const listeners: EventListener[] = [];
  const feed = { subscribe: (listener: EventListener) => listeners.push(listener) } as unknown as EventFeed;
  const pass = (type: EventType) => {
    for (const listener of listeners) listener({ type } as EventRecord);
  };
  return { feed, pass };
}

/** A build that resolves or rejects when the test says so, counting its calls. */
function controlledBuilds() {
  const pending: Array<{ resolve: (value: number) => void; reject: (error: Error) => void }> = [];
  const build = () => new Promise<number>((resolve, reject) => pending.push({ resolve, reject }));
  return { build, pending };
}

describe('the snapshot kept in memory', () => {
  it('shares one build among the readers that wait for it, then keeps the value', async () => {
    const { build, pending } = controlledBuilds();
    const snapshot = new Snapshot(build);
    const [a, b] = [snapshot.current(), snapshot.current()];
    expect(pending).toHaveLength(1);
    pending[0].resolve(7);
    expect(await Promise.all([a, b, snapshot.current()])).toEqual([7, 7, 7]);
    expect(pending).toHaveLength(1);
  });

  it('is dropped by the events it names and no others, and built again by the next reader', async () => {
    const { feed, pass } = fakeFeed();
    let builds = 0;
    const snapshot = new Snapshot(() => Promise.resolve(++builds));
    snapshot.dropOn(feed, [EventType.TaxesChanged]);
    expect(await snapshot.current()).toBe(1);
    pass(EventType.MenuChanged);
    expect(snapshot.held).toBe(true);
    expect(await snapshot.current()).toBe(1);
    pass(EventType.TaxesChanged);
    expect(snapshot.held).toBe(false);
    expect(await snapshot.current()).toBe(2);
  });

  it('keeps no failed build: the next reader tries again', async () => {
    const { build, pending } = controlledBuilds();
    const snapshot = new Snapshot(build);
    const failing = snapshot.current();
    pending[0].reject(new Error('database away'));
    await expect(failing).rejects.toThrow('database away');
    expect(snapshot.held).toBe(false);
    const next = snapshot.current();
    pending[1].resolve(3);
    expect(await next).toBe(3);
  });

  it('tells `built` of a build only while it is still the kept one', async () => {
    const { build, pending } = controlledBuilds();
    const heard: number[] = [];
    const snapshot = new Snapshot(build, (value) => heard.push(value));
    const dropped = snapshot.current();
    snapshot.drop();
    const kept = snapshot.current();
    pending[0].resolve(1);
    pending[1].resolve(2);
    await Promise.all([dropped, kept]);
    expect(heard).toEqual([2]);
    expect(await snapshot.current()).toBe(2);
  });
});
