/** A waiter tablet in Chromium for the browser specs: a waiter signed in by PIN at /waiter. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn } from '../../scripts/waiter-tablet-driver';
import { keepScreenshot } from './browser';
import { displayNameOf, type NewStaff } from './clients';

export const TABLET = { width: 1024, height: 768 };
export const PHONE = { width: 390, height: 844 };

export interface WaiterTablet {
  page: Page;
  context: BrowserContext;
  /** CSP refusals and script errors seen in the page: a spec expects none. */
  problems: string[];
  /** Writes waiting in the outbox, as the tablet's top bar counts them. */
  waiting(): Promise<number>;
  close(): Promise<void>;
}

export interface TabletOptions {
  baseUrl: string;
  waiter: NewStaff;
  viewport?: typeof TABLET;
  /** Whether the app's service worker runs (the offline shell); blocked otherwise, so routes see every request. */
  serviceWorker?: boolean;
}

/** Opens /waiter in a fresh browser context and signs `waiter` in on the PIN pad. */
export async function openWaiterTablet(browser: Browser, options: TabletOptions): Promise<WaiterTablet> {
  const context = await browser.newContext({
    viewport: options.viewport ?? TABLET,
    hasTouch: true,
    serviceWorkers: options.serviceWorker ? 'allow' : 'block',
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`script error: ${error.message}`));
  try {
    await signIn(page, options.baseUrl, {
      displayName: displayNameOf(options.waiter),
      pin: options.waiter.pin,
    });
  } catch (error) {
    await keepScreenshot(page, 'waiter-tablet-sign-in-failed');
    throw new Error(`${String(error)}\nwhat the page reported: ${JSON.stringify(problems)}`);
  }
  return {
    page,
    context,
    problems,
    waiting: async () => {
      const text = await page.getByRole('button', { name: /^Outbox:/ }).innerText();
      return /^\d+/.test(text) ? Number(/^\d+/.exec(text)![0]) : 0;
    },
    close: () => context.close(),
  };
}
