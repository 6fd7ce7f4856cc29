import fc from 'fast-check';
import { apportion, splitOverRates } from './apportion';
import { decimalText, scaledOf } from './dsfinvk-files';
import { counterGap } from './dsfinvk-verification';

describe('apportion and the split of positions over rates', () => {
  it('apportions exactly, with negative weights among positive ones', () => {
    expect(apportion(100, [1, 1, 1])).toEqual([34, 33, 33]);
    expect(apportion(1600, [900, 700])).toEqual([900, 700]);
    expect(apportion(-550, [1])).toEqual([-550]);
    expect(apportion(900, [1000, -100])).toEqual([1000, -100]);
    expect(apportion(7, [0, 0])).toEqual([7, 0]);
  });

  it('keeps every rate’s gross and tax and every position’s share, to the cent', () => {
    const amounts = fc.array(fc.integer({ min: -50_000, max: 50_000 }), { minLength: 1, maxLength: 8 });
    const rates = fc.array(
      fc.record({
        gross: fc.integer({ min: -50_000, max: 50_000 }),
        tax: fc.integer({ min: -9_000, max: 9_000 }),
      }),
      { minLength: 1, maxLength: 4 },
    );
    fc.assert(
      fc.property(amounts, rates, fc.array(fc.array(fc.boolean())), (lines, taxRows, carries) => {
        const cells = splitOverRates(lines, taxRows, carries);
        taxRows.forEach((rate, r) => {
          expect(cells.reduce((sum, row) => sum + row[r].gross, 0)).toBe(rate.gross);
          expect(cells.reduce((sum, row) => sum + row[r].tax, 0)).toBe(rate.tax);
        });
        const total = taxRows.reduce((sum, rate) => sum + rate.gross, 0);
        const shares = apportion(total, lines);
        cells.forEach((row, i) => expect(row.reduce((sum, cell) => sum + cell.gross, 0)).toBe(shares[i]));
      }),
    );
  });

  it('keeps a line at the rates its item carries', () => {
    const rates = [
      { gross: 900, tax: 144 },
      { gross: 700, tax: 46 },
    ];
    const cells = splitOverRates([900, 700], rates, [
      [true, false],
      [false, true],
    ]);
    expect(cells).toEqual([
      [
        { gross: 900, tax: 144 },
        { gross: 0, tax: 0 },
      ],
      [
        { gross: 0, tax: 0 },
        { gross: 700, tax: 46 },
      ],
    ]);
  });

  it('writes decimals with a comma and reads them back', () => {
    expect(decimalText(1234, 2)).toBe('12,34');
    expect(decimalText(-5, 2)).toBe('-0,05');
    expect(decimalText(2000, 3)).toBe('2,000');
    expect(decimalText(17, 0)).toBe('17');
    for (const value of [0, 7, -7, 123456789, -100]) expect(scaledOf(decimalText(value, 5), 5)).toBe(value);
  });

  it('finds a gap in a unit’s counters, by its step: one per finish, or two when starts are signed too', () => {
    expect(counterGap([3, 1, 2, 4], 0)).toBeNull();
    expect(counterGap([1, 2, 4], 0)).toBe('jumps to 4 after 2');
    expect(counterGap([1, 2, 2], 0)).toBe('repeats 2');
    expect(counterGap([1, 2, 4], 1)).toBe('jumps to 4 after 2');
    expect(counterGap([2, 4, 6], 0)).toBeNull();
    expect(counterGap([2, 4, 7], 0)).toBe('jumps to 7 after 4');
    expect(counterGap([2, 4, 7], 1)).toBeNull();
    expect(counterGap([2, 4, 8], 1)).toBe('jumps to 8 after 4');
    expect(counterGap([5], 0)).toBeNull();
  });
});
