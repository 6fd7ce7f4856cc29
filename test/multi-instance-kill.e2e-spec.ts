/**
 * SIGKILL on one of two instances in the middle of a load: nothing it acknowledged is lost. Every order answered
 * 201 is in the database and reaches a kitchen screen on the other instance live, and the screen that was on the
 * dead instance gets it by replay when it reconnects to the other, exactly once. Runs when DATABASE_URL is
 * PostgreSQL and REDIS_URL is set (as `.ci/run` does); skipped otherwise.
 */
import { Role } from '../src/common/access/role';
import { as, newStaff } from './support/clients';
import { createdOrderIds, twoInstancesForTheseTests, withInstances } from './support/instances';
import { ServiceProcess } from './support/processes';

/** Clients posting orders to each instance, each one order at a time. */
const CLIENTS_PER_INSTANCE = 3;
/** A is killed once it has acknowledged this many orders... */
const ACKNOWLEDGED_BY_A_BEFORE_KILL = 40;
/** ...and B's clients go on for this many more afterwards. */
const ACKNOWLEDGED_BY_B_AFTER_KILL = 20;

const until = async (condition: () => boolean) => {
  const deadline = Date.now() + 30_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

withInstances('Killing an instance under load', () => {
  const { two, open } = twoInstancesForTheseTests();

  it('loses no acknowledged order: all stored, all on the kitchen screens, live or by replay, once', async () => {
    const { a, b, waiter, restaurant } = two();
    const kitchen = (await newStaff(b, Role.Kitchen)).session;
    const screenOnB = await open(b, { token: kitchen.accessToken });
    const screenOnA = await open(a, { token: kitchen.accessToken });
    const acknowledged = { a: [] as string[], b: [] as string[] };
    let unanswered = 0;
    let killed = false;
    let enough = false;

    const client = async (name: 'a' | 'b', server: ServiceProcess) => {
      while (!enough) {
        try {
          const response = await as(server, waiter)
            .post('/api/v1/orders')
            .send({ type: 'takeaway', items: [{ dishId: restaurant.fries.id, quantity: 1 }] });
          expect(response.status).toBe(201);
          acknowledged[name].push(response.body.id as string);
        } catch (error) {
          // Only A's clients may see a request fail, and only once A is killed.
          if (name !== 'a' || !killed) throw error;
          unanswered += 1;
          return;
        }
      }
    };
    const clients = [
      ...Array.from({ length: CLIENTS_PER_INSTANCE }, () => client('a', a)),
      ...Array.from({ length: CLIENTS_PER_INSTANCE }, () => client('b', b)),
    ];

    await until(() => acknowledged.a.length >= ACKNOWLEDGED_BY_A_BEFORE_KILL);
    killed = true;
    a.child.kill('SIGKILL');
    await a.exited;
    const onBAtKill = acknowledged.b.length;
    await until(() => acknowledged.b.length >= onBAtKill + ACKNOWLEDGED_BY_B_AFTER_KILL);
    enough = true;
    await Promise.all(clients);

    const all = [...acknowledged.a, ...acknowledged.b];
    for (const id of all) await as(b, waiter).get(`/api/v1/orders/${id}`).expect(200);

    await screenOnB.until((events) => all.every((id) => createdOrderIds(events).includes(id)));
    const seenOnB = createdOrderIds(screenOnB.received);
    expect(new Set(seenOnB).size).toBe(seenOnB.length);
    const seqsOnB = screenOnB.received.map((event) => event.seq);
    expect(seqsOnB).toEqual([...seqsOnB].sort((x, y) => x - y));

    // The screen on A was cut off; it reconnects to B from the last seq it saw, as a kitchen client does.
    const lastSeenOnA = screenOnA.received.at(-1)?.seq ?? 0;
    const resumed = await open(b, { token: kitchen.accessToken, since: lastSeenOnA });
    await resumed.until((events) =>
      all.every(
        (id) => createdOrderIds(screenOnA.received).includes(id) || createdOrderIds(events).includes(id),
      ),
    );
    const seenByThatScreen = [...screenOnA.received, ...resumed.received];
    expect(createdOrderIds(seenByThatScreen)).toEqual(
      seenOnB.slice(0, createdOrderIds(seenByThatScreen).length),
    );
    const seqs = seenByThatScreen.map((event) => event.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((x, y) => x - y));

    const committedUnacknowledged = seenOnB.filter((id) => !all.includes(id)).length;
    process.stdout.write(
      `kill test: ${acknowledged.a.length} orders acknowledged by A before SIGKILL, ${acknowledged.b.length} by B; ` +
        `${unanswered} requests to A unanswered, of which ${committedUnacknowledged} committed anyway; ` +
        `all ${all.length} acknowledged orders stored and on both kitchen screens, ` +
        `${resumed.received.length} events replayed to the screen that was on A\n`,
    );
  });
});
