import { Formats } from './formats';

describe('Formats', () => {
  const at = '2026-11-25T18:03:00Z';

  it('writes money, percentages and times in the locale and the restaurant’s time zone', () => {
    const german = new Formats({ locale: 'de-DE', timeZone: 'Europe/Berlin', currency: 'EUR' });
    expect(german.money(1250)).toBe('12,50\u00a0€');
    expect(german.moneyDelta(-50)).toBe('−0,50\u00a0€');
    expect(german.percent(19)).toBe('19\u00a0%');
    expect(german.time(at)).toBe('19:03');
    const english = new Formats({ locale: 'en', timeZone: 'UTC', currency: 'EUR' });
    expect(english.money(1250)).toBe('€12.50');
    expect(english.time(at)).toMatch(/^6:03\sPM$/); // ICU builds differ in the space
  });
});
