import { randomUUID } from 'node:crypto';
import { Role } from '../../src/common/access/role';
import { as, issueKey, login, loginAdmin, newStaff, NewStaff, Session, withKey } from './clients';
import { factories } from './factories';
import { setUpStaffJobs, StaffJobs } from './model-staff';
import type { Json } from './menu-fixture';
import { ADMIN, TestApp } from './test-app';

/**
 * The model-based spec's world: the real app with a restaurant set up once (two tax rates and a takeaway mapping,
 * a 10 % service charge on dine-in, a channel that accepts by itself, a gift-card method and a loyalty programme),
 * and the calls every command makes, each answer kept on a trail so that a failure shows what led to it.
 */

export type Caller = 'waiter' | 'manager' | 'admin' | 'channel' | 'runner';
export type Verb = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** What a command expects of the app: success, a refusal (409 or 422), or either when the contract leaves it open. */
export type Expected = 'ok' | 'refused' | 'either';

export interface Answer {
  status: number;
  body: Json;
  /** The stored first reply answered again (Idempotent-Replayed). */
  replayed: boolean;
  /** The reply's text, for the replies that are not JSON (a CSV). */
  text: string;
  /** The tablet it was sent from (X-Device-Id), if any. */
  device: string | null;
}

/** The two waiter tablets the waiter's calls alternate between (X-Device-Id). */
export const DEVICES = ['model-tablet-1', 'model-tablet-2'] as const;

export interface Dish {
  id: string;
  externalId: string;
  price: number;
  /** The rate on a dine-in order, and the rate a takeaway or delivery order maps it to. */
  rates: { dineIn: string; away: string };
}

export const SERVICE_CHARGE_PERCENT = 10;
export const CHANNEL = 'modelx';
export const GIFT_CARD_START = 3000;

export class World {
  /** The last writes, newest last: printed when a run fails. */
  readonly trail: string[] = [];
  /** Concurrent batches: a command's own expectation gives way to "either" (it raced the others). */
  relaxed = false;
  /** What the app offers of the refunds by lines and of tips (another branch adds them): probed once. */
  features = { refundLines: false, refundTip: false };
  /** How often each command ran and how the app answered: the spec prints it, to show what the runs covered. */
  readonly tally = new Map<string, number>();
  /** The keyed writes each tablet had applied (not replayed): what its outbox state must say. */
  readonly deviceWrites = new Map<string, number>(DEVICES.map((device) => [device, 0]));
  private sessions = new Map<Caller, Session>();
  private calls = 0;

  private constructor(
    readonly t: TestApp,
    readonly staff: { waiter: NewStaff; manager: NewStaff; runner: NewStaff },
    readonly dishes: Dish[],
    readonly methods: { cash: string; card: string; giftCard: string },
    /** The simulator terminal card payments are taken on. */
    readonly terminalId: string,
    readonly rewards: {
      dish: { id: string; points: number };
      amount: { id: string; points: number; amount: number };
    },
    private readonly channelKey: string,
    /** The jobs of the time clock and the tip rules (docs/time-clock.md, docs/tips.md). */
    readonly jobs: StaffJobs,
  ) {}

  static async start(t: TestApp): Promise<World> {
    const admin = await loginAdmin(t);
    const make = factories(t, admin);
    const post = async (path: string, body: object): Promise<Json> => {
      const response = await as(t, admin).post(`/api/v1${path}`).send(body);
      if (response.status !== 201) throw new Error(`POST ${path}: ${response.status} ${response.text}`);
      return response.body;
    };
    const food = await make.newTaxRate({ name: 'Food 7 %', percent: 7, isDefault: true });
    const drinks = await make.newTaxRate({ name: 'Drinks 19 %', percent: 19 });
    await post('/tax-mappings', {
      name: 'Drinks to go',
      orderTypes: ['takeaway', 'delivery'],
      fromTaxRateId: drinks.id,
      toTaxRateId: food.id,
    });
    const station = await make.newStation('Pass');
    const category = await make.newCategory('All day');
    const staff = {
      waiter: await newStaff(t, Role.Waiter),
      manager: await newStaff(t, Role.Manager),
      runner: await newStaff(t, Role.Kitchen),
    };
    const jobs = await setUpStaffJobs(post, staff, category.id);
    const menu: Array<[string, number, string]> = [
      ['Burger', 1250, 'food'],
      ['Fries', 455, 'food'],
      ['Beer', 575, 'drinks'],
    ];
    const dishes: Dish[] = [];
    for (const [name, price, rate] of menu) {
      const dish = await make.newDish({
        name,
        categoryId: category.id,
        stationId: station.id,
        price,
        taxRateIds: rate === 'drinks' ? [drinks.id] : [],
      });
      const dineIn = rate === 'drinks' ? drinks.id : food.id;
      dishes.push({ id: dish.id, externalId: name.toLowerCase(), price, rates: { dineIn, away: food.id } });
    }
    const giftCard = await post('/payment-methods', { name: 'Gift card', kind: 'gift_card' });
    const listed = (await as(t, admin).get('/api/v1/payment-methods').expect(200)).body.items as Json[];
    const methodOf = (kind: string) => String(listed.find((m) => m.kind === kind).id);
    const program = await as(t, admin)
      .put('/api/v1/loyalty')
      .send({
        pointsPerUnit: 1,
        rewards: [
          { name: 'Free fries', points: 10, kind: 'dish', dishId: dishes[1].id },
          { name: '3 off', points: 25, kind: 'amount', amount: 300 },
        ],
      })
      .expect(200);
    const [dishReward, amountReward] = program.body.rewards as Json[];
    await post('/channels', {
      code: CHANNEL,
      name: 'Model Express',
      autoAccept: true,
      items: dishes.map((d) => ({ externalId: d.externalId, dishId: d.id })),
    });
    const key = await issueKey(t, admin, {
      name: 'model channel',
      scopes: ['orders:write', 'orders:read'],
      channelCode: CHANNEL,
    });
    const terminal = await post('/terminals', {
      name: 'Model till',
      provider: 'simulator',
      providerDeviceId: 'm',
    });
    const world = new World(
      t,
      staff,
      dishes,
      { cash: methodOf('cash'), card: methodOf('card'), giftCard: String(giftCard.id) },
      String(terminal.id),
      {
        dish: { id: dishReward.id, points: dishReward.points },
        amount: { id: amountReward.id, points: amountReward.points, amount: amountReward.amount },
      },
      key.key,
      jobs,
    );
    await world.login();
    world.features = await world.probeRefunds();
    return world;
  }

