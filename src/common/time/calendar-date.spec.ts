import { validateSync } from 'class-validator';
import { isCalendarDate } from './calendar-date';
import { IsTimestamp } from './is-timestamp';

describe('isCalendarDate', () => {
  it.each(['2026-11-22', '2024-02-29', '2026-12-31', '2026-01-01', '0100-01-01', '9999-12-31'])(
    'accepts %s',
    (value) => {
      expect(isCalendarDate(value)).toBe(true);
    },
  );

  it.each([
    '2026-13-01',
    '2026-00-10',
    '2026-13-45',
    '9999-99-99',
    '2026-02-30',
    '2025-02-29',
    '2026-04-31',
    '2026-11-00',
    '2026-11-32',
    '0000-01-01',
    '0099-12-31',
    '2026-1-01',
    '26-11-22',
    '2026-11-22T00:00:00Z',
    ' 2026-11-22',
    '',
    20261122,
    null,
  ])('refuses %j', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});

class Stamped {
  @IsTimestamp()
  at!: unknown;
}

const accepts = (at: unknown) => validateSync(Object.assign(new Stamped(), { at })).length === 0;

describe('IsTimestamp', () => {
  it.each([
    '2026-11-22T18:03:11.123Z',
    '2026-11-22T00:00Z',
    '2026-11-22T23:59:59.999Z',
    '2026-11-22T10:00:00+14:00',
    '2024-02-29T12:00:00Z',
  ])('accepts %s', (value) => {
    expect(accepts(value)).toBe(true);
  });

  it.each([
    '2026-11-22T24:00Z',
    '2026-11-22T24:00:00Z',
    '2026-11-22T24:00:00.000Z',
    '2026-11-22T24:00+01:00',
    '2026-11-22 24:00Z',
    '2026-11-22T25:00:00Z',
    '2026-11-22T23:60:00Z',
    '2026-02-30T10:00:00Z',
    '2026-13-01T00:00:00Z',
    '20261122',
    '2026-W47',
    'yesterday',
    1795341600000,
  ])('refuses %j', (value) => {
    expect(accepts(value)).toBe(false);
  });
});
