import { Method, Model, ModelCommand, ModelPayment } from './model-state';
import { Close, current } from './model-orders';
import type { World } from './model-world';

/** The model-based spec's money commands: payments in cash, card and gift card with tips, and refunds. */

export class Pay implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly method: Exclude<Method, 'channel'>,
    /** Of what is due, in tenths: 10 pays it all, more pays over (cash gives change, a card is refused). */
    readonly tenths: number,
    readonly tip: number,
    readonly card: number,
  ) {}

  check = (model: Readonly<Model>) => model.open().length > 0;

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(model.open(), this.pick)!;
    const { due } = await current(world, order);
    const amount = Math.max(1, Math.floor((due * this.tenths) / 10));
    const card = this.method === 'giftCard' ? Model.pick(model.cards, this.card)! : null;
    const tip = this.method === 'giftCard' ? 0 : this.tip;
    const answer = await world.call('waiter', 'post', `/orders/${order.id}/payments`, {
      methodId: world.methods[this.method],
      amount,
      tip,
      ...(card ? { giftCardCode: card.code } : {}),
    });
    const over = amount > due && this.method !== 'cash';
    const short = card !== null && card.balance < amount;
    const allowed = order.status === 'open' && due > 0 && !over && !short;
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this))) return;
    const applied = Number(answer.body.amount);
    if (!world.relaxed && applied !== Math.min(amount, due)) {
      throw new Error(`${String(this)}: ${applied} applied of ${amount} tendered, ${due} due`);
    }
    if (Number(answer.body.change) !== amount - applied) {
      throw new Error(
        `${String(this)}: change ${answer.body.change} of ${amount} tendered, ${applied} applied`,
      );
    }
    model.payments.push({
      id: String(answer.body.id),
      orderId: order.id,
      method: this.method,
      amount: applied,
      tip,
      refunded: 0,
      tipRefunded: 0,
      cardId: card?.id ?? null,
      tipDay: model.salesDay,
      device: answer.device,
    });
    if (card) card.balance -= applied;
    if (this.method === 'cash') model.drawerCash(answer.device, applied);
  }

  toString = () => `Pay(o${this.pick},${this.method},${this.tenths}/10,tip ${this.tip},g${this.card})`;
}

/** Our payments: the channel's are the channel's to give back. */
const ours = (model: Readonly<Model>) => model.payments.filter((p) => p.method !== 'channel');

export class Refund implements ModelCommand {
  constructor(
    readonly pick: number,
    /** Of what is left of the payment, in tenths: over 10 asks for more than is left. */
    readonly tenths: number,
  ) {}

  check = (model: Readonly<Model>) => ours(model).length > 0;

  async run(model: Model, world: World): Promise<void> {
    const payment = Model.pick(ours(model), this.pick)!;
    const left = payment.amount - payment.refunded;
    const amount = Math.max(1, Math.floor((left * this.tenths) / 10));
    const answer = await world.call('manager', 'post', `/payments/${payment.id}/refund`, {
      amount,
      reason: 'model: returned',
    });
    if (world.expect(answer, amount <= left ? 'ok' : 'refused', String(this)))
      model.bookRefund(payment, amount);
  }

  toString = () => `Refund(p${this.pick},${this.tenths}/10)`;
}

/** A tip given back with its own field (`{tip}`), once the app has it: it leaves what the order was paid alone. */
export class RefundTip implements ModelCommand {
  constructor(readonly pick: number) {}

  check = (model: Readonly<Model>) => ours(model).some((p) => p.tip > 0);

  async run(model: Model, world: World): Promise<void> {
    const payment = Model.pick(
      ours(model).filter((p) => p.tip > 0),
      this.pick,
    )!;
    const tip = payment.tip - payment.tipRefunded;
    const answer = await world.call('manager', 'post', `/payments/${payment.id}/refund`, {
      tip: Math.max(1, tip),
      reason: 'model: tip back',
    });
    if (!world.expect(answer, tip > 0 ? 'ok' : 'refused', String(this))) return;
    payment.tipRefunded += tip;
    // A cash tip given back leaves the drawer (docs/cash-drawers.md: a refund's tip is cash refunded).
    if (payment.method === 'cash') model.drawerCash(payment.device, -tip);
  }

  toString = () => `RefundTip(p${this.pick})`;
}

/**
 * A refund by lines (`{lines: [{itemId, quantity}]}`), once the app has it: one unit of a live line of the order
 * that holds the payment. What it gives back is the app's to work out (the line's share after discount and
 * service charge); the model takes the amount from the payment's answer and the invariants check the rest.
 */
export class RefundLine implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly item: number,
  ) {}

  check = (model: Readonly<Model>) => ours(model).length > 0;

  async run(model: Model, world: World): Promise<void> {
    const payment: ModelPayment = Model.pick(ours(model), this.pick)!;
    const order = model.order(payment.orderId);
    const live = ((await current(world, order)).items as Array<{ id: string; status: string }>).filter(
      (i) => i.status !== 'cancelled',
    );
    const item = Model.pick(live, this.item);
    if (!item) return;
    const answer = await world.call('manager', 'post', `/payments/${payment.id}/refund`, {
      lines: [{ itemId: item.id, quantity: 1 }],
      reason: 'model: line returned',
    });
    if (!world.expect(answer, 'either', String(this))) return;
    const refunded = Number(answer.body.refunded) - payment.refunded;
    if (refunded <= 0) throw new Error(`${String(this)}: gave back ${refunded}`);
    model.bookRefund(payment, refunded);
  }

  toString = () => `RefundLine(p${this.pick},i${this.item})`;
}

/** Pays what is due in full, then closes: what ends most orders, so closes, receipts and points come often. */
export class Settle implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly method: Exclude<Method, 'channel'>,
    readonly tip: number,
  ) {}

  check = (model: Readonly<Model>) => model.open().length > 0;

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(model.open(), this.pick)!;
    if ((await current(world, order)).due > 0) {
      await new Pay(this.pick, this.method, 10, this.tip, this.pick).run(model, world);
    }
    await new Close(this.pick).run(model, world);
  }

  toString = () => `Settle(o${this.pick},${this.method},tip ${this.tip})`;
}