  /** Logs everyone in again: the test clock jumps days ahead, past an access token's life. */
  async login(): Promise<void> {
    const { waiter, manager, runner } = this.staff;
    this.sessions.set('admin', await login(this.t, ADMIN.username, ADMIN.password));
    this.sessions.set('waiter', await login(this.t, waiter.username, waiter.password));
    this.sessions.set('manager', await login(this.t, manager.username, manager.password));
    this.sessions.set('runner', await login(this.t, runner.username, runner.password));
  }

  /**
   * Refunds by lines and of tips, probed on a payment that does not exist: a body the app understands reaches the
   * lookup (404), one it does not know is refused by validation (422).
   */
  private async probeRefunds(): Promise<World['features']> {
    const probe = async (body: object) =>
      (await this.call('manager', 'post', `/payments/${randomUUID()}/refund`, { ...body, reason: 'probe' }))
        .status === 404;
    return {
      refundLines: await probe({ lines: [{ itemId: randomUUID(), quantity: 1 }] }),
      refundTip: await probe({ tip: 1 }),
    };
  }

  /**
   * One call as `caller`; a 5xx fails the run at once, whatever the command expected. The waiter's writes come
   * from the two tablets in turn; `keyed` ones (an Idempotency-Key, or client ids in the body) count for the
   * tablet that applied them. `keyed.device` sends from that tablet instead (its drawer's calls).
   */
  async call(
    caller: Caller,
    verb: Verb,
    path: string,
    body?: object,
    keyed: { idempotencyKey?: string; clientIds?: boolean; device?: string } = {},
  ): Promise<Answer> {
    const client =
      caller === 'channel' ? withKey(this.t, this.channelKey) : as(this.t, this.sessions.get(caller)!);
    const request = client[verb](`/api/v1${path}`);
    const device =
      keyed.device ?? (caller === 'waiter' && verb !== 'get' ? DEVICES[this.calls++ % DEVICES.length] : null);
    if (device) request.set('X-Device-Id', device);
    if (keyed.idempotencyKey) request.set('Idempotency-Key', keyed.idempotencyKey);
    const response = await request.send(body);
    const replayed = response.headers['idempotent-replayed'] === 'true';
    const answer = { status: response.status, body: response.body, replayed, text: response.text, device };
    const applied = response.status < 300 && !replayed;
    if (device && applied && (keyed.idempotencyKey || keyed.clientIds)) {
      this.deviceWrites.set(device, this.deviceWrites.get(device)! + 1);
    }
    // The writes: the invariants' reads after each step would crowd them out.
    if (verb !== 'get')
      this.trail.push(`${verb.toUpperCase()} ${path} ${JSON.stringify(body ?? {})} → ${answer.status}`);
    if (this.trail.length > 40) this.trail.shift();
    if (answer.status >= 500) {
      throw new Error(
        `${verb.toUpperCase()} ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`,
      );
    }
    return answer;
  }

  /** A read that must succeed. */
  async read(path: string): Promise<Json> {
    const answer = await this.call('manager', 'get', path);
    if (answer.status !== 200)
      throw new Error(`GET ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body;
  }

  /** Fails unless `answer` is what the command expected; every refusal is in the API's error shape. */
  expect(answer: Answer, expected: Expected, what: string): boolean {
    const ok = answer.status >= 200 && answer.status < 300;
    // With commands at once, what a command read a moment ago may have moved since (an item merged or split onto
    // another order): not found on its old order is then a refusal like any other. One at a time, it is a failure.
    const refused = answer.status === 409 || answer.status === 422 || (this.relaxed && answer.status === 404);
    const allowed = this.relaxed ? 'either' : expected;
    const name = what.replace(/\(.*$/, '');
    const key = `${name} ${ok ? 'ok' : refused ? 'refused' : answer.status}`;
    this.tally.set(key, (this.tally.get(key) ?? 0) + 1);
    const fits = allowed === 'ok' ? ok : allowed === 'refused' ? refused : ok || refused;
    if (!fits) {
      throw new Error(
        `${what}: expected ${allowed}, got ${answer.status} ${JSON.stringify(answer.body?.error ?? '')}`,
      );
    }
    if (refused && typeof answer.body?.error?.code !== 'string') {
      throw new Error(`${what}: a ${answer.status} without the error shape: ${JSON.stringify(answer.body)}`);
    }
    return ok;
  }
}
