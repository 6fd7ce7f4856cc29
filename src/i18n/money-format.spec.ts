import { formatMinorUnits } from './money-format';

describe('formatMinorUnits', () => {
  it('scales by the currency’s own minor unit', () => {
    expect(formatMinorUnits(45000, 'EUR')).toBe('€450.00');
    expect(formatMinorUnits(5, 'USD')).toBe('$0.05');
    expect(formatMinorUnits(1200, 'JPY')).toBe('¥1,200');
    expect(formatMinorUnits(1234, 'KWD')).toBe('KWD\u00a01.234');
    expect(formatMinorUnits(0, 'GBP')).toBe('£0.00');
  });
});
