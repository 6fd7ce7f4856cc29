/**
 * The names sweep's parts (test/hostile-names.browser.e2e-spec.ts): what it does not send and why, and what it
 * checks of a page.
 */
import type { Locator, Page } from 'playwright-core';

/** Evaluated in the page: it does not scroll sideways. */
export const FITS_ITS_WIDTH = 'document.documentElement.scrollWidth <= window.innerWidth';

/** Where every price and total of the seeded orders is, as the pages and paper print them (EUR, en). */
export const euros = (minor: number) => `€${(minor / 100).toFixed(2)}`;

/**
 * Operations with name fields that this sweep does not send, and why. A new operation with a name field fails the
 * coverage test until the sweep seeds it or it is listed with its reason. Changes of a resource (PATCH, or PUT on its id)
 * whose creation the seed sends with the same name fields are covered by it: they write the same columns.
 */
export const NOT_SENT: Record<string, string> = {
  'POST /api/v1/dishes/{id}/variations': 'the column POST /dishes variations[].name fills',
  'PATCH /api/v1/dishes/{id}/variations/{variationId}': 'the column POST /dishes variations[].name fills',
  'POST /api/v1/modifier-groups/{id}/options': 'the column POST /modifier-groups options[].name fills',
  'PATCH /api/v1/modifier-groups/{id}/options/{optionId}':
    'the column POST /modifier-groups options[].name fills',
  'POST /api/v1/orders/{id}/items': 'the column POST /orders items[].comment fills',
  'PATCH /api/v1/orders/{id}/items/{itemId}': 'the column POST /orders items[].comment fills',
  'POST /api/v1/tax-mappings': 'a site’s tax mapping’s name is shown by the API only, no page shows it',
  'PATCH /api/v1/orders/{id}/fulfilment': 'a courier’s name: shown by the API only, no page shows it',
  'DELETE /api/v1/orders/{id}/items/{itemId}': 'a void’s reason: kept in the audit log, shown on no page',
  'POST /api/v1/gift-cards/{id}/void': 'a void’s reason: kept in the card’s activities, shown on no page',
  'POST /api/v1/shifts/{id}/close': 'a drawer’s closing note: shown by the API only, no page shows it',
  'POST /api/v1/shifts/{id}/count': 'a count’s note: shown by the API only, no page shows it',
  'PATCH /api/v1/time-clock/{id}':
    'a correction’s reason: kept in the shift’s edits and the audit log, shown on no page yet',
  'POST /api/v1/jobs': 'a job’s name: shown by the API only, no page shows it yet',
  'POST /api/v1/prep-recipes': 'a prep recipe’s name: shown by the API only, no page shows it yet',
  'POST /api/v1/stock-movements': 'a waste or transfer note: kept in the stock ledger, shown on no page yet',
  'POST /api/v1/stock-counts': 'a count sheet’s storage area: shown by the API only, no page shows it yet',
  'POST /api/v1/suppliers': 'a supplier’s name and contact: shown by the API only, no page shows them yet',
  'POST /api/v1/shifts/{id}/movements': 'a cash movement’s reason: shown by the API only, no page shows it',
};

/** The operation that creates what `operation` changes: `PATCH /a/{id}` is `POST /a`'s. */
export const creationOf = (operation: string): string | null => {
  const match = /^(PATCH|PUT) (.*)\/\{[^}]+\}$/.exec(operation);
  return match ? `POST ${match[2]}` : null;
};

/** The name's tag (`N12`): plain text to find it by. */
export const tagOf = (name: string) => name.split(' ')[0];

/** The first element whose text shows the name's tag. */
export const byTag = (page: Page, name: string) =>
  page.getByText(new RegExp(`(^|\\s)${tagOf(name)} `)).first();

/** No markup of a name became an element or attribute. */
export async function expectNoInjectedMarkup(page: Page): Promise<void> {
  const injected = await page.evaluate<number>(
    'document.querySelectorAll(\'img[src="x"], [onerror], [onload], script:not([src])\').length',
  );
  expect(injected).toBe(0);
}

/** The amount is visible, inside `within` (a card, a ticket) and inside the screen's width. */
export async function expectAmountInView(page: Page, amount: string, within: Locator): Promise<void> {
  const shown = within.getByText(amount, { exact: true }).first();
  await shown.scrollIntoViewIfNeeded();
  expect(await shown.isVisible()).toBe(true);
  const [box, card] = [await shown.boundingBox(), await within.boundingBox()];
  const width = page.viewportSize()!.width;
  expect({
    amount,
    left: box!.x >= card!.x,
    right: box!.x + box!.width <= Math.min(card!.x + card!.width, width) + 1,
  }).toEqual({ amount, left: true, right: true });
}
