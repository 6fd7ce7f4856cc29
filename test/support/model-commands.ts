import fc from 'fast-check';
import { AttachCustomer, CloseDay, EraseCustomer, NextMorning, TakeReward } from './model-guests';
import { checkInvariants } from './model-invariants';
import { Pay, Refund, RefundLine, RefundTip, Settle } from './model-money';
import { AddItems, Cancel, Close, Discount, LineSpec, OpenOrder, VoidItem } from './model-orders';
import { RepriceByImport } from './model-menu';
import { Merge, MoveItem, Split } from './model-splits';
import { ReplayOpen, TerminalPay } from './model-tills';
import { ClockIn, ClockOut, CorrectShift, DeclareTips, EndBreak, StartBreak } from './model-clock';
import { CountDrawer, endOfRun, MoveCash, OpenDrawer, PayOutTips } from './model-drawers';
import { addDays, Model, ModelCommand } from './model-state';
import { GIFT_CARD_START, World } from './model-world';

/**
 * The model-based spec's commands as fast-check arbitraries, each step followed by the invariants, and the start
 * of a run: a business day of its own (runs never share a day, so each run's reports are its own), two tables,
 * two customers and two gift cards.
 */

const line: fc.Arbitrary<LineSpec> = fc.record({
  dish: fc.nat(2),
  quantity: fc.integer({ min: 1, max: 3 }),
  seat: fc.nat(3),
});
const lines = fc.array(line, { minLength: 1, maxLength: 3 });
const pick = fc.nat(9);
const tenths = fc.constantFrom(3, 5, 10, 10, 12);

/** The commands, weighted towards orders and money. `features` leaves out refunds the app does not have yet. */
export function commandArbitraries(features: World['features']): Array<fc.Arbitrary<ModelCommand>> {
  const open = fc
    .tuple(
      fc.constantFrom('dine_in', 'dine_in', 'takeaway', 'channel') as fc.Arbitrary<'dine_in'>,
      lines,
      pick,
    )
    .chain(([kind, items, table]) => fc.boolean().map((paid) => new OpenOrder(kind, items, table, paid)));
  const arbitraries: Array<fc.Arbitrary<ModelCommand>> = [
    open,
    open,
    fc.tuple(pick, lines).map(([o, items]) => new AddItems(o, items)),
    fc.tuple(pick, pick).map(([o, i]) => new VoidItem(o, i)),
    fc
      .tuple(pick, fc.boolean(), fc.integer({ min: 1, max: 40 }))
      .map(([o, percent, v]) => new Discount(o, percent ? 'percent' : 'amount', percent ? v : v * 50)),
    fc.tuple(pick, fc.boolean()).map(([o, dish]) => new TakeReward(o, dish ? 'dish' : 'amount')),
    fc.tuple(pick, pick).map(([o, c]) => new AttachCustomer(o, c)),
    fc
      .tuple(
        pick,
        fc.constantFrom('items', 'items', 'seat', 'even') as fc.Arbitrary<'items'>,
        pick,
        fc.integer({ min: 2, max: 3 }),
      )
      .map(([o, by, i, parts]) => new Split(o, by, i, parts)),
    fc.tuple(pick, pick).map(([a, b]) => new Merge(a, b)),
    fc.tuple(pick, pick, pick).map(([a, b, i]) => new MoveItem(a, b, i)),
    ...[0, 1, 2].map(() =>
      fc
        .tuple(
          pick,
          fc.constantFrom('cash', 'card', 'giftCard') as fc.Arbitrary<'cash'>,
          tenths,
          fc.constantFrom(0, 0, 150),
          pick,
        )
        .map(([o, method, t, tip, card]) => new Pay(o, method, t, tip, card)),
    ),
    ...[0, 1, 2].map(() =>
      fc
        .tuple(
          pick,
          fc.constantFrom('cash', 'card', 'card', 'giftCard') as fc.Arbitrary<'cash'>,
          fc.constantFrom(0, 200),
        )
        .map(([o, method, tip]) => new Settle(o, method, tip)),
    ),
    ...[0, 1].map(() => fc.tuple(pick, fc.constantFrom(3, 10, 11)).map(([p, t]) => new Refund(p, t))),
    fc.tuple(pick).map(([o]) => new Cancel(o)),
    fc.tuple(pick).map(([o]) => new Close(o)),
    fc.tuple(pick).map(([o]) => new Close(o)),
    fc
      .tuple(pick, fc.constantFrom('approved', 'approved', 'declined', 'unknown') as fc.Arbitrary<'approved'>)
      .map(([o, outcome]) => new TerminalPay(o, outcome)),
    pick.map((c) => new ReplayOpen(c)),
    fc.tuple(pick).map(([c]) => new EraseCustomer(c)),
    fc.constant(new CloseDay()),
    fc.constant(new NextMorning()),
    fc.tuple(fc.nat(2), fc.constantFrom(-25, 50, 100)).map(([d, change]) => new RepriceByImport(d, change)),
  ];
  arbitraries.push(...peopleArbitraries());
  if (features.refundTip) arbitraries.push(pick.map((p) => new RefundTip(p)));
  if (features.refundLines) arbitraries.push(fc.tuple(pick, pick).map(([p, i]) => new RefundLine(p, i)));
  return arbitraries.filter((arbitrary) => !WITHOUT.has(nameOf(fc.sample(arbitrary, 1)[0])));
}

