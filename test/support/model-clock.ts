import type { Json } from './menu-fixture';
import { Model, ModelCommand, ModelShift, Person } from './model-state';
import type { World } from './model-world';

/**
 * The model-based spec's commands of the time clock (docs/time-clock.md): clock in (the waiter names one of two
 * jobs, or none and is refused), clock out, breaks paid and unpaid, a manager's correction with a reason, and cash
 * tips declared. Each moves the test clock on first, so that shifts and breaks last whole minutes.
 */

const MINUTE = 60_000;

/**
 * Moves the test clock `minutes` on, to a whole second (the time clock counts whole seconds), unless that passes
 * 20:00 UTC of the model's day (NextMorning and the run's close move it to later fixed times, never back): false
 * when it did not, and the command then does nothing.
 */
export function advance(model: Model, world: World, minutes: number): boolean {
  const now = world.t.clock.now().getTime();
  if (now + minutes * MINUTE > Date.parse(`${model.today}T20:00:00Z`)) return false;
  world.t.clock.advance(minutes * MINUTE - (now % 1000));
  return true;
}

const nowOf = (world: World) => world.t.clock.now().getTime();
const onBreak = (shift: ModelShift | undefined) => shift?.breaks.some((b) => b.end === null) ?? false;

/** Whole seconds paid of a shift up to `until` (its end, or now while open): less its unpaid breaks. */
export function workedSeconds(shift: ModelShift, until: number): number {
  const end = shift.clockedOutAt ?? until;
  const unpaid = shift.breaks.filter((b) => !b.paid).reduce((all, b) => all + (b.end ?? end) - b.start, 0);
  return Math.floor((end - shift.clockedInAt - unpaid) / 1000);
}

/** Fails unless the app's view of a shift has the model's times and paid seconds. */
function expectShift(world: World, shift: ModelShift, view: Json, what: string): void {
  const worked = workedSeconds(shift, nowOf(world));
  const out = shift.clockedOutAt === null ? null : new Date(shift.clockedOutAt).toISOString();
  if (view.workedSeconds !== worked || view.clockedOutAt !== out) {
    throw new Error(
      `${what}: ${view.workedSeconds} s worked, out ${view.clockedOutAt}; the model: ${worked} s, out ${out}`,
    );
  }
}

export class ClockIn implements ModelCommand {
  constructor(
    readonly person: Person,
    /** The waiter's job: 0 waiter, 1 runner, 2 none named (refused: the waiter holds two). */
    readonly job: number,
    readonly minutes: number,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    if (!advance(model, world, this.minutes)) return;
    const jobId =
      this.person === 'runner' || this.job === 2
        ? undefined
        : this.job === 0
          ? world.jobs.waiter
          : world.jobs.runner;
    const answer = await world.call(this.person, 'post', '/time-clock/clock-in', jobId ? { jobId } : {});
    const named = this.person === 'runner' || jobId !== undefined;
    const allowed = named && !model.openShift(this.person);
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this))) return;
    const expectedJob = this.person === 'runner' ? world.jobs.runner : jobId;
    if (answer.body.jobId !== expectedJob || Date.parse(answer.body.clockedInAt) !== nowOf(world)) {
      throw new Error(`${String(this)}: job ${answer.body.jobId} at ${answer.body.clockedInAt}`);
    }
    model.shifts.push({
      id: String(answer.body.id),
      person: this.person,
      clockedInAt: nowOf(world),
      clockedOutAt: null,
      breaks: [],
      edits: 0,
    });
  }

  toString = () => `ClockIn(${this.person},j${this.job},+${this.minutes}m)`;
}

export class ClockOut implements ModelCommand {
  constructor(
    readonly person: Person,
    readonly minutes: number,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    if (!advance(model, world, this.minutes)) return;
    const answer = await world.call(this.person, 'post', '/time-clock/clock-out');
    const shift = model.openShift(this.person);
    if (!world.expect(answer, shift ? 'ok' : 'refused', String(this)) || !shift) return;
    shift.clockedOutAt = nowOf(world);
    for (const pause of shift.breaks) pause.end ??= shift.clockedOutAt;
    expectShift(world, shift, answer.body, String(this));
  }

  toString = () => `ClockOut(${this.person},+${this.minutes}m)`;
}

