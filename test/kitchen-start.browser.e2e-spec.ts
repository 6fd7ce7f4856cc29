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

    it('starts with its app and last tickets when reloaded offline, and goes live again with the network, no reload', async () => {
      const { t, browser, manager, cook, r } = spec;
      const pairingCode = await newKitchenDevice(t, manager.session, {
        name: 'Grill',
        stationIds: [r.grill.id],
      });
      const screen = await openKitchenScreen(browser, t, { pairingCode, cook, serviceWorker: true });
      screens.push(screen);
      const { page, context } = screen;
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      const before = await order();
      // The worker keeps what the page asks for once it controls the page: the reload under it keeps the tickets.
      await page.reload();
      await page.waitForFunction('navigator.serviceWorker.controller !== null');
      await ticketOf(page, before).waitFor();

      await context.setOffline(true);
      await page.reload();
      await page
        .getByRole('status', { name: 'Connection' })
        .filter({ hasText: /^Offline/ })
        .waitFor();
      await ticketOf(page, before).waitFor();
      await keepScreenshot(page, 'kitchen-offline-reload');

      await context.setOffline(false);
      await page
        .getByRole('status', { name: 'Connection' })
        .filter({ hasText: /^Live$/ })
        .waitFor();
      const after = await order();
      await ticketOf(page, after).waitFor();
      expect(await ticketOf(page, before).count()).toBe(1);
    });

    it('reloaded offline after tickets came live, shows them as last known and says so, never "All clear" (English, German)', async () => {
      const { t, browser, manager, cook, r } = spec;
      const pairingCode = await newKitchenDevice(t, manager.session, {
        name: 'Bar',
        stationIds: [r.bar.id],
      });
      const screen = await openKitchenScreen(browser, t, { pairingCode, cook, serviceWorker: true });
      screens.push(screen);
      const { page, context } = screen;
      await page.evaluate('navigator.serviceWorker.ready.then(() => true)');
      // Under the worker the bar's screen reads its tickets once, while it has none: the worker keeps an empty list.
      await page.reload();
      await page.waitForFunction('navigator.serviceWorker.controller !== null');
      await page.getByText('No tickets. All clear.').waitFor();
      // The tickets come live, by the socket: the worker's copy of the list stays empty.
      const numbers = [await order(r.beer.id), await order(r.beer.id), await order(r.beer.id)];
      for (const number of numbers) await ticketOf(page, number).waitFor();

      await context.setOffline(true);
      await page.reload();
      await page
        .getByRole('status', { name: 'Connection' })
        .filter({ hasText: /^Offline/ })
        .waitFor();
      for (const number of numbers) await ticketOf(page, number).waitFor();
      await page.getByText(/^Offline: the tickets as this screen last knew them at \d/).waitFor();
      expect(await page.getByText('No tickets. All clear.').count()).toBe(0);
      await keepScreenshot(page, 'kitchen-offline-last-known');

      await page.getByLabel('Language').selectOption('de');
      await page.reload();
      await page
        .getByRole('status', { name: 'Verbindung' })
        .filter({ hasText: /^Offline/ })
        .waitFor();
      for (const number of numbers) {
        await page.getByRole('article', { name: `Bon ${number}`, exact: true }).waitFor();
      }
      await page.getByText(/^Offline: die Bons, wie dieser Bildschirm sie um \d.* zuletzt kannte/).waitFor();
      expect(await page.getByText('Keine Bons. Alles erledigt.').count()).toBe(0);
      await context.setOffline(false);
      await page
        .getByRole('status', { name: 'Verbindung' })
        .filter({ hasText: /^Verbunden$/ })
        .waitFor();
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
