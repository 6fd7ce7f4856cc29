import { formatMinorUnits, priceDeltaText } from '../i18n/money-format';
import * as cartRules from './qr-cart-rules';
import type { ModifierGroup } from './qr-cart-rules';

const rules = { ...cartRules, formatMinorUnits, priceDeltaText };

const group = (minChoices: number, maxChoices: number, options = 4): ModifierGroup => ({
  id: 'g',
  name: 'Sauce',
  minChoices,
  maxChoices,
  options: Array.from({ length: options }, (_, i) => ({
    id: `o${i}`,
    name: `O${i}`,
    priceDelta: 0,
    sortOrder: i,
  })),
});

describe('the QR cart rules, as the page runs them', () => {
  it('formats money with the server’s own function', () => {
    expect(rules.formatMinorUnits(1250, 'EUR')).toBe('€12.50');
    expect(rules.formatMinorUnits(1200, 'JPY')).toBe('¥1,200');
  });

  it('says how many choices a group takes', () => {
    expect(rules.choiceHint(group(1, 1))).toBe('Choose 1');
    expect(rules.choiceHint(group(0, 1))).toBe('Optional');
    expect(rules.choiceHint(group(0, 2))).toBe('Optional, up to 2');
    expect(rules.choiceHint(group(2, 2))).toBe('Choose 2');
    expect(rules.choiceHint(group(1, 3))).toBe('Choose 1 to 3');
    expect(rules.choiceHint(group(1, 9))).toBe('Choose at least 1');
    expect(rules.choiceHint(group(0, 9, 3))).toBe('Optional, up to 3');
  });

  it('enforces min and max with a message naming the group', () => {
    expect(rules.choiceProblem(group(1, 1), 0)).toBe('Sauce: please choose one');
    expect(rules.choiceProblem(group(2, 3), 1)).toBe('Sauce: please choose at least 2');
    expect(rules.choiceProblem(group(0, 2), 3)).toBe('Sauce: please choose at most 2');
    expect(rules.choiceProblem(group(1, 3), 1)).toBeNull();
    expect(rules.choiceProblem(group(0, 1), 0)).toBeNull();
  });

  it('shows price deltas signed, and nothing for a free option', () => {
    expect(rules.priceDeltaText(150, 'EUR')).toBe('+€1.50');
    expect(rules.priceDeltaText(-50, 'EUR')).toBe('−€0.50');
    expect(rules.priceDeltaText(0, 'EUR')).toBe('');
  });

  it('prices a line as the variation plus its modifiers, and the cart without sold-out lines', () => {
    const modifiers = [
      { optionId: 'a', name: 'Cheese', priceDelta: 150 },
      { optionId: 'b', name: 'No bun', priceDelta: -50 },
    ];
    expect(rules.unitPriceOf(1200, modifiers)).toBe(1300);
    expect(rules.unitPriceOf(1200, [])).toBe(1200);
    const line = { dishName: 'Burger', modifiers, unitPrice: 1300, quantity: 2, unavailable: false };
    expect(rules.cartTotal([line, { ...line, quantity: 1, unitPrice: 450 }])).toBe(3050);
    expect(rules.cartTotal([line, { ...line, unitPrice: 450, unavailable: true }])).toBe(2600);
  });

  it('names statuses in a guest’s words and knows when an order stops changing', () => {
    expect(
      ['pending', 'open', 'in_progress', 'ready', 'served', 'cancelled'].map((s) => rules.guestStatus(s)),
    ).toEqual([
      'Waiting for a waiter to confirm',
      'Confirmed',
      'Being prepared',
      'Ready',
      'Served',
      'Cancelled',
    ]);
    expect(['ready', 'served', 'closed', 'cancelled'].map((s) => rules.isSettled(s))).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('finds the sold-out lines of a 422, and only of a sold-out refusal', () => {
    const refusal = (code: string, details: Array<{ field: string; message: string }>) => ({ code, details });
    expect(
      rules.soldOutLines(
        refusal('VALIDATION_ERROR', [
          { field: 'items[2].dishId', message: 'is not available' },
          { field: 'items[0].variationId', message: 'is not available' },
        ]),
      ),
    ).toEqual([2, 0]);
    expect(
      rules.soldOutLines(
        refusal('OUT_OF_STOCK', [{ field: 'items[1].variationId', message: 'only 2 left' }]),
      ),
    ).toEqual([1]);
    expect(
      rules.soldOutLines(
        refusal('VALIDATION_ERROR', [{ field: 'items[0].modifiers[1].optionId', message: 'is unavailable' }]),
      ),
    ).toEqual([0]);
    expect(
      rules.soldOutLines(
        refusal('VALIDATION_ERROR', [{ field: 'items[0].quantity', message: 'must not be greater than 99' }]),
      ),
    ).toBeNull();
    expect(
      rules.soldOutLines(
        refusal('VALIDATION_ERROR', [
          { field: 'items[0].dishId', message: 'is not available' },
          { field: 'notes', message: 'must be shorter' },
        ]),
      ),
    ).toBeNull();
    expect(rules.soldOutLines({ code: 'IDEMPOTENCY_KEY_REUSED' })).toBeNull();
    expect(rules.soldOutLines(undefined)).toBeNull();
  });

  it('words sold-out and rate-limit messages', () => {
    expect(rules.soldOutMessage(['Tiramisu'])).toBe('Sorry, Tiramisu has just sold out');
    expect(rules.soldOutMessage(['Tiramisu', 'Fries', 'Tiramisu', 'Beer'])).toBe(
      'Sorry, Tiramisu, Fries and Beer have just sold out',
    );
    expect(rules.rateLimitMessage('540')).toBe(
      'You’ve sent several orders in a short time. Please wait 540 seconds or call a waiter.',
    );
    expect(rules.rateLimitMessage('1')).toContain('wait 1 second or');
    expect(rules.rateLimitMessage(null)).toContain('wait 60 seconds');
  });
});