export class StartBreak implements ModelCommand {
  constructor(
    readonly person: Person,
    readonly paid: boolean,
    readonly minutes: number,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    if (!advance(model, world, this.minutes)) return;
    const answer = await world.call(this.person, 'post', '/time-clock/breaks/start', { paid: this.paid });
    const shift = model.openShift(this.person);
    const allowed = shift !== undefined && !onBreak(shift);
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this)) || !shift) return;
    shift.breaks.push({ paid: this.paid, start: nowOf(world), end: null });
    expectShift(world, shift, answer.body, String(this));
  }

  toString = () => `StartBreak(${this.person},${this.paid ? 'paid' : 'unpaid'},+${this.minutes}m)`;
}

export class EndBreak implements ModelCommand {
  constructor(
    readonly person: Person,
    readonly minutes: number,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    if (!advance(model, world, this.minutes)) return;
    const answer = await world.call(this.person, 'post', '/time-clock/breaks/end');
    const shift = model.openShift(this.person);
    if (!world.expect(answer, onBreak(shift) ? 'ok' : 'refused', String(this)) || !shift) return;
    shift.breaks.find((b) => b.end === null)!.end = nowOf(world);
    expectShift(world, shift, answer.body, String(this));
  }

  toString = () => `EndBreak(${this.person},+${this.minutes}m)`;
}

/**
 * A manager's correction with a reason: the clock-out set `minutes` before the shift's end (an open shift's
 * forgotten clock-out: before now), or the clock-in set `minutes` earlier. Refused (422) for an end not after the
 * start or a break left outside, (409) for an overlap with another shift of the person.
 */
export class CorrectShift implements ModelCommand {
  constructor(
    readonly pick: number,
    readonly field: 'clockedOutAt' | 'clockedInAt',
    readonly minutes: number,
  ) {}

  check = (model: Readonly<Model>) => model.shifts.length > 0;

  async run(model: Model, world: World): Promise<void> {
    const shift = Model.pick(model.shifts, this.pick)!;
    // A whole second, as every time the model sets: a closed shift's unpaid minutes come out whole.
    const now = Math.floor(nowOf(world) / 1000) * 1000;
    const by = this.minutes * MINUTE;
    const from = this.field === 'clockedInAt' ? shift.clockedInAt - by : shift.clockedInAt;
    const until = this.field === 'clockedOutAt' ? (shift.clockedOutAt ?? now) - by : shift.clockedOutAt;
    const end = until ?? now;
    const at = new Date(this.field === 'clockedInAt' ? from : end).toISOString();
    const answer = await world.call('manager', 'patch', `/time-clock/${shift.id}`, {
      [this.field]: at,
      reason: `model: ${this.field} corrected`,
    });
    const outside = shift.breaks.some((b) => b.start < from || (b.end ?? b.start) > end);
    // Another shift of the person overlaps when the two share a moment (one ending as the other starts: not).
    const overlaps = model.shifts.some(
      (other) =>
        other !== shift &&
        other.person === shift.person &&
        other.clockedInAt < end &&
        from < (other.clockedOutAt ?? now),
    );
    const allowed = end > from && !outside && !overlaps;
    if (!world.expect(answer, allowed ? 'ok' : 'refused', String(this))) return;
    shift.clockedInAt = from;
    shift.clockedOutAt = until;
    if (until !== null) for (const pause of shift.breaks) pause.end ??= until;
    shift.edits += 1;
    expectShift(world, shift, answer.body, String(this));
  }

  toString = () => `CorrectShift(s${this.pick},${this.field},-${this.minutes}m)`;
}

/** Cash tips declared on the open business day: one's own, or a manager's for the runner. */
export class DeclareTips implements ModelCommand {
  constructor(
    readonly by: Person | 'manager',
    readonly amount: number,
  ) {}

  check = () => true;

  async run(model: Model, world: World): Promise<void> {
    const body =
      this.by === 'manager'
        ? { amount: this.amount, userId: world.staff.runner.id }
        : { amount: this.amount };
    const answer = await world.call(this.by, 'post', '/tips/declared', body);
    if (!world.expect(answer, 'ok', String(this))) return;
    if (answer.body.businessDay !== model.salesDay) {
      throw new Error(`${String(this)}: declared on ${answer.body.businessDay}, expected ${model.salesDay}`);
    }
    model.declared.push({ day: model.salesDay, amount: this.amount });
  }

  toString = () => `DeclareTips(${this.by},${this.amount})`;
}
