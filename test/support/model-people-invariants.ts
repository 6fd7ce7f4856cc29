import type { Json } from './menu-fixture';
import { workedSeconds } from './model-clock';
import { addDays, Model } from './model-state';
import type { World } from './model-world';

/**
 * What must hold of the people and the drawers after every step of the model-based spec: the time clock's shifts
 * (GET /time-clock) against the model's, the tips report's days against the tips taken and declared, and each
 * drawer's expected cash (and over or short once counted) against the cash the model saw go through it.
 */

type Expect = (condition: boolean, message: () => string) => void;

const sum = (values: number[]) => values.reduce((all, value) => all + value, 0);

export async function checkPeople(expect: Expect, model: Model, world: World): Promise<void> {
  await checkShifts(expect, model, world);
  await checkTips(expect, model, world);
  await checkDrawers(expect, model, world);
}

/**
 * A person is clocked in at most once, and on a break only then; each of the run's shifts has the model's end,
 * paid seconds (an open one's up to now), break minutes, unpaid ones and corrections.
 */
async function checkShifts(expect: Expect, model: Model, world: World): Promise<void> {
  const since = new Date(Date.parse(`${model.firstDay}T00:00:00Z`) - 86_400_000).toISOString();
  const listed: Json[] = [];
  for (let page = 1; ; page++) {
    const body = await world.read(`/time-clock?from=${since}&page=${page}&perPage=100`);
    listed.push(...body.items);
    if (page >= body.pages) break;
  }
  for (const person of ['waiter', 'runner'] as const) {
    const open = listed.filter((s) => s.userId === world.staff[person].id && s.open);
    expect(open.length <= 1, () => `${person}: clocked in ${open.length} times`);
    const shift = model.openShift(person);
    expect(
      (open[0]?.id ?? null) === (shift?.id ?? null),
      () => `${person}: clocked in to ${open[0]?.id ?? 'nothing'}, the model says ${shift?.id ?? 'nothing'}`,
    );
  }
  const now = world.t.clock.now().getTime();
  for (const shift of model.shifts) {
    const view = listed.find((s) => s.id === shift.id);
    const at = `shift ${shift.id.slice(0, 8)} of the ${shift.person}`;
    if (!view) {
      expect(false, () => `${at}: not listed`);
      continue;
    }
    expect(!view.onBreak || view.open, () => `${at}: on a break, clocked out`);
    const closed = shift.clockedOutAt !== null;
    const end = shift.clockedOutAt ?? now;
    const breaks = shift.breaks.map((b) => ({ ...b, length: (b.end ?? end) - b.start }));
    const unpaid = closed ? sum(breaks.filter((b) => !b.paid).map((b) => b.length)) / 60_000 : 0;
    const worked = workedSeconds(shift, now);
    // Of a closed shift (its times whole seconds): what its length leaves unpaid beside what was worked.
    const listedUnpaid = closed ? (end - Date.parse(view.clockedInAt)) / 60_000 - view.workedSeconds / 60 : 0;
    const breakMinutes = Math.round(Math.floor(sum(breaks.map((b) => b.length)) / 1000) / 60);
    expect(
      view.open === (shift.clockedOutAt === null) &&
        view.onBreak === shift.breaks.some((b) => b.end === null) &&
        view.workedSeconds === worked &&
        listedUnpaid === unpaid &&
        view.breakMinutes === breakMinutes &&
        (view.edits as Json[]).length === shift.edits,
      () =>
        `${at}: open ${view.open}, on a break ${view.onBreak}, ${view.workedSeconds} s worked, ${listedUnpaid} ` +
        `unpaid minutes, ${view.breakMinutes} break minutes, ${view.edits.length} edits; the model: ` +
        `${shift.clockedOutAt === null}, ${worked}, ${unpaid}, ${breakMinutes}, ${shift.edits}`,
    );
  }
}

/**
 * Per business day of the run: the people's earned tips sum to the tips taken on payments (less those given back)
 * and declared, their payouts to those paid; what the rules moved sums to nothing across people; the kept ledger equals the rebuild, unless
 * someone is clocked in (an open shift's hours grow with the clock, docs/tips.md).
 */
async function checkTips(expect: Expect, model: Model, world: World): Promise<void> {
  const report = await world.read(`/reports/tips?from=${model.firstDay}&to=${model.salesDay}`);
  const nobodyIn = model.shifts.every((s) => s.clockedOutAt !== null);
  for (let day = model.firstDay; day <= model.salesDay; day = addDays(day, 1)) {
    const people = ((report.days as Json[]).find((d) => d.businessDay === day)?.people ?? []) as Json[];
    const taken =
      sum(model.payments.filter((p) => p.tipDay === day).map((p) => p.tip - p.tipRefunded)) +
      sum(model.declared.filter((d) => d.day === day).map((d) => d.amount));
    const earned = sum(people.map((p) => Number(p.earned)));
    expect(
      earned === taken,
      () => `tips ${day}: ${earned} earned by the people, ${taken} taken and declared`,
    );
    const paidOut = sum(people.map((p) => Number(p.paidOut)));
    const paid = sum(model.payouts.filter((p) => p.day === day).map((p) => p.amount));
    expect(paidOut === paid, () => `tips ${day}: ${paidOut} paid out to the people, ${paid} paid`);
    const moved = sum(people.map((p) => Number(p.received) - Number(p.givenOut)));
    expect(moved === 0, () => `tips ${day}: the rules moved ${moved} in all, not 0`);
    const balances = people.every((p) => p.balance === p.earned - p.givenOut + p.received - p.paidOut);
    expect(balances, () => `tips ${day}: a balance is not earned − givenOut + received − paidOut`);
  }
  if (nobodyIn) {
    const unmatched = (report.days as Json[])
      .filter((d) => !d.ledgerMatches)
      .map((d) => String(d.businessDay));
    expect(
      unmatched.length === 0,
      () => `tips: the kept ledger differs from the rebuild on ${unmatched.join()}`,
    );
  }
}

/** Each drawer expects its float and the cash the model saw go through it; a counted one is over or short by it. */
async function checkDrawers(expect: Expect, model: Model, world: World): Promise<void> {
  for (const drawer of model.drawers) {
    const view = await world.read(`/shifts/${drawer.id}`);
    const at = `drawer ${drawer.id.slice(0, 8)} of ${drawer.device}`;
    expect(
      view.status === (drawer.open ? 'open' : 'closed') && view.expectedCash === drawer.expected,
      () => `${at}: ${view.status}, expects ${view.expectedCash}; the model: ${drawer.expected}`,
    );
    if (drawer.counted === null) continue;
    expect(
      view.countedCash === drawer.counted && view.difference === drawer.counted - drawer.expected,
      () => `${at}: counted ${view.countedCash}, difference ${view.difference}; the model: ${drawer.counted}`,
    );
  }
}
