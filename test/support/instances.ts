import { Role } from '../../src/common/access/role';
import { loginAdmin, newStaff, Session } from './clients';
import { factories, Restaurant } from './factories';
import { ServiceProcess, startService } from './processes';
import { connect, Envelope, TestSocket } from './sockets';
import { createTestDatabase, databaseKind, TestDatabase } from './test-database';

/** Several instances need PostgreSQL and Redis: `.ci/run` gives both to its PostgreSQL run. */
export const withInstances =
  databaseKind() === 'postgres' && process.env.REDIS_URL ? describe : describe.skip;

export interface InstancePair {
  database: TestDatabase;
  a: ServiceProcess;
  b: ServiceProcess;
  /** Kills whichever of the two still runs and drops the database. */
  stop(): Promise<void>;
}

export interface Instances extends InstancePair {
  admin: Session;
  waiter: Session;
  restaurant: Restaurant;
}

/** Two service processes on one fresh database and Redis, with `env` besides (`POS_ROLE: 'hq'`, say). */
export async function startInstancePair(env: Record<string, string> = {}): Promise<InstancePair> {
  const database = await createTestDatabase();
  const shared = { ...env, DATABASE_URL: database.url, REDIS_URL: process.env.REDIS_URL! };
  const [a, b] = await Promise.all([startService(shared), startService(shared)]);
  return {
    database,
    a,
    b,
    stop: async () => {
      for (const instance of [a, b]) instance.child.kill('SIGKILL');
      await Promise.all([a.exited, b.exited]);
      await database.drop();
    },
  };
}

/** Two service processes on one fresh database and Redis, with the admin, a waiter and a small restaurant. */
export async function startTwoInstances(): Promise<Instances> {
  const pair = await startInstancePair();
  const admin = await loginAdmin(pair.a);
  const waiter = (await newStaff(pair.a, Role.Waiter)).session;
  const restaurant = await factories(pair.a, admin).newRestaurant();
  return { ...pair, admin, waiter, restaurant };
}

/**
 * For a describe block: two instances started before its tests and stopped after them, and `open` for sockets that
 * close with them. `two` is a getter because the instances start in beforeAll.
 */
export function twoInstancesForTheseTests() {
  let started: Instances | undefined;
  const sockets: TestSocket[] = [];
  beforeAll(async () => {
    started = await startTwoInstances();
  }, 120_000);
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await started?.stop();
  });
  return {
    two: () => started!,
    open: async (server: ServiceProcess, auth: Record<string, unknown>) => {
      const socket = await connect(server, auth);
      sockets.push(socket);
      return socket;
    },
  };
}

/** The ids of the orders whose order.created is among `events`, in their order. */
export const createdOrderIds = (events: Envelope[]) =>
  events.filter((event) => event.type === 'order.created').map((event) => event.data.id as string);
