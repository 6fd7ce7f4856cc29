/** A waiter tablet in Chromium for the browser specs: a waiter signed in by PIN at /waiter. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { signIn } from '../../scripts/waiter-tablet-driver';
import { keepScreenshot, openChromium, watchProblems } from './browser';
import { startTestApp, type TestApp } from './test-app';
import { setUpWaiterRestaurant, type WaiterRestaurant } from './waiter-fixture';
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
  /** Runs on the fresh context before the page opens: routes that must see the tablet's very first requests. */
  beforeSignIn?: (context: BrowserContext) => Promise<void>;
}

/** Opens /waiter in a fresh browser context and signs `waiter` in on the PIN pad. */
export async function openWaiterTablet(browser: Browser, options: TabletOptions): Promise<WaiterTablet> {
  const context = await browser.newContext({
    viewport: options.viewport ?? TABLET,
    hasTouch: true,
    serviceWorkers: options.serviceWorker ? 'allow' : 'block',
  });
  await options.beforeSignIn?.(context);
  const page = await context.newPage();
  const problems = watchProblems(page);
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

/** A waiter browser spec's service, its restaurant and Chromium, set up once for the spec. */
export interface WaiterBrowserSuite {
  t: TestApp;
  r: WaiterRestaurant;
  browser: Browser;
  /** A tablet signed in (the restaurant's waiter unless told), closed after the test. */
  tablet(options?: { viewport?: typeof TABLET; waiter?: NewStaff }): Promise<WaiterTablet>;
}

/**
 * Registers the spec's hooks: the service and restaurant (EUR, "Chez Test") and Chromium before all; after each test
 * its tablets close, and the test fails on any CSP refusal or script error they saw.
 */
export function waiterBrowserSuite(): WaiterBrowserSuite {
  const tablets: WaiterTablet[] = [];
  const suite = {
    tablet: async ({ viewport = TABLET, waiter }: { viewport?: typeof TABLET; waiter?: NewStaff } = {}) => {
      const opened = await openWaiterTablet(suite.browser, {
        baseUrl: suite.t.url,
        waiter: waiter ?? suite.r.waiter,
        viewport,
      });
      tablets.push(opened);
      return opened;
    },
  } as WaiterBrowserSuite;
  beforeAll(async () => {
    suite.t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    suite.r = await setUpWaiterRestaurant(suite.t);
    suite.browser = await openChromium();
  });
  afterEach(async () => {
    const problems = tablets.flatMap((tablet) => tablet.problems);
    await Promise.all(tablets.splice(0).map((tablet) => tablet.close()));
    expect(problems).toEqual([]);
  });
  afterAll(async () => {
    await suite.browser?.close();
    await suite.t?.close();
  });
  return suite;
}
