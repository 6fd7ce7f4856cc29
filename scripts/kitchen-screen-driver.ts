/**
 * Drives the kitchen screen (/kitchen) in Chromium as a cook would: pairs it with a manager's one-time code and
 * signs in on the PIN pad. Shared by the browser specs and `npm run kitchen-latency`.
 */
import type { Page } from 'playwright-core';

/** The person at the screen: the name the PIN pad lists and their PIN. */
export interface Cook {
  displayName: string;
  pin: string;
}

/** Opens `baseUrl`/kitchen, pairs it, signs the cook in, and waits for the live board. */
export async function pairAndSignIn(
  page: Page,
  baseUrl: string,
  pairingCode: string,
  cook: Cook,
): Promise<void> {
  await page.goto(`${baseUrl}/kitchen`);
  await page.getByLabel('Pairing code').fill(pairingCode);
  await page.getByRole('button', { name: 'Pair this screen' }).click();
  await page.getByRole('button', { name: cook.displayName, exact: true }).click();
  for (const digit of cook.pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status', { name: 'Connection' }).filter({ hasText: /^Live/ }).waitFor();
}

/** A ticket on the screen, by its order number. */
export const ticketOf = (page: Page, number: number) =>
  page.getByRole('article', { name: `Ticket ${number}`, exact: true });
