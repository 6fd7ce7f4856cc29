import { randomUUID } from 'node:crypto';
import { SIMULATOR_TIMES } from '../../src/terminals/providers/simulator.adapter';
import { Model, ModelCommand } from './model-state';
import type { World } from './model-world';

/**
 * The model-based spec's commands of the tills: a card payment on the simulator terminal (its outcome chosen by
 * the amount's last two digits, docs/terminals.md) and a tablet's order sent again with the same client ids.
 */

/** What the simulator does with an amount ending in these two digits. */
export type TerminalOutcome = 'declined' | 'unknown' | 'approved';
const ENDINGS: Record<TerminalOutcome, number> = { declined: 1, unknown: 2, approved: 50 };
const RUNNING = ['pending', 'in_progress', 'unknown'];

export class TerminalPay implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly outcome: TerminalOutcome,
  ) {}

  check = (model: Readonly<Model>) => model.open().length > 0;

  async run(model: Model, world: World): Promise<void> {
    const order = Model.pick(model.open(), this.pick)!;
    const { due } = await world.read(`/orders/${order.id}`);
    const ending = ENDINGS[this.outcome];
    // The most of what is due that ends in the outcome's digits; nothing to take when less is due.
    const amount = Math.floor((due - ending) / 100) * 100 + ending;
    if (amount <= 0) return;
    const started = await world.call(
      'waiter',
      'post',
      `/orders/${order.id}/terminal-payments`,
      { terminalId: world.terminalId, amount },
      { idempotencyKey: randomUUID() },
    );
    if (!world.expect(started, 'ok', String(this))) return;
    const attempt = await this.ended(world, String(started.body.id));
    const status = this.outcome === 'declined' ? 'failed' : 'succeeded';
    if (attempt.status !== status) {
      throw new Error(`${String(this)}: ${amount} ended ${attempt.status}, the simulator says ${status}`);
    }
    if (status === 'failed') return;
    model.payments.push({
      id: String(attempt.paymentId),
      orderId: order.id,
      method: 'card',
      amount,
      tip: 0,
      refunded: 0,
      tipRefunded: 0,
      cardId: null,
    });
  }

  /**
   * Asks until the attempt ends: once sent, the clock moves past the simulator's time-out (an approval comes
   * within it, 02 turns unknown), and the next GET asks the terminal again, which resolves an unknown one.
   */
  private async ended(world: World, id: string): Promise<{ status: string; paymentId: string | null }> {
    let attempt = await world.read(`/terminal-payments/${id}`);
    for (let tries = 0; attempt.status === 'pending' && tries < 250; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      attempt = await world.read(`/terminal-payments/${id}`);
    }
    world.t.clock.advance(SIMULATOR_TIMES.timeoutMs);
    for (let tries = 0; RUNNING.includes(attempt.status) && tries < 5; tries++) {
      attempt = await world.read(`/terminal-payments/${id}`);
    }
    return { status: String(attempt.status), paymentId: attempt.paymentId as string | null };
  }

  toString = () => `TerminalPay(o${this.pick},${this.outcome})`;
}

/**
 * A tablet sends an order again, with the ids it was made with (its outbox replayed after a drop): within 24 hours
 * the same order answers, marked replayed, and nothing is made twice; later the ids are refused.
 */
export class ReplayOpen implements ModelCommand {
  constructor(readonly pick: number) {}

  check = (model: Readonly<Model>) => model.creates.length > 0;

  async run(model: Model, world: World): Promise<void> {
    const sent = Model.pick(model.creates, this.pick)!;
    const answer = await world.call('waiter', 'post', '/orders', sent.body, { clientIds: true });
    const fresh = world.t.clock.now().getTime() - sent.at.getTime() < 24 * 60 * 60_000;
    if (!world.expect(answer, fresh ? 'ok' : 'refused', String(this))) return;
    if (!answer.replayed || answer.body.id !== sent.orderId) {
      throw new Error(`${String(this)}: answered order ${answer.body.id}, replayed ${answer.replayed}`);
    }
  }

  toString = () => `ReplayOpen(c${this.pick})`;
}
