import { addDays, Model, ModelCommand } from './model-state';
import { current } from './model-orders';
import type { World } from './model-world';

/** The model-based spec's guest and calendar commands: customers, rewards, erasure, the day's close, the morning. */

export class AttachCustomer implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly customer: number,
  ) {}

  check = (model: Readonly<Model>) => model.open().some((o) => !o.customerId);

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(
      model.open().filter((o) => !o.customerId),
      this.pick,
    )!;
    const customer = Model.pick(
      model.customers.filter((c) => !c.erased),
      this.customer,
    );
    if (!customer) return;
    const answer = await world.call('waiter', 'post', `/orders/${order.id}/customer`, {
      customerId: customer.id,
    });
    if (world.expect(answer, 'ok', String(this))) order.customerId = customer.id;
  }

  toString = () => `Attach(o${this.pick},c${this.customer})`;
}

export class TakeReward implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly kind: 'dish' | 'amount',
  ) {}

  check = (model: Readonly<Model>) => model.open().some((o) => o.customerId);

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(
      model.open().filter((o) => o.customerId),
      this.pick,
    )!;
    const reward = world.rewards[this.kind];
    const customer = model.customers.find((c) => c.id === order.customerId)!;
    const points = customer.erased ? 0 : (await world.read(`/customers/${customer.id}/loyalty`)).points;
    const { subtotal } = await current(world, order);
    const refused =
      customer.erased ||
      points < reward.points ||
      (this.kind === 'amount' &&
        (order.discounted || !!order.shareGroup || world.rewards.amount.amount > subtotal));
    const answer = await world.call('waiter', 'post', `/orders/${order.id}/rewards`, { rewardId: reward.id });
    if (!world.expect(answer, refused ? 'refused' : 'ok', String(this))) return;
    if (this.kind === 'amount') order.discounted = true;
    model.rewards.push({
      customerId: customer.id,
      orderId: order.id,
      points: reward.points,
      kind: this.kind,
      returned: 'no',
    });
  }

  toString = () => `Reward(o${this.pick},${this.kind})`;
}

export class EraseCustomer implements ModelCommand {
  constructor(readonly customer: number) {}

  check = (model: Readonly<Model>) => model.customers.some((c) => !c.erased);

  async run(model: Model, world: World): Promise<void> {
    const customer = Model.pick(
      model.customers.filter((c) => !c.erased),
      this.customer,
    )!;
    const answer = await world.call('admin', 'delete', `/customers/${customer.id}`);
    if (world.expect(answer, 'ok', String(this))) customer.erased = true;
  }

  toString = () => `Erase(c${this.customer})`;
}

/**
 * POST /business-days/close: refused while an order or a drawer of the day is open. Not tried twice a day: which day a second
 * close would mean once today takes no more sales is not in the contract.
 */
export class CloseDay implements ModelCommand {
  check = (model: Readonly<Model>) => !model.closedDays.has(model.today);

  async run(model: Model, world: World): Promise<void> {
    const open = model.open().filter((o) => o.day === model.today);
    const drawers = model.drawers.filter((d) => d.open && d.day === model.today);
    const allowed = open.length === 0 && drawers.length === 0;
    const answer = await world.call('manager', 'post', '/business-days/close', {
      uncountedCashConfirmed: true,
    });
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this))) return;
    if (answer.body.businessDay !== model.today) {
      throw new Error(`${String(this)}: closed ${answer.body.businessDay}, expected ${model.today}`);
    }
    model.closedDays.add(model.today);
  }

  toString = () => 'CloseDay';
}

/** The next morning: the test clock moves a day on (at most twice a run, so a run's days stay few). */
export class NextMorning implements ModelCommand {
  check = (model: Readonly<Model>) => model.mornings < 2;

  async run(model: Model, world: World): Promise<void> {
    model.mornings += 1;
    model.today = addDays(model.today, 1);
    world.t.clock.moveTo(`${model.today}T10:00:00Z`);
    await world.login();
  }

  toString = () => 'NextMorning';
}
