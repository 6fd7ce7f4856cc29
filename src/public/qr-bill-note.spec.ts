import { billExtrasNote } from './qr-bill-note';

const rate = (taxRateId: string, name: string, percent: number) => ({ taxRateId, name, percent });
const food = rate('f', 'Food', 7);
const drinks = rate('d', 'VAT 19 %', 19);
const state = rate('s', 'State', 6.25);
const city = rate('c', 'City', 2.25);

describe('the QR cart note on what the bill adds', () => {
  it('names the rates the menu’s dishes carry', () => {
    const included = { serviceChargeRatePercent: 0, pricesIncludeTax: true };
    expect(billExtrasNote({ ...included, dishRates: [[drinks], [drinks]] })).toBe('Prices include VAT 19 %.');
    expect(billExtrasNote({ ...included, dishRates: [[food], [drinks], []] })).toBe(
      'Prices include VAT 19 % or Food 7 % depending on the dish.',
    );
    expect(billExtrasNote({ ...included, dishRates: [[], []] })).toBeNull();
  });

  it('says what prices without tax and a service charge add, stacked rates together', () => {
    const added = { serviceChargeRatePercent: 10, pricesIncludeTax: false };
    expect(
      billExtrasNote({
        ...added,
        dishRates: [
          [state, city],
          [city, state],
        ],
      }),
    ).toBe('Your bill adds a 10% service charge and tax: State 6.25 % and City 2.25 %.');
    expect(billExtrasNote({ ...added, serviceChargeRatePercent: 0, dishRates: [[food], [drinks]] })).toBe(
      'Your bill adds tax: VAT 19 % or Food 7 % depending on the dish.',
    );
    expect(billExtrasNote({ ...added, dishRates: [] })).toBe('Your bill adds a 10% service charge.');
    expect(billExtrasNote({ ...added, pricesIncludeTax: true, dishRates: [[food]] })).toBe(
      'Your bill adds a 10% service charge. Prices include Food 7 %.',
    );
  });
});
