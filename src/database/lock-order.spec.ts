import { LOCK_ORDER, LockKind, LockOrderCheck, LockOrderChecks, LockOrderViolation } from './lock-order';

describe('the lock order', () => {
  it('lets a unit of work lock kinds in order, and a kind again', () => {
    const check = new LockOrderCheck();
    for (const kind of [
      LockKind.Table,
      LockKind.Order,
      LockKind.Order,
      LockKind.Stock,
      LockKind.EventSequence,
    ]) {
      check.enter(kind);
    }
  });

  it('throws at once, naming both kinds, when a kind comes after a later one', () => {
    const check = new LockOrderCheck();
    check.enter(LockKind.Order);
    check.enter(LockKind.Stock);
    expect(() => check.enter(LockKind.Table)).toThrow(LockOrderViolation);
    expect(() => check.enter(LockKind.Table)).toThrow(/"table" rows locked after "stock" rows/);
  });

  it('knows every kind once, the counters last', () => {
    expect(new Set(LOCK_ORDER).size).toBe(Object.values(LockKind).length);
    // The receipt numbers, an Austrian register's series (numbered with the receipt), a day's tips shared after
    // them, the event log's seq.
    expect(LOCK_ORDER.slice(-4)).toEqual([
      LockKind.ReceiptSequence,
      LockKind.CashRegister,
      LockKind.TipDay,
      LockKind.EventSequence,
    ]);
  });

  it('keeps one check per unit of work, and none when off', () => {
    const checks = new LockOrderChecks<object>(true);
    const [one, other] = [{}, {}];
    checks.enter(one, LockKind.Stock);
    checks.enter(other, LockKind.Table);
    expect(() => checks.enter(one, LockKind.Table)).toThrow(LockOrderViolation);
    // Kept, so that a test sees a violation that a background worker caught.
    expect(checks.violations.map((violation) => violation.kind)).toEqual([LockKind.Table]);
    const off = new LockOrderChecks<object>(false);
    off.enter(one, LockKind.Stock);
    off.enter(one, LockKind.Table);
  });
});
