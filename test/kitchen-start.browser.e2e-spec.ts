import type { Page } from 'playwright-core';
import { CHROMIUM, describeInBrowser, keepScreenshot } from './support/browser';
import { as, displayNameOf } from './support/clients';
import {
  closeScreens,
  type KitchenScreen,
  type KitchenSpecSetting,
  newKitchenDevice,
  openKitchenScreen,
  startKitchenSpec,
  TABLET,
  ticketOf,
} from './support/kitchen-screen';

describeInBrowser(
  `The kitchen screen starting: a typed PIN, a reload without the network (${CHROMIUM})`,
  () => {
    let spec: KitchenSpecSetting;
    const screens: KitchenScreen[] = [];

    beforeAll(async () => {
      spec = await startKitchenSpec({ CURRENCY: 'EUR' });
    });

    afterEach(async () => expect(await closeScreens(screens)).toEqual([]));

    afterAll(async () => {
      await spec?.browser.close();
      await spec?.t.close();
    });

    async function order(dishId = spec.r.fries.id): Promise<number> {
      const created = await as(spec.t, spec.waiter.session)
        .post('/api/v1/orders')
        .send({ type: 'takeaway', items: [{ dishId, quantity: 1 }] })
        .expect(201);
      return created.body.number as number;
    }

    /** A screen of the station paired with its service worker, which controls the page after one reload. */
    async function screenUnderWorker(name: string, stationId: string): Promise<KitchenScreen> {
      const { t, browser, manager, cook } = spec;
      const pairingCode = await newKitchenDevice(t, manager.session, { name, stationIds: [stationId] });
      const screen = await openKitchenScreen(browser, t, { pairingCode, cook, serviceWorker: true });
      screens.push(screen);
      await screen.page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      return screen;
    }

    async function reloadUnderWorker(page: Page): Promise<void> {
      await page.reload();
      await page.waitForFunction('navigator.serviceWorker.controller !== null');
    }

    /** What the screen says of its connection, in the language it shows. */
    const CONNECTION = {
      en: { label: 'Connection', live: /^Live$/, allClear: 'No tickets. All clear.' },
      de: { label: 'Verbindung', live: /^Verbunden$/, allClear: 'Keine Bons. Alles erledigt.' },
    };

    const connection = (page: Page, language: keyof typeof CONNECTION, state: RegExp) =>
      page.getByRole('status', { name: CONNECTION[language].label }).filter({ hasText: state }).waitFor();

    /** Reloaded without the network: it says it is offline and still shows the tickets it last knew. */
    async function reloadedOffline(page: Page, language: keyof typeof CONNECTION, tickets: number[]) {
      await page.reload();
      await connection(page, language, /^Offline/);
      const ticket = (number: number) =>
        language === 'en'
          ? ticketOf(page, number)
          : page.getByRole('article', { name: `Bon ${number}`, exact: true });
      for (const number of tickets) await ticket(number).waitFor();
    }

    it('starts with its app and last tickets when reloaded offline, and goes live again with the network, no reload', async () => {
      const { page, context } = await screenUnderWorker('Grill', spec.r.grill.id);
      const before = await order();
      // The worker keeps what the page asks for once it controls the page: the reload under it keeps the tickets.
      await reloadUnderWorker(page);
      await ticketOf(page, before).waitFor();

      await context.setOffline(true);
      await reloadedOffline(page, 'en', [before]);
      await keepScreenshot(page, 'kitchen-offline-reload');

      await context.setOffline(false);
      await connection(page, 'en', CONNECTION.en.live);
      const after = await order();
      await ticketOf(page, after).waitFor();
      expect(await ticketOf(page, before).count()).toBe(1);
    });

    it('reloaded offline after tickets came live, shows them as last known and says so, never "All clear" (English, German)', async () => {
      const { r } = spec;
      const { page, context } = await screenUnderWorker('Bar', r.bar.id);
      // Under the worker the bar's screen reads its tickets once, while it has none: the worker keeps an empty list.
      await reloadUnderWorker(page);
      await page.getByText(CONNECTION.en.allClear).waitFor();
      // The tickets come live, by the socket: the worker's copy of the list stays empty.
      const numbers = [await order(r.beer.id), await order(r.beer.id), await order(r.beer.id)];
      for (const number of numbers) await ticketOf(page, number).waitFor();

      await context.setOffline(true);
      await reloadedOffline(page, 'en', numbers);
      await page.getByText(/^Offline: the tickets as this screen last knew them at \d/).waitFor();
      expect(await page.getByText(CONNECTION.en.allClear).count()).toBe(0);
      await keepScreenshot(page, 'kitchen-offline-last-known');

      await page.getByLabel('Language').selectOption('de');
      await reloadedOffline(page, 'de', numbers);
      await page.getByText(/^Offline: die Bons, wie dieser Bildschirm sie um \d.* zuletzt kannte/).waitFor();
      expect(await page.getByText(CONNECTION.de.allClear).count()).toBe(0);
      await context.setOffline(false);
      await connection(page, 'de', CONNECTION.de.live);
      await page.getByText(/^Offline: die Bons/).waitFor({ state: 'detached' });
    });

    it('signs a cook in with a PIN typed on a keyboard: digits, Backspace and Enter', async () => {
      const { t, browser, manager, cook, r } = spec;
      const pairingCode = await newKitchenDevice(t, manager.session, {
        name: 'Keyboard',
        stationIds: [r.grill.id],
      });
      const context = await browser.newContext({ viewport: TABLET, serviceWorkers: 'block' });
      try {
        const page = await context.newPage();
        await page.goto(`${t.url}/kitchen`);
        await page.getByLabel('Pairing code').fill(pairingCode);
        await page.getByRole('button', { name: 'Pair this screen' }).click();
        await page.getByRole('button', { name: displayNameOf(cook), exact: true }).click();
        await page.getByLabel('PIN typed').waitFor();
        await page.keyboard.type(`${cook.pin}7`);
        await page.keyboard.press('Backspace');
        expect(await page.getByLabel('PIN typed').textContent()).toBe('•'.repeat(cook.pin.length));
        await page.keyboard.press('Enter');
        await page.getByRole('status', { name: 'Connection' }).filter({ hasText: /^Live/ }).waitFor();
      } finally {
        await context.close();
      }
    });
  },
);
