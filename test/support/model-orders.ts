import { randomUUID } from 'node:crypto';
import type { Json } from './menu-fixture';
import { Kind, Model, ModelCommand, ModelOrder } from './model-state';
import { CHANNEL, World } from './model-world';

/** The model-based spec's order commands: open (dine-in, takeaway, a channel's), add, void, discount, cancel, close. */

export interface LineSpec {
  dish: number;
  quantity: number;
  /** 0: no seat. */
  seat: number;
}

const describeLines = (lines: LineSpec[]) => lines.map((l) => `${l.quantity}×${l.dish}@${l.seat}`).join(',');

/** The lines as a tablet sends them: each with an id of its own (a client id, docs/clients.md). */
function staffLines(world: World, lines: LineSpec[], seats: boolean) {
  return lines.map((line) => ({
    id: randomUUID(),
    dishId: world.dishes[line.dish % world.dishes.length].id,
    quantity: line.quantity,
    ...(seats && line.seat > 0 ? { seat: line.seat } : {}),
  }));
}

/** The order as the app has it now. */
export const current = (world: World, order: ModelOrder): Promise<Json> => world.read(`/orders/${order.id}`);

/** The business day a new order must land on: the one that takes sales now (API.md, "Where features meet"). */
function expectSalesDay(model: Model, body: Json, what: string): void {
  if (body.businessDay !== model.salesDay) {
    throw new Error(`${what}: business day ${body.businessDay}, expected ${model.salesDay}`);
  }
}

export class OpenOrder implements ModelCommand {
  constructor(
    readonly kind: Kind,
    readonly lines: LineSpec[],
    readonly table: number,
    readonly paidByChannel: boolean,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    const answer =
      this.kind === 'channel'
        ? await world.call('channel', 'post', `/channels/${CHANNEL}/orders`, this.channelBody(model, world))
        : await world.call('waiter', 'post', '/orders', this.staffBody(model, world), { clientIds: true });
    if (!world.expect(answer, 'ok', String(this))) return;
    expectSalesDay(model, answer.body, String(this));
    const order = model.addOrder(answer.body, this.kind);
    if (this.kind !== 'channel')
      model.creates.push({ orderId: order.id, body: this.sent!, at: world.t.clock.now() });
    if (this.kind === 'channel' && this.paidByChannel) {
      // The channel's own payment: the model knows it by its amount (it is the channel's to refund, not ours).
      model.payments.push({
        id: `channel:${order.id}`,
        orderId: order.id,
        method: 'channel',
        amount: Number(answer.body.paid),
        tip: 0,
        refunded: 0,
        tipRefunded: 0,
        cardId: null,
      });
    }
  }

  /** The staff order's body, with the ids a tablet gives the order and its lines. */
  private sent: object | undefined;

  private staffBody(model: Model, world: World): object {
    this.sent = {
      id: randomUUID(),
      type: this.kind,
      guests: 4,
      ...(this.kind === 'dine_in' ? { tableId: Model.pick(model.tables, this.table) } : {}),
      items: staffLines(world, this.lines, this.kind === 'dine_in'),
    };
    return this.sent;
  }

  private channelBody(model: Model, world: World): object {
    const items = this.lines.map((line) => {
      const dish = world.dishes[line.dish % world.dishes.length];
      return { externalId: dish.externalId, quantity: line.quantity, price: dish.price };
    });
    return {
      externalId: `m${model.steps}-${Math.random().toString(36).slice(2, 10)}`,
      customerName: 'Grace Hopper',
      phone: '+49 151 2345678',
      address: { line1: 'Hauptstraße 5', city: 'Berlin' },
      type: 'delivery',
      items,
      total: items.reduce((sum, item) => sum + item.price * item.quantity, 0),
      paidByChannel: this.paidByChannel,
    };
  }

  toString(): string {
    return `Open(${this.kind},[${describeLines(this.lines)}],t${this.table}${this.paidByChannel ? ',paid' : ''})`;
  }
}

export class AddItems implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly lines: LineSpec[],
  ) {}

  check = (model: Readonly<Model>) => model.orders.some((o) => !o.shareGroup);

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(
      model.orders.filter((o) => !o.shareGroup),
      this.pick,
    )!;
    const answer = await world.call(
      'waiter',
      'post',
      `/orders/${order.id}/items`,
      { items: staffLines(world, this.lines, order.kind === 'dine_in') },
      { clientIds: true },
    );
    world.expect(answer, order.status === 'open' ? 'ok' : 'refused', String(this));
  }

  toString = () => `Add(o${this.pick},[${describeLines(this.lines)}])`;
}

export class VoidItem implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly item: number,
  ) {}

  check = (model: Readonly<Model>) => model.open().some((o) => !o.shareGroup);

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(
      model.open().filter((o) => !o.shareGroup),
      this.pick,
    )!;
    const live = ((await current(world, order)).items as Json[]).filter((i) => i.status !== 'cancelled');
    const item = Model.pick(live, this.item);
    if (!item) return;
    const answer = await world.call('manager', 'delete', `/orders/${order.id}/items/${item.id}`, {
      reason: 'model: sent back',
    });
    if (!world.expect(answer, 'ok', String(this))) return;
    if (item.unitPrice === 0) {
      const reward = model.rewardsOn(order.id).find((r) => r.kind === 'dish');
      if (reward) reward.returned = 'voided';
    }
  }

  toString = () => `Void(o${this.pick},i${this.item})`;
}

export class Discount implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly kind: 'percent' | 'amount',
    readonly value: number,
  ) {}

  check = (model: Readonly<Model>) => model.open().length > 0;

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(model.open(), this.pick)!;
    const { subtotal } = await current(world, order);
    const fits = this.kind === 'percent' || this.value <= subtotal;
    const answer = await world.call('manager', 'post', `/orders/${order.id}/discount`, {
      kind: this.kind,
      value: this.value,
      reason: 'model: regular',
    });
    // An even split's parts share their money: the contract refuses to discount one alone.
    const expected = order.shareGroup ? 'refused' : fits ? 'ok' : 'refused';
    if (world.expect(answer, expected, String(this))) order.discounted = true;
  }

  toString = () => `Discount(o${this.pick},${this.kind} ${this.value})`;
}

export class Cancel implements ModelCommand {
  constructor(readonly pick: number) {}

  check = (model: Readonly<Model>) => model.orders.length > 0;

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(model.orders, this.pick)!;
    const answer = await world.call('manager', 'patch', `/orders/${order.id}/status`, {
      status: 'cancelled',
      reason: 'model: guest left',
    });
    const allowed = order.status === 'open' && model.paidOn(order.id) === 0 && !order.shareGroup;
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this))) return;
    order.status = 'cancelled';
    order.cancelledByPerson = true;
    for (const reward of model.rewardsOn(order.id)) reward.returned = 'cancelled';
  }

  toString = () => `Cancel(o${this.pick})`;
}

export class Close implements ModelCommand {
  constructor(readonly pick: number) {}

  check = (model: Readonly<Model>) => model.open().length > 0;

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(model.open(), this.pick)!;
    const before = await current(world, order);
    const answer = await world.call('waiter', 'patch', `/orders/${order.id}/status`, { status: 'closed' });
    const allowed = order.status === 'open' && before.due === 0 && before.refundDue === 0;
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this))) return;
    order.status = 'closed';
    order.closedTotal = Number(answer.body.total);
  }

  toString = () => `Close(o${this.pick})`;
}
