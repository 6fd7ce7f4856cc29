/** A kitchen screen in Chromium for the browser specs: set up by a manager, paired, a cook signed in by PIN. */
import type { Browser, BrowserContext, Page, WebSocketRoute } from 'playwright-core';
import { pairAndSignIn } from '../../scripts/kitchen-screen-driver';
import { Role } from '../../src/common/access/role';
import { keepScreenshot, openChromium, watchProblems } from './browser';
import { as, displayNameOf, loginAdmin, newStaff, type NewStaff, type Session } from './clients';
import { factories, type Restaurant } from './factories';
import { startTestApp, type TestApp } from './test-app';

export { ticketOf } from '../../scripts/kitchen-screen-driver';

export const TABLET = { width: 1280, height: 800 };
export const TV = { width: 1920, height: 1080 };

export interface KitchenScreen {
  page: Page;
  context: BrowserContext;
  /** CSP refusals and script errors seen in the page: a spec expects none. */
  problems: string[];
  /** Cuts the screen off the network: its socket drops, its requests fail, until `restore()`. */
  cut(): Promise<void>;
  restore(): void;
  close(): Promise<void>;
}

/** Creates a kitchen device through the manager API: answers its one-time pairing code. */
export async function newKitchenDevice(
  t: TestApp,
  manager: Session,
  body: { name: string; stationIds: string[]; expo?: boolean },
): Promise<string> {
  const created = await as(t, manager)
    .post('/api/v1/kitchen/devices')
    .send({ expo: false, ...body })
    .expect(201);
  return created.body.pairingCode as string;
}

/**
 * Opens /kitchen in a fresh browser context, pairs it with `pairingCode`, and signs `cook` in on the PIN pad.
 * With `clockAt`, the page's Date stands at that instant until the spec moves it.
 * The screen's socket goes through a route the spec can cut (`cut()`), like a kitchen's Wi-Fi dropping. Its service
 * worker is blocked unless `serviceWorker` (a worker's requests pass the page's routes by): a spec that lets it run
 * drops the network with `context.setOffline`.
 */
export async function openKitchenScreen(
  browser: Browser,
  t: TestApp,
  {
    pairingCode,
    cook,
    viewport = TABLET,
    clockAt,
    serviceWorker = false,
  }: {
    pairingCode: string;
    cook: NewStaff;
    viewport?: typeof TABLET;
    clockAt?: Date;
    serviceWorker?: boolean;
  },
): Promise<KitchenScreen> {
  const context = await browser.newContext({
    viewport,
    hasTouch: true,
    serviceWorkers: serviceWorker ? 'allow' : 'block',
  });
  const page = await context.newPage();
  // The screen's clock, for its timers: the spec moves it with page.clock.setFixedTime.
  if (clockAt) await page.clock.setFixedTime(clockAt);
  const problems = watchProblems(page);

  let offline = false;
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/socket\.io\//, (socket) => {
    if (offline) return void socket.close({ code: 1006, reason: 'offline' });
    socket.connectToServer();
    sockets.push(socket);
  });
  await page.route(/\/api\/v1\//, (route) =>
    offline ? route.abort('internetdisconnected') : route.continue(),
  );

  try {
    await pairAndSignIn(page, t.url, pairingCode, { displayName: displayNameOf(cook), pin: cook.pin });
  } catch (error) {
    await keepScreenshot(page, 'kitchen-screen-sign-in-failed');
    throw new Error(`${String(error)}\nwhat the page reported: ${JSON.stringify(problems)}`);
  }
  return {
    page,
    context,
    problems,
    cut: async () => {
      offline = true;
      await Promise.all(sockets.splice(0).map((socket) => socket.close({ code: 1006, reason: 'offline' })));
    },
    restore: () => {
      offline = false;
    },
    close: () => context.close(),
  };
}

/** What a kitchen browser spec works with: the service, a small restaurant, its staff and a Chromium. */
export interface KitchenSpecSetting {
  t: TestApp;
  browser: Browser;
  r: Restaurant;
  admin: Session;
  waiter: NewStaff;
  cook: NewStaff;
  manager: NewStaff;
}

/** Starts the service with `settings`, a restaurant, a waiter, a cook and a manager, and Chromium (in beforeAll). */
export async function startKitchenSpec(settings: Record<string, string>): Promise<KitchenSpecSetting> {
  const t = await startTestApp(settings);
  const admin = await loginAdmin(t);
  const r = await factories(t, admin).newRestaurant();
  const [waiter, cook, manager] = await Promise.all(
    [Role.Waiter, Role.Kitchen, Role.Manager].map((role) => newStaff(t, role)),
  );
  return { t, browser: await openChromium(), r, admin, waiter, cook, manager };
}

/** Closes a test's screens (in afterEach) and answers what their pages reported: a spec expects nothing. */
export async function closeScreens(screens: KitchenScreen[]): Promise<string[]> {
  const problems = screens.flatMap((screen) => screen.problems);
  await Promise.all(screens.splice(0).map((screen) => screen.close()));
  return problems;
}
