/**
 * The cart's rules, run in the guest's browser: the QR page's scripts (browser/) import this module, and the
 * server and its tests too. So it imports nothing: a browser needs `./x.js` specifiers, Node's loaders `./x`.
 */

/** A dish's modifier group as the menu lists it (only available options). */
export interface ModifierGroup {
  id: string;
  name: string;
  minChoices: number;
  maxChoices: number;
  options: Array<{ id: string; name: string; priceDelta: number; sortOrder: number; available?: boolean }>;
}

/** A chosen option, as the cart keeps it. */
export interface ChosenModifier {
  optionId: string;
  name: string;
  priceDelta: number;
}

export interface CartLine {
  dishName: string;
  unitPrice: number;
  modifiers: ChosenModifier[];
  quantity: number;
  /** Sold out since it was added: shown, but neither counted nor sent. */
  unavailable: boolean;
}

/** How many choices a group takes, in a guest's words. */
export function choiceHint(group: ModifierGroup): string {
  const max = Math.min(group.maxChoices, group.options.length);
  if (group.minChoices === 0) return max === 1 ? 'Optional' : 'Optional, up to ' + max;
  if (group.minChoices === max) return 'Choose ' + max;
  if (max >= group.options.length) return 'Choose at least ' + group.minChoices;
  return 'Choose ' + group.minChoices + ' to ' + max;
}

/** What is wrong with `chosen` choices in a group, or null when they are fine. */
export function choiceProblem(group: ModifierGroup, chosen: number): string | null {
  if (chosen < group.minChoices) {
    return (
      group.name + ': please choose ' + (group.minChoices === 1 ? 'one' : 'at least ' + group.minChoices)
    );
  }
  if (chosen > group.maxChoices) return group.name + ': please choose at most ' + group.maxChoices;
  return null;
}

/** One unit of a line: the variation's price with its modifiers' deltas. */
export function unitPriceOf(variationPrice: number, modifiers: ChosenModifier[]): number {
  return modifiers.reduce((sum, modifier) => sum + modifier.priceDelta, variationPrice);
}

/** What the cart will cost: the lines still available, each unit price × quantity. */
export function cartTotal(lines: CartLine[]): number {
  return lines.reduce((sum, line) => (line.unavailable ? sum : sum + line.unitPrice * line.quantity), 0);
}

/** An order's status in a guest's words. */
export function guestStatus(status: string): string {
  const words: Record<string, string> = {
    pending: 'Waiting for a waiter to confirm',
    open: 'Confirmed',
    in_progress: 'Being prepared',
    ready: 'Ready',
    served: 'Served',
    closed: 'Served',
    cancelled: 'Cancelled',
  };
  return words[status] ?? 'Confirmed';
}

/** Statuses after which an order no longer changes for the guest: the page stops following it. */
export function isSettled(status: string): boolean {
  return status === 'served' || status === 'closed' || status === 'cancelled';
}

/**
 * The lines (indexes into the items sent) that a 422 refused because they sold out: an unknown, unavailable or
 * out-of-stock dish, variation or option. Null when the refusal is about something else.
 */
export function soldOutLines(error: { code?: string; details?: unknown } | undefined): number[] | null {
  if (!error || !Array.isArray(error.details)) return null;
  const soldOut = error.code === 'OUT_OF_STOCK';
  const lines: number[] = [];
  for (const detail of error.details as Array<{ field?: unknown; message?: unknown }>) {
    const match = /^items\[(\d+)\]\.(dishId|variationId|modifiers)/.exec(String(detail.field));
    const gone =
      soldOut || /not available|unavailable|no such|out of stock|sold out/i.test(String(detail.message));
    if (!match || !gone) return null;
    if (!lines.includes(Number(match[1]))) lines.push(Number(match[1]));
  }
  return lines.length > 0 ? lines : null;
}

/** "Sorry, Tiramisu has just sold out" for one dish; names joined with "and" for several. */
export function soldOutMessage(names: string[]): string {
  const unique = names.filter((name, i) => names.indexOf(name) === i);
  const listed =
    unique.length === 1 ? unique[0] : unique.slice(0, -1).join(', ') + ' and ' + unique[unique.length - 1];
  return 'Sorry, ' + listed + (unique.length === 1 ? ' has' : ' have') + ' just sold out';
}

/** The 429 message, with the wait from Retry-After (seconds). */
export function rateLimitMessage(retryAfter: string | null): string {
  const seconds = Math.max(1, Math.ceil(Number(retryAfter) || 60));
  return (
    'You’ve sent several orders in a short time. Please wait ' +
    seconds +
    (seconds === 1 ? ' second' : ' seconds') +
    ' or call a waiter.'
  );
}
