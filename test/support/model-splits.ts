import type { Json } from './menu-fixture';
import { Expected, World } from './model-world';
import { Model, ModelCommand, ModelOrder } from './model-state';
import { current } from './model-orders';

/**
 * The model-based spec's check commands: splits (items, seats, even), merges and item moves, across order types.
 * Each checks on the spot that every cent is accounted for: the parts add up to the whole.
 */

const MONEY = ['subtotal', 'discount', 'serviceCharge', 'tax', 'total', 'paid'] as const;
const moneyOf = (orders: Json[]) =>
  Object.fromEntries(
    MONEY.map((key) => [key, orders.reduce<number>((sum, o: Json) => sum + Number(o[key]), 0)]),
  );

function expectSameMoney(what: string, whole: Json[], parts: Json[], keys: readonly string[] = MONEY): void {
  const [before, after] = [moneyOf(whole), moneyOf(parts)];
  const differ = keys.filter((key) => before[key] !== after[key]);
  if (differ.length > 0) {
    throw new Error(`${what}: the parts do not add up to the whole: ${JSON.stringify({ before, after })}`);
  }
}

const live = (order: Json): Json[] => (order.items as Json[]).filter((i) => i.status !== 'cancelled');
const splittable = (model: Readonly<Model>) => model.open().filter((o) => !o.shareGroup);

export type SplitBy = 'items' | 'seat' | 'even';

export class Split implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly by: SplitBy,
    readonly item: number,
    readonly parts: number,
  ) {}

  check = (model: Readonly<Model>) => splittable(model).length > 0;

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(splittable(model), this.pick)!;
    const before = await current(world, order);
    const lines = live(before);
    const item = Model.pick(lines, this.item);
    if (!item) return;
    const body =
      this.by === 'items'
        ? { by: 'items', items: [{ itemId: item.id, quantity: 1 }] }
        : this.by === 'even'
          ? { by: 'even', parts: this.parts }
          : { by: 'seat' };
    const answer = await world.call('waiter', 'post', `/orders/${order.id}/split`, body);
    if (!world.expect(answer, this.expected(model, order, before, lines), String(this))) return;
    const parts = answer.body.orders as Json[];
    // Under concurrent batches `before` may be stale: the round's end checks what it can.
    if (!world.relaxed) expectSameMoney(String(this), [before], parts);
    for (const part of parts.slice(1)) {
      if (model.closedDays.has(part.businessDay)) {
        throw new Error(`${String(this)}: part ${part.id} landed on ${part.businessDay}, a closed day`);
      }
      model.addOrder(part, order.kind, { shareGroup: this.by === 'even' ? order.id : null });
    }
    if (this.by === 'even') order.shareGroup = order.id;
  }

  /**
   * Refusals the contract names: an item already paid for cannot move, an amount discount may no longer fit, and
   * there must be something to split. Splitting by seat depends on how seats group, which the model leaves open;
   * so does an even split of a paid order (the payment stays on the original, which may or may not hold it).
   */
  private expected(model: Model, order: ModelOrder, before: Json, lines: Json[]): Expected {
    if (this.by === 'seat') return 'either';
    if (before.total === 0) return 'either';
    const paid = model.paidOn(order.id) > 0;
    if (this.by === 'even') return paid ? 'either' : 'ok';
    const emptied = lines.length === 1 && lines[0].quantity === 1;
    return paid || emptied || before.discountDetail?.kind === 'amount' ? 'either' : 'ok';
  }

  toString = () => `Split(o${this.pick},${this.by},i${this.item},${this.parts})`;
}

/** Two distinct open orders picked by index, or nothing. */
function pair(model: Readonly<Model>, a: number, b: number): [ModelOrder, ModelOrder] | undefined {
  const open = model.open();
  if (open.length < 2) return undefined;
  const first = open[a % open.length];
  const rest = open.filter((o) => o !== first);
  return [first, rest[b % rest.length]];
}

export class Merge implements ModelCommand {
  constructor(
    readonly into: number,
    readonly from: number,
  ) {}

  check = (model: Readonly<Model>) => model.open().length >= 2;

  async run(model: Model, world: World): Promise<void> {
    const [into, from] = pair(model, this.into, this.from)!;
    const before = [await current(world, into), await current(world, from)];
    const answer = await world.call('waiter', 'post', `/orders/${into.id}/merge`, {
      fromOrderIds: [from.id],
    });
    const customers = into.customerId && from.customerId && into.customerId !== from.customerId;
    // Two orders that carry discounts merge only when the discounts are alike (else 409): the model leaves it open.
    const discounts = Boolean(before[0].discountDetail) && Boolean(before[1].discountDetail);
    const expected = into.shareGroup || from.shareGroup || customers || discounts ? 'either' : 'ok';
    if (!world.expect(answer, expected, String(this))) return;
    const [target, emptied] = answer.body.orders as Json[];
    // The lines keep their prices; tax, service charge and discount follow the order they now belong to.
    if (!world.relaxed) expectSameMoney(String(this), before, [target, emptied], ['subtotal', 'paid']);
    if (emptied.status !== 'cancelled' || Number(emptied.total) !== 0) {
      throw new Error(`${String(this)}: the emptied order is ${emptied.status} with ${emptied.total} left`);
    }
    from.status = 'cancelled';
    from.mergedInto = into.id;
    into.discounted = target.discountDetail != null;
    into.customerId = target.customer?.id ?? null;
  }

  toString = () => `Merge(o${this.into}←o${this.from})`;
}

export class MoveItem implements ModelCommand {
  constructor(
    readonly from: number,
    readonly to: number,
    readonly item: number,
  ) {}

  check = (model: Readonly<Model>) => model.open().length >= 2;

  async run(model: Model, world: World): Promise<void> {
    const [from, to] = pair(model, this.from, this.to)!;
    const before = [await current(world, from), await current(world, to)];
    const item = Model.pick(live(before[0]), this.item);
    if (!item) return;
    const answer = await world.call('waiter', 'post', `/orders/${from.id}/items/move`, {
      items: [{ itemId: item.id, quantity: 1 }],
      toOrderId: to.id,
    });
    const lastUnit = live(before[0]).length === 1 && item.quantity === 1;
    const open =
      from.shareGroup || to.shareGroup || lastUnit || model.paidOn(from.id) > 0 || before[0].discountDetail;
    if (!world.expect(answer, open ? 'either' : 'ok', String(this))) return;
    if (world.relaxed) return;
    const after = [await current(world, from), await current(world, to)];
    expectSameMoney(String(this), before, after, ['subtotal', 'paid']);
  }

  toString = () => `Move(o${this.from}→o${this.to},i${this.item})`;
}
