/**
 * Drives the waiter tablet (/waiter) in Chromium as a waiter would: the PIN pad, a table, the menu, Send. Shared by
 * the browser specs and `npm run waiter-latency`.
 */
import type { Page } from 'playwright-core';

/** The person at the tablet: the name the PIN pad lists and their PIN. */
export interface FloorStaff {
  displayName: string;
  pin: string;
}

/** Taps a name on the PIN pad and types the PIN. */
export async function typePin(page: Page, staff: FloorStaff): Promise<void> {
  await page.getByRole('button', { name: staff.displayName, exact: true }).click();
  for (const digit of staff.pin) await page.getByRole('button', { name: digit, exact: true }).click();
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Opens `baseUrl`/waiter, signs the waiter in, and waits for the floor. */
export async function signIn(page: Page, baseUrl: string, waiter: FloorStaff): Promise<void> {
  await page.goto(`${baseUrl}/waiter`);
  await typePin(page, waiter);
  await page.getByRole('button', { name: 'Floor' }).waitFor();
  await page.locator('.table-tile').first().waitFor();
}

/** A table's tile on the floor. */
export const tableTile = (page: Page, name: string) => page.locator(`.table-tile[data-table="${name}"]`);

/** Taps a dish in the open menu, makes the choices named (buttons in the dish's dialog), and adds it. */
export async function addDish(page: Page, dish: string, choices: string[] = []): Promise<void> {
  const menu = page.getByRole('region', { name: 'Menu' });
  if (!(await menu.isVisible())) await page.getByRole('button', { name: 'Add items' }).click();
  await page.getByRole('searchbox', { name: 'Search the menu' }).fill(dish);
  await menu.locator(`.dish[data-dish="${dish}"]`).click();
  const dialog = page.getByRole('dialog', { name: dish });
  for (const choice of choices) await dialog.getByRole('button', { name: choice }).click();
  await dialog.getByRole('button', { name: /^Add/ }).click();
  await dialog.waitFor({ state: 'detached' });
}

/** Sends what is in the basket. */
export async function sendOrder(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^Send/ }).click();
}

/**
 * Signs out with writes not sent: the tablet warns (`waiting` says how many), "Stay signed in" keeps the waiter, and
 * "Sign out anyway" then signs out to the PIN pad. Answers the access token of the session signed out.
 */
export async function signOutWarned(page: Page, waiting: string): Promise<string> {
  const { accessToken } = await page.evaluate<{ accessToken: string }>(
    `JSON.parse(sessionStorage.getItem('pos.waiter.session'))`,
  );
  const ask = page.getByRole('dialog', { name: 'Not sent yet' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await ask.getByText(waiting).waitFor();
  await ask.getByRole('button', { name: 'Stay signed in' }).click();
  await ask.waitFor({ state: 'detached' });
  await page.getByRole('button', { name: 'Sign out' }).click();
  await ask.getByRole('button', { name: 'Sign out anyway' }).click();
  await page.getByRole('heading', { name: 'Who is signing in?' }).waitFor();
  return accessToken;
}
