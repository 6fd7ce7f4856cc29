import { advance } from './model-clock';
import { Model, ModelCommand, ModelDrawer } from './model-state';
import { DEVICES, World } from './model-world';

/**
 * The model-based spec's commands of the tablets' cash drawers (docs/cash-drawers.md): opened with a float, cash
 * paid in and out with a reason, counted by its total or by notes and coins, which closes it. The cash payments
 * a tablet takes while its drawer is open, and the refunds of them, go to that drawer (Pay, Refund).
 */

const deviceOf = (n: number) => DEVICES[n % DEVICES.length];
/** The drawer open on the tablet, else its latest closed one (a call on it is refused), else none. */
const drawerOf = (model: Readonly<Model>, device: string): ModelDrawer | undefined =>
  model.drawers.find((d) => d.open && d.device === device) ??
  model.drawers.filter((d) => d.device === device).at(-1);

export class OpenDrawer implements ModelCommand {
  constructor(
    readonly device: number,
    readonly float: number,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    // A minute on: the drawer takes what is paid from its opening, not what was paid at that very moment before.
    if (!advance(model, world, 1)) return;
    const device = deviceOf(this.device);
    const answer = await world.call('waiter', 'post', '/shifts', { float: this.float }, { device });
    const allowed = !model.drawers.some((d) => d.open && d.device === device);
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this))) return;
    model.drawers.push({
      id: String(answer.body.id),
      device,
      day: String(answer.body.businessDay),
      float: this.float,
      expected: this.float,
      open: true,
      counted: null,
    });
  }

  toString = () => `OpenDrawer(${this.device},${this.float})`;
}

export class MoveCash implements ModelCommand {
  constructor(
    readonly device: number,
    readonly kind: 'deposit' | 'withdrawal',
    readonly amount: number,
  ) {}

  check = (model: Readonly<Model>) => drawerOf(model, deviceOf(this.device)) !== undefined;

  async run(model: Model, world: World): Promise<void> {
    const device = deviceOf(this.device);
    const drawer = drawerOf(model, device)!;
    const answer = await world.call(
      'waiter',
      'post',
      `/shifts/${drawer.id}/movements`,
      { kind: this.kind, amount: this.amount, reason: `model: ${this.kind}` },
      { device },
    );
    if (!world.expect(answer, drawer.open ? 'ok' : 'refused', String(this))) return;
    drawer.expected += this.kind === 'deposit' ? this.amount : -this.amount;
    if (answer.body.expectedCash !== drawer.expected) {
      throw new Error(`${String(this)}: expects ${answer.body.expectedCash}, the model ${drawer.expected}`);
    }
  }

  toString = () => `MoveCash(${this.device},${this.kind},${this.amount})`;
}

/** Counts the drawer `off` from what it expects (over or short), by its total or by notes and coins; it closes. */
export class CountDrawer implements ModelCommand {
  constructor(
    readonly device: number,
    readonly off: number,
    readonly byDenominations: boolean,
  ) {}

  check = (model: Readonly<Model>) => drawerOf(model, deviceOf(this.device)) !== undefined;

  async run(model: Model, world: World): Promise<void> {
    const device = deviceOf(this.device);
    const drawer = drawerOf(model, device)!;
    const counted = Math.max(0, drawer.expected + this.off);
    const body = this.byDenominations
      ? {
          denominations: [
            { value: 1000, count: Math.floor(counted / 1000) },
            { value: 1, count: counted % 1000 },
          ],
        }
      : { amount: counted };
    const answer = await world.call('waiter', 'post', `/shifts/${drawer.id}/count`, body, { device });
    if (!world.expect(answer, drawer.open ? 'ok' : 'refused', String(this))) return;
    drawer.open = false;
    drawer.counted = counted;
    const { expectedCash, countedCash, difference } = answer.body;
    if (
      expectedCash !== drawer.expected ||
      countedCash !== counted ||
      difference !== counted - drawer.expected
    ) {
      throw new Error(
        `${String(this)}: expected ${expectedCash}, counted ${countedCash}, difference ${difference}; ` +
          `the model: ${drawer.expected}, ${counted}, ${counted - drawer.expected}`,
      );
    }
  }

  toString = () =>
    `CountDrawer(${this.device},${this.off > 0 ? '+' : ''}${this.off},${this.byDenominations ? 'notes' : 'total'})`;
}

/**
 * Tips paid out by a manager: by payroll, or in cash out of the drawer open on the tablet the call is sent from
 * (a pay-out of that drawer; none open there: 404).
 */
export class PayOutTips implements ModelCommand {
  constructor(
    readonly to: 'waiter' | 'runner',
    readonly amount: number,
    /** The tablet whose drawer pays; null: by payroll. */
    readonly device: number | null,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    const device = this.device === null ? undefined : deviceOf(this.device);
    const body = {
      userId: world.staff[this.to].id,
      amount: this.amount,
      method: device ? 'cash' : 'payroll',
    };
    const answer = await world.call('manager', 'post', '/tips/payouts', body, { device });
    const drawer = model.drawers.find((d) => d.open && d.device === device);
    if (device && !drawer) {
      if (answer.status !== 404)
        throw new Error(`${String(this)}: no drawer open, answered ${answer.status}`);
      return;
    }
    if (!world.expect(answer, 'ok', String(this))) return;
    if (answer.body.businessDay !== model.salesDay) {
      throw new Error(`${String(this)}: paid on ${answer.body.businessDay}, expected ${model.salesDay}`);
    }
    model.payouts.push({ day: model.salesDay, amount: this.amount });
    if (drawer) drawer.expected -= this.amount;
  }

  toString = () => `PayOutTips(${this.to},${this.amount},${this.device === null ? 'payroll' : this.device})`;
}

/**
 * A run's end, before its day closes: every drawer still open counted as expected, everyone clocked in clocked
 * out. The next run's model knows nothing of them.
 */
export async function endOfRun(world: World, model: Model): Promise<void> {
  for (const drawer of model.drawers.filter((d) => d.open)) {
    const answer = await world.call(
      'waiter',
      'post',
      `/shifts/${drawer.id}/count`,
      {
        amount: Math.max(0, drawer.expected),
      },
      { device: drawer.device },
    );
    if (world.expect(answer, 'ok', 'end of run: count')) drawer.open = false;
  }
  for (const shift of model.shifts.filter((s) => s.clockedOutAt === null)) {
    const answer = await world.call(shift.person, 'post', '/time-clock/clock-out');
    if (world.expect(answer, 'ok', 'end of run: clock-out'))
      shift.clockedOutAt = world.t.clock.now().getTime();
  }
}
