/**
 * The back office's whole walk, written once and run in each language (test/back-office.browser.e2e-spec.ts in
 * English, the restaurant's own; test/back-office-german.browser.e2e-spec.ts in German, chosen on the sign-in
 * page). From an empty database an admin walks the setup guide, then the menu, floor, staff and devices screens
 * (a kitchen screen paired, a pickup board opened beside it); a waiter and a cook work a night on /waiter and
 * /kitchen in the walk's language (back-office-walk-night.ts: a takeaway picked up, a bar without a screen, a held
 * course taken off after payment, a split and an even split, the kitchen screen reloaded offline), and the manager
 * checks the day at a glance, closes the day and reads its Z report on the screen and in the PDF, every figure
 * against the same figure worked out by hand from what the night rang up. No API call but the pages' own. Every
 * label comes from the catalogues; every screen is screenshotted, and in German checked for texts the catalogues
 * did not write.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { tableTile } from '../../scripts/waiter-tablet-driver';
import { CATALOGUES } from '../../src/i18n/catalogues';
import { SEEDED_NAMES } from '../../src/restaurant/seeded-names';
import type { Language } from '../../src/i18n/languages';
import { BROWSER_TIME_ZONE, walkTheGuide } from './back-office-guide-walk';
import { figuresByHand, workTheNight } from './back-office-walk-night';
import { screenSteps } from './back-office-walk-screens';
import { escape, RESTAURANT, RESTAURANT_LOCALE, walkHelpers } from './back-office-walk-helpers';
import {
  CHROMIUM,
  downloadedBytes,
  describeInBrowser,
  keepScreenshots,
  openChromium,
  LAPTOP,
  TABLET,
  watchProblems,
} from './browser';
import { readPdf } from './document-readers';
import { ADMIN, startTestApp, type TestApp } from './test-app';
import { shownTexts, untranslated } from './untranslated';

const {
  screens,
  backOffice,
  glance,
  kitchen: kitchenCatalogue,
  pickup: pickupCatalogue,
  waiter: waiterCatalogue,
} = CATALOGUES;

/** Registers the walk's spec in `language`: the one test and its service and Chromium. */
export function walkTheBackOffice(language: Language): void {
  const w = walkHelpers(language);
  const { say, pattern, formats, money, bo, reports } = w;
  const { open, heading, section, figuresShown, rowsOf, signInOnPinPad } = w;

  describeInBrowser(
    `The back office's whole walk in ${language}, through the pages only (${CHROMIUM})`,
    () => {
      let t: TestApp;
      let browser: Browser;
      /** The names the restaurant typed or the service made (no language's texts): allowed in a German page. */
      let data: string[];

      beforeAll(async () => {
        t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: RESTAURANT, RESTAURANT_LOCALE });
        browser = await openChromium();
        data = [
          RESTAURANT,
          ADMIN.username,
          'Administrator',
          'Lindenstraße 1',
          '10115 Berlin',
          'DE123456789',
          'Europe/Berlin',
          'VAT 19 %',
          'VAT 7 %',
          ...(['cashMethod', 'cardMethod', 'defaultVariation'] as const).map(
            (row) => SEEDED_NAMES[row][language],
          ),
          'Voucher',
          'Wanda',
          'wanda',
          'Karl',
          'karl',
          'Terrace',
          'T1',
          'T2',
          'Grill',
          'Bar',
          'Mains',
          'Drinks',
          'Burger',
          'Cola',
          'Fries',
          'Large',
          'Grill screen',
          'Counter',
          'Counter board',
          'Anna',
          `${t.url}/waiter`,
          t.url,
        ];
      });

      afterAll(async () => {
        await browser?.close();
        await t?.close();
      });

      /** The texts the German catalogues did not write, by screen: asserted empty at the walk's end. */
      const untranslatedOn: Record<string, string[]> = {};

      /** Keeps the screen at both sizes; in German, fails on any text the German catalogues did not write. */
      async function shows(
        page: Page,
        name: string,
        catalogues = [screens, backOffice, glance],
      ): Promise<void> {
        await page.getByText(bo('form.loading'), { exact: true }).first().waitFor({ state: 'detached' });
        await keepScreenshots(page, `walk-${language}-${name}`);
        if (language === 'de') {
          const left = untranslated(await shownTexts(page), catalogues, data);
          if (left.length > 0) untranslatedOn[name] = left;
        }
      }

      async function newContext(
        viewport: typeof LAPTOP,
        { locale, serviceWorkers = 'block' }: { locale?: string; serviceWorkers?: 'allow' | 'block' } = {},
      ): Promise<BrowserContext> {
        const context = await browser.newContext({
          viewport,
          timezoneId: BROWSER_TIME_ZONE,
          hasTouch: viewport === TABLET,
          serviceWorkers,
          acceptDownloads: true,
          ...(locale ? { locale } : {}),
        });
        context.setDefaultTimeout(10_000);
        return context;
      }

      it('sets a restaurant up from nothing, works a night on the tablet and the kitchen screen, and closes the day as by hand', async () => {
        const context = await newContext(LAPTOP);
        const tabletContext = await newContext(TABLET);
        // The kitchen screen under its service worker, as a paired screen runs: a reload offline starts from it.
        const kitchenContext = await newContext(TABLET, { serviceWorkers: 'allow' });
        // The pickup board is a TV's browser: its language is the one the browser asks for.
        const pickupContext = await newContext(LAPTOP, { locale: language === 'de' ? 'de-DE' : 'en-GB' });
        try {
          const page = await context.newPage();
          const kitchen = await kitchenContext.newPage();
          const tablet = await tabletContext.newPage();
          const pickup = await pickupContext.newPage();
          const problems = [page, kitchen, tablet, pickup].map(watchProblems);

          const pairingCode = await walkTheGuide(page, w, { url: t.url, shows, data });
          const { buildTheMenu, addToTheFloor, visitStaff, addAPickupBoard } = screenSteps(w, shows, t.url);
          await buildTheMenu(page);
          await addToTheFloor(page);
          await visitStaff(page);

          // The kitchen screen paired with the guide's code: it speaks the restaurant's language from the start.
          const kitchenSays = (key: string, values?: Record<string, unknown>) =>
            say(`kitchen.${key}`, values);
          await kitchen.goto(`${t.url}/kitchen`);
          await kitchen.getByLabel(kitchenSays('pairing.code')).fill(pairingCode);
          await kitchen.getByRole('button', { name: kitchenSays('pairing.pair') }).click();
          await signInOnPinPad(kitchen, { displayName: 'Karl', pin: '1357' });
          await kitchen
            .getByRole('status', { name: kitchenSays('board.connection') })
            .filter({ hasText: new RegExp(`^${escape(kitchenSays('board.live'))}`) })
            .waitFor();
          await kitchen.getByText(kitchenSays('board.allClear')).waitFor();
          await shows(kitchen, 'kitchen-empty', [screens, kitchenCatalogue]);
          await kitchen.evaluate('navigator.serviceWorker.ready.then(() => true)');
          await kitchen.reload();
          await kitchen.waitForFunction('navigator.serviceWorker.controller !== null');
          await kitchen.getByText(kitchenSays('board.allClear')).waitFor();

          await pickup.goto(await addAPickupBoard(page));
          const onBoard = async (state: 'preparing' | 'ready', number: string) => {
            await pickup
              .getByRole('region', { name: say(`pickup.${state}`) })
              .getByText(number, { exact: true })
              .waitFor();
            await shows(pickup, `pickup-${state}`, [screens, pickupCatalogue]);
          };

          // The waiter's tablet, in the restaurant's language too.
          await tablet.goto(`${t.url}/waiter`);
          await signInOnPinPad(tablet, { displayName: 'Wanda', pin: '2468' });
          await tableTile(tablet, 'T1').waitFor();
          await shows(tablet, 'waiter-floor', [screens, waiterCatalogue]);

          const tally = await workTheNight(w, {
            tablet,
            kitchen,
            onBoard,
            offBoard: (number) =>
              pickup
                .getByRole('region', { name: say('pickup.ready') })
                .getByText(number, { exact: true })
                .waitFor({ state: 'detached' }),
            shows: (shown, name, kind) =>
              shows(shown, name, [
                screens,
                { waiter: waiterCatalogue, kitchen: kitchenCatalogue, pickup: pickupCatalogue }[kind],
              ]),
            setKitchenOffline: (offline) => kitchenContext.setOffline(offline),
          });
          const hand = figuresByHand(tally);

          // Every figure of the day at a glance as worked out by hand; the last check reaches it live.
          await open(page, 'home');
          const tiles = {
            closedOrders: formats.number(hand.orders),
            salesExclTax: money(hand.net),
            salesInclTax: money(hand.gross),
            averageTicket: money(hand.averageTicket),
            tips: money(0),
            openOrders: say('glance.openOrdersValue', { count: 0, due: money(0) }),
            discounts: money(0),
            voids: money(hand.voids),
            expectedCash: say('glance.noDrawer'),
          };
          await page
            .locator('[data-figure="closedOrders"]')
            .filter({ hasText: new RegExp(`^${tiles.closedOrders}$`) })
            .waitFor();
          expect(await figuresShown(page, '#dashboard', Object.keys(tiles))).toEqual(tiles);
          for (const { method, net } of hand.payments) {
            await page
              .locator('#payment-legend')
              .getByRole('listitem')
              .filter({
                hasText: say('glance.methodLegend', { method, amount: money(net), share: '' }).replace(
                  /\(\)$/,
                  '',
                ),
              })
              .waitFor();
          }
          await shows(page, 'home');

          // The day closed on the Close screen; its Z report shown, and downloaded as a PDF, both as by hand.
          await open(page, 'close');
          await heading(page, reports('close.heading'));
          const openDay = section(page, pattern('backOffice.reportsScreens.close.openDay'));
          await openDay.getByText(reports('close.openOrders', { count: 0, due: money(0) })).waitFor();
          await openDay.getByText(reports('close.salesExclTax', { amount: money(hand.net) })).waitFor();
          await openDay.getByText(reports('close.salesInclTax', { amount: money(hand.gross) })).waitFor();
          await shows(page, 'close-open');
          await openDay.getByRole('button', { name: reports('close.close') }).click();
          await openDay.getByRole('button', { name: reports('close.confirmClose') }).click();
          // The checks were paid in cash and no drawer was counted: the manager is asked first.
          await page.getByRole('button', { name: reports('close.closeUncounted') }).click();
          const z = section(page, pattern('backOffice.reportsScreens.close.zReport', { number: 1 }));
          await z.waitFor();
          const figure = (key: string) => reports(`reports.totals.${key}`);
          const zFigures: Array<[string, string]> = [
            [reports('reports.columns.orders'), formats.number(hand.orders)],
            [figure('itemSales'), money(hand.gross)],
            [figure('discounts'), money(0)],
            [figure('salesExclTax'), money(hand.net)],
            [figure('tax'), money(hand.tax)],
            [figure('salesInclTax'), money(hand.gross)],
            [reports('reports.columns.tips'), money(0)],
            ...hand.payments.map(({ method, net }): [string, string] => [method, money(net)]),
          ];
          expect(await rowsOf(z.getByRole('table', { name: reports('close.zSales') }))).toEqual(
            zFigures.map(([name, value]) => [name, value]),
          );
          const [file] = await Promise.all([
            page.waitForEvent('download'),
            z.getByRole('button', { name: reports('close.pdf') }).click(),
          ]);
          const closedDay = /^z-report-(\d{4}-\d{2}-\d{2})\.pdf$/.exec(file.suggestedFilename())![1];
          // The day written as dates are in the page's language, on the screen and in the PDF.
          expect(await z.getByRole('heading').first().textContent()).toBe(
            reports('close.zReport', { number: 1, day: formats.day(closedDay) }),
          );
          const pdf = await downloadedBytes(file);
          expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
          // The PDF in the screen's language, each figure printed beside its name as by hand.
          const printed = readPdf(pdf).text;
          expect(printed).toContain(reports('close.document.title', { number: 1 }));
          expect(printed).toContain(reports('close.document.businessDay', { day: formats.day(closedDay) }));
          const document = (key: string) => reports(`close.document.${key}`);
          for (const [name, ...values] of [
            [figure('orders'), formats.number(hand.orders)],
            [figure('itemSales'), money(hand.gross)],
            // Money given back before a check closed is an overpayment returned, not a refund of a sale.
            [figure('refunds'), money(0)],
            [figure('salesExclTax'), money(hand.net)],
            [figure('tax'), money(hand.tax)],
            [figure('salesInclTax'), money(hand.gross)],
            [figure('averageTicket'), money(hand.averageTicket)],
            [`VAT 19 % (${formats.percent(19)})`, money(hand.net), money(hand.tax), money(hand.gross)],
            ...hand.payments.map(({ method, count, taken, givenBack, net }) => [
              method,
              formats.number(count),
              money(taken),
              money(givenBack),
              money(0),
              money(0),
              money(net),
            ]),
            [document('refunds'), formats.number(hand.givenBackTimes)],
            [document('refunded'), money(hand.givenBack)],
          ]) {
            expect(printed).toContain([name, ...values].join('\n'));
          }
          await shows(page, 'close-z-report');

          // The screens the walk did not need, with the day's data on them.
          await open(page, 'reports');
          await heading(page, reports('reports.heading'));
          // The closed day's: the screen opens on the open business day, the next one now.
          for (const field of ['from', 'to']) {
            await page.getByLabel(reports(`reports.${field}`), { exact: true }).fill(closedDay);
          }
          await page.getByRole('button', { name: reports('reports.show'), exact: true }).click();
          await page
            .locator('#reports [data-figure="orders"]')
            .filter({ hasText: new RegExp(`^${formats.number(hand.orders)}$`) })
            .waitFor();
          expect(
            await figuresShown(page, '#reports', ['salesExclTax', 'salesInclTax', 'tax', 'averageTicket']),
          ).toEqual({
            salesExclTax: money(hand.net),
            salesInclTax: money(hand.gross),
            tax: money(hand.tax),
            averageTicket: money(hand.averageTicket),
          });
          await shows(page, 'reports');
          await open(page, 'fiscal');
          await heading(page, reports('fiscal.heading'));
          await page.getByText(reports('fiscal.noUnits')).waitFor();
          await shows(page, 'fiscal');
          await open(page, 'security');
          await heading(page, reports('security.heading'));
          const auditLog = page.getByRole('table', { name: reports('security.auditLog') }).getByRole('row');
          await auditLog.filter({ hasText: bo('audit.actions.business_day.closed') }).waitFor();
          // The money the tablet gave back, as the log says it: the amount before and after, in the page's money.
          const givenBack = auditLog.filter({ hasText: bo('audit.actions.payment.refunded') });
          expect(await givenBack.getByRole('cell').nth(3).textContent()).toContain(
            bo('audit.change', {
              field: bo('audit.fields.refunded'),
              before: money(0),
              after: money(hand.givenBack),
            }),
          );
          await shows(page, 'security');
          await open(page, 'integrations');
          await heading(page, bo('integrations.title'));
          await page.locator('form').first().waitFor();
          await shows(page, 'integrations');
          await open(page, 'headquarters');
          await heading(page, bo('chain.link.heading'));
          await page.getByText(bo('chain.link.notLinked'), { exact: true }).waitFor();
          await shows(page, 'headquarters');

          expect(untranslatedOn).toEqual({});
          expect(problems.flat()).toEqual([]);
        } finally {
          for (const each of [context, tabletContext, kitchenContext, pickupContext]) await each.close();
        }
      }, 240_000);
    },
  );
}