/** The time clock's, the tips' and the drawers' commands. */
function peopleArbitraries(): Array<fc.Arbitrary<ModelCommand>> {
  const person = fc.constantFrom('waiter', 'runner') as fc.Arbitrary<'waiter'>;
  const minutes = fc.constantFrom(1, 5, 15, 40);
  const device = fc.nat(1);
  return [
    fc.tuple(person, fc.constantFrom(0, 1, 0, 1, 2), minutes).map(([p, job, m]) => new ClockIn(p, job, m)),
    fc.tuple(person, minutes).map(([p, m]) => new ClockOut(p, m)),
    fc.tuple(person, fc.boolean(), minutes).map(([p, paid, m]) => new StartBreak(p, paid, m)),
    fc.tuple(person, minutes).map(([p, m]) => new EndBreak(p, m)),
    fc
      .tuple(pick, fc.constantFrom('clockedOutAt', 'clockedInAt') as fc.Arbitrary<'clockedInAt'>, minutes)
      .map(([s, field, m]) => new CorrectShift(s, field, m)),
    fc
      .tuple(
        fc.constantFrom('waiter', 'runner', 'manager') as fc.Arbitrary<'waiter'>,
        fc.constantFrom(100, 350),
      )
      .map(([by, amount]) => new DeclareTips(by, amount)),
    // Opened more often than counted: a drawer stays open for a while, and takes the tablet's cash.
    ...[0, 1].map(() =>
      fc.tuple(device, fc.constantFrom(5000, 10_000)).map(([d, float]) => new OpenDrawer(d, float)),
    ),
    fc
      .tuple(
        device,
        fc.constantFrom('deposit', 'withdrawal') as fc.Arbitrary<'deposit'>,
        fc.constantFrom(500, 2000),
      )
      .map(([d, kind, amount]) => new MoveCash(d, kind, amount)),
    fc
      .tuple(device, fc.constantFrom(0, 0, -150, 75), fc.boolean())
      .map(([d, off, notes]) => new CountDrawer(d, off, notes)),
    fc
      .tuple(person, fc.constantFrom(100, 300), fc.constantFrom(0, 1, null))
      .map(([to, amount, d]) => new PayOutTips(to, amount, d)),
  ];
}

/** Commands left out by name (MODEL_WITHOUT=CloseDay,Merge): to look past a known defect while it is open. */
const WITHOUT = new Set((process.env.MODEL_WITHOUT ?? '').split(',').filter(Boolean));
const nameOf = (command: ModelCommand) => String(command).replace(/\(.*$/, '');

/** A command, then the invariants; a failure names the step and the calls that led to it. */
export class Checked implements fc.AsyncCommand<Model, World> {
  constructor(readonly inner: ModelCommand) {}

  check(model: Readonly<Model>): boolean {
    return this.inner.check(model);
  }

  async run(model: Model, world: World): Promise<void> {
    model.steps += 1;
    try {
      await this.inner.run(model, world);
      await checkInvariants(model, world);
    } catch (error) {
      const trail = world.trail.slice(-12).join('\n    ');
      throw new Error(
        `step ${model.steps} ${String(this.inner)}: ${(error as Error).message}\n  calls:\n    ${trail}`,
      );
    }
  }

  toString(): string {
    return String(this.inner);
  }
}

let runs = 0;
/** The run before this one: its sales day is closed before the next run starts. */
let previous: Model | null = null;

/**
 * Closes the sales day a run left open, at its end: a refund made after the run closed its day waits for the next
 * close to be given a day, and would otherwise be swept into the next run's first close, on a day the next run's
 * model knows nothing of. Refused while an order of that day is open, which leaves nothing to sweep but that order.
 */
async function closeOut(world: World, model: Model): Promise<void> {
  await endOfRun(world, model);
  if (model.closedDays.has(model.salesDay)) return;
  world.t.clock.moveTo(`${model.salesDay}T23:00:00Z`);
  await world.login();
  await world.call('manager', 'post', '/business-days/close', { uncountedCashConfirmed: true });
}

/**
 * A run's start: its own business days (four apart: a run sees two mornings, and once its last day is closed its
 * sales and refunds go to the day after), tables, guests, cards; the run before's sales day closed first.
 */
export async function startRun(world: World, firstDay: string): Promise<Model> {
  if (previous) await closeOut(world, previous);
  const day = addDays(firstDay, 4 * runs++);
  world.t.clock.moveTo(`${day}T10:00:00Z`);
  await world.login();
  world.trail.length = 0;
  const model = new Model(day);
  previous = model;
  for (const name of ['A', 'B']) {
    const created = await world.call('admin', 'post', '/locations', { name: `Room ${day} ${name}` });
    const table = await world.call('admin', 'post', '/tables', {
      name: `${day}-${name}`,
      locationId: created.body.id,
      seats: 4,
    });
    model.tables.push(String(table.body.id));
    const customer = await world.call('waiter', 'post', '/customers', { name: `Guest ${name} ${day}` });
    model.customers.push({ id: String(customer.body.id), erased: false });
    const card = await world.call('manager', 'post', '/gift-cards', { amount: GIFT_CARD_START });
    model.cards.push({ id: String(card.body.id), code: String(card.body.code), balance: GIFT_CARD_START });
  }
  return model;
}
