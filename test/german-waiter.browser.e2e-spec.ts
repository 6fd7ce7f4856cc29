/**
 * The waiter tablet in German (issue 66): a waiter signed in switches the tablet to Deutsch and walks a service
 * through it. Every screen shows only texts the German catalogues wrote, or the restaurant's own names, numbers,
 * money and times; a text left in English fails it.
 */
import type { Browser, Page } from 'playwright-core';
import { tableTile } from '../scripts/waiter-tablet-driver';
import { CATALOGUES } from '../src/i18n/catalogues';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium } from './support/browser';
import { as, displayNameOf } from './support/clients';
import { startTestApp, type TestApp } from './support/test-app';
import { shownTexts, untranslated } from './support/untranslated';
import { ordersAt, setUpWaiterRestaurant, type WaiterRestaurant } from './support/waiter-fixture';
import { openWaiterTablet, type WaiterTablet } from './support/waiter-tablet';

type Order = { id: string; number: number; items: Array<{ id: string; name: string }> };

const GUEST = { name: 'Noor Haddad', phone: '+49 151 2345678' };
const REWARD = 'Free dessert';

describeInBrowser(`The waiter tablet in German (${CHROMIUM})`, () => {
  let t: TestApp;
  let r: WaiterRestaurant;
  let browser: Browser;
  let tablet: WaiterTablet;
  let page: Page;
  let data: string[];

  beforeAll(async () => {
    t = await startTestApp({
      CURRENCY: 'EUR',
      RESTAURANT_NAME: 'Chez Test',
      RESTAURANT_TIMEZONE: 'Europe/Berlin',
      QR_ORDERING: 'true',
    });
    r = await setUpWaiterRestaurant(t);
    await as(t, r.manager.session).post('/api/v1/customers').send(GUEST).expect(201);
    await as(t, r.admin)
      .put('/api/v1/loyalty')
      .send({ pointsPerUnit: 1, rewards: [{ name: REWARD, points: 100, kind: 'amount', amount: 500 }] })
      .expect(200);
    const methods = await as(t, r.waiter.session).get('/api/v1/payment-methods/active').expect(200);
    data = [
      'Chez Test',
      'Terrace',
      ...r.tables.map((table) => table.name),
      ...['Mains', 'Desserts', 'Doneness', 'Rare', 'Medium', 'Well done', 'Extras', 'Cheese', 'Bacon'],
      ...['Side', 'Drink'],
      ...Object.values(r.dishes).flatMap((dish) => [dish.name, ...dish.variations.map(({ name }) => name)]),
      ...[r.waiter, r.manager].map(displayNameOf),
      ...(methods.body.items as Array<{ name: string }>).map((method) => method.name),
      GUEST.name,
      GUEST.phone,
      REWARD,
      'Ada',
      'Mira',
      'Geburtstag',
      // The mark of the basket's take-off button, which its label names in words.
      '✕',
    ];
    browser = await openChromium();
    tablet = await openWaiterTablet(browser, { baseUrl: t.url, waiter: r.waiter });
    page = tablet.page;
  });

  afterAll(async () => {
    await tablet?.close();
    await browser?.close();
    await t?.close();
  });

  afterEach(() => expect(tablet.problems).toEqual([]));

  async function expectGerman(name: string): Promise<void> {
    await keepScreenshot(page, `german-waiter-${name}`);
    expect(untranslated(await shownTexts(page), [CATALOGUES.screens, CATALOGUES.waiter], data)).toEqual([]);
  }

  const line = (name: string) => page.locator(`.line[data-line^="${name}"]`);
  const takeawayTile = (name: string) => page.locator(`.takeaway-tile[data-takeaway="${name}"]`);
  const bump = (order: Order, name: string, status: string) =>
    as(t, r.cook.session)
      .patch(`/api/v1/orders/${order.id}/items/${order.items.find((item) => item.name === name)!.id}/status`)
      .send({ status })
      .expect(200);
  const qrTokenOf = async (tableId: string) =>
    (
      (await as(t, r.manager.session).get(`/api/v1/tables/${tableId}`).expect(200)).body as {
        qrToken: string;
      }
    ).qrToken;

  /** A dish from the open menu, through its dialog: the buttons named chosen, then the seat and course picked. */
  /** A table's order of a beer per guest, placed by the waiter through the API. */
  const beersAt = (table: number, guests: number) =>
    as(t, r.waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'dine_in',
        tableId: r.tables[table].id,
        guests,
        items: [{ dishId: r.dishes.beer.id, quantity: guests }],
      })
      .expect(201);

  async function addDish(dish: string, choices: string[] = [], course = '1. Gang'): Promise<void> {
    await page.getByRole('searchbox', { name: 'Speisekarte durchsuchen' }).fill(dish);
    await page.getByRole('region', { name: 'Speisekarte' }).locator(`.dish[data-dish="${dish}"]`).click();
    const dialog = page.getByRole('dialog', { name: dish });
    for (const choice of choices) await dialog.getByRole('button', { name: choice, exact: true }).click();
    await dialog.getByRole('combobox').nth(1).selectOption({ label: course });
    await dialog.getByRole('button', { name: /^Hinzufügen/ }).click();
    await dialog.waitFor({ state: 'detached' });
  }

  it('switches a signed-in tablet to Deutsch: the floor with a guest calling, a QR order and a takeaway', async () => {
    await beersAt(1, 2);
    await as(t, r.waiter.session)
      .post('/api/v1/orders')
      .send({
        type: 'takeaway',
        fulfilment: { customerName: 'Ada' },
        items: [{ dishId: r.dishes.fries.id, quantity: 1 }],
      })
      .expect(201);
    await page.getByRole('combobox', { name: 'Language' }).selectOption('de');
    await page.getByRole('button', { name: 'Gastraum' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('de');

    await t
      .http()
      .post(`/api/v1/public/tables/${await qrTokenOf(r.tables[3].id)}/call-waiter`)
      .expect(202);
    await t
      .http()
      .post(`/api/v1/public/tables/${await qrTokenOf(r.tables[2].id)}/orders`)
      .send({ items: [{ dishId: r.dishes.beer.id, quantity: 1 }] })
      .expect(201);
    await page.getByRole('region', { name: 'Gäste rufen' }).getByText('T4 ruft den Service').waitFor();
    await tableTile(page, 'T3').locator('.qr-badge').waitFor();
    await takeawayTile('Ada').getByText('In Zubereitung').waitFor();
    await tableTile(page, 'T2').getByText('Bestellt').waitFor();
    await expectGerman('floor');

    await page.getByRole('button', { name: /^Ausgang:/ }).click();
    await page.getByRole('region', { name: 'Ausgang' }).getByText('Alles, was auf diesem Tablet').waitFor();
    await expectGerman('outbox');
    await page.getByRole('button', { name: /^Ausgang:/ }).click();
  });

  it('takes a table’s order in German: the menu, a dish with sizes, two courses, the lines’ states', async () => {
    await tableTile(page, 'T1').click();
    await page.getByRole('button', { name: 'Mehr Gäste' }).waitFor();
    await expectGerman('table');

    await page.getByRole('button', { name: 'Speisekarte öffnen' }).click();
    await page.getByRole('region', { name: 'Speisekarte' }).locator('.dish[data-dish="Burger"]').click();
    const burger = page.getByRole('dialog', { name: 'Burger' });
    await burger.getByRole('group', { name: 'Größe' }).waitFor();
    await burger.getByText('Bitte wählen: Doneness').waitFor();
    await expectGerman('dish-with-sizes');
    await burger.getByRole('button', { name: 'Abbrechen' }).click();
    await addDish('Burger', ['Double · 16,50', 'Medium', 'Cheese +1,00']);
    await addDish('Fries menu', ['Fries', 'Beer']);
    await addDish('Cheesecake', [], '2. Gang');
    await page.getByRole('region', { name: 'Zu senden' }).getByText('Cheesecake').waitFor();
    await expectGerman('to-send');

    // Leaving with lines not sent asks first.
    await page.getByRole('button', { name: 'Gastraum' }).click();
    const leaving = page.getByRole('dialog', { name: 'Positionen nicht gesendet' });
    await leaving.getByText('3 Positionen sind nicht an die Küche gesendet').waitFor();
    await expectGerman('leaving');
    await leaving.getByRole('button', { name: 'Bleiben und senden' }).click();

    await page.getByRole('button', { name: /^Senden/ }).click();
    await line('Cheesecake').filter({ hasText: 'Wartet' }).waitFor();
    const [order] = await ordersAt<Order>(t, r, r.tables[0].id);
    await bump(order, 'Burger', 'in_progress');
    await bump(order, 'Fries menu', 'ready');
    await line('Burger').filter({ hasText: 'In Arbeit' }).waitFor();
    await line('Fries menu').filter({ hasText: 'Fertig' }).waitFor();
    await page.getByRole('button', { name: 'Eilig', exact: true }).click();
    await page.getByRole('button', { name: 'Ist eilig' }).waitFor();
    await expectGerman('lines');

    await page.getByRole('button', { name: 'Cheesecake entfernen' }).click();
    await page.getByRole('group', { name: 'Diese Position entfernen?' }).waitFor();
    await expectGerman('remove');
    await page.getByRole('button', { name: 'Behalten' }).click();
    await page.getByRole('button', { name: 'Burger stornieren' }).click();
    await page.getByRole('group', { name: 'Warum stornieren?' }).waitFor();
    await expectGerman('void');
    await page.getByRole('button', { name: 'Behalten' }).click();
    await page.getByRole('button', { name: '2. Gang abrufen' }).click();
    await line('Cheesecake').filter({ hasText: 'Gesendet' }).waitFor();
  });

  it('uses the tools on a check in German: a discount a manager approves, the guest and rewards, move, merge', async () => {
    await page.getByRole('button', { name: 'Rabatt', exact: true }).click();
    await page.getByRole('textbox', { name: 'Rabatt' }).fill('10');
    await page.getByRole('textbox', { name: 'Grund' }).fill('Geburtstag');
    await expectGerman('discount');
    await page.getByRole('button', { name: 'Leitung fragen' }).click();
    const approval = page.getByRole('dialog', { name: 'Freigabe durch die Leitung' });
    await approval.getByText('Rabatt an T1: 10').waitFor();
    await approval.getByRole('heading', { name: 'Wer meldet sich an?' }).waitFor();
    await expectGerman('approval');
    await approval.getByRole('button', { name: displayNameOf(r.manager), exact: true }).click();
    // The pad's clear key says what it does, in German: not a "C".
    await approval.getByRole('button', { name: 'Löschen', exact: true }).getByText('Löschen').waitFor();
    for (const digit of r.manager.pin)
      await approval.getByRole('button', { name: digit, exact: true }).click();
    await approval.getByRole('button', { name: 'Anmelden' }).click();
    await approval.waitFor({ state: 'detached' });
    await page
      .locator('.totals')
      .filter({ hasText: /\(Rabatt −\d+,\d\d\)/ })
      .waitFor();

    await page.getByRole('button', { name: 'Gast zuordnen' }).click();
    await page.getByRole('textbox', { name: 'Name oder Telefon' }).fill('Noor');
    await page.getByRole('button', { name: 'Suchen' }).click();
    await page.getByRole('button', { name: GUEST.name }).click();
    // Attached, the open tool shows the guest and the way to their rewards.
    await page.getByRole('button', { name: 'Gast & Prämien' }).waitFor();
    await page.getByRole('button', { name: 'Prämien', exact: true }).click();
    await page.getByRole('button', { name: `${REWARD} · 100 Punkte` }).waitFor();
    await expectGerman('guest');

    await page.getByRole('button', { name: 'Tisch wechseln' }).click();
    await page.getByLabel('Wechseln zu').waitFor();
    await expectGerman('move');
    await page.getByRole('button', { name: 'Rechnungen zusammenlegen' }).click();
    await page
      .getByLabel('Mit dieser Rechnung zusammenlegen')
      .getByRole('button', { name: /^T2 #\d+/ })
      .waitFor();
    await expectGerman('merge');
    await page.getByRole('button', { name: 'Rechnungen zusammenlegen' }).click();
  });

  it('takes the payment and closes the check in German, with German money', async () => {
    await page.getByRole('button', { name: 'Abrechnen' }).click();
    await page.getByRole('region', { name: 'Rechnung', exact: true }).waitFor();
    await expect(page.getByLabel('Offen', { exact: true }).innerText()).resolves.toMatch(/^\d+,\d\d$/);
    await page.getByRole('button', { name: 'Nach Positionen' }).click();
    await page.getByRole('button', { name: 'Gewählte Positionen auf eine neue Rechnung' }).waitFor();
    await expectGerman('check');

    await page.getByRole('button', { name: 'Cash', exact: true }).click();
    await page.getByLabel('Gegeben').fill('100');
    await page.getByLabel('Trinkgeld').fill('2,00');
    await page
      .getByLabel('Rückgeld', { exact: true })
      .getByText(/^Rückgeld \d+,\d\d$/)
      .waitFor();
    await expectGerman('payment');
    await page.getByRole('button', { name: 'Cash kassieren' }).click();
    await page.getByText('Nichts offen.').waitFor();
    await page.getByRole('status', { name: 'Letzte Barzahlung' }).waitFor();

    // The kitchen is still cooking the burger: the check cannot close yet, and the tablet says why in German.
    await page.getByRole('button', { name: 'Rechnung abschließen' }).click();
    await page
      .getByRole('alert')
      .getByText(/^Die Küche kocht noch/)
      .waitFor();
    await expectGerman('paid');
    await bump((await ordersAt<Order>(t, r, r.tables[0].id))[0], 'Burger', 'ready');
    await page.getByRole('button', { name: 'Rechnung abschließen' }).click();
    await page.getByRole('button', { name: 'Beleg drucken' }).waitFor();
    await page.getByText(/ · Beleg \S+$/).waitFor();
    await expectGerman('receipt');
    await page.getByRole('button', { name: 'Zurück zum Gastraum' }).click();
    await tableTile(page, 'T1').getByText('Wird abgeräumt').waitFor();
  });

  it('shows the drawer, the takeaway counter and a guests’ QR order in German, and keeps German on a reload', async () => {
    await page.getByRole('button', { name: 'Kassenlade' }).click();
    const drawer = page.getByRole('region', { name: 'Kassenlade dieses Tablets' });
    await drawer.getByLabel('Wechselgeld (Anfangsbestand)').waitFor();
    await expectGerman('drawer');
    await drawer.getByLabel('Wechselgeld (Anfangsbestand)').fill('100,00');
    await drawer.getByRole('button', { name: 'Kassenlade öffnen' }).click();
    await drawer.getByText(/^Jetzt in der Lade: 100,00\s€$/).waitFor();
    await expectGerman('drawer-open');
    await page.getByRole('button', { name: 'Kassenlade' }).click();

    await page
      .getByRole('textbox', { name: 'Name des Gastes für eine Bestellung zum Mitnehmen' })
      .fill('Mira');
    await page.getByRole('button', { name: 'Neu zum Mitnehmen' }).click();
    await page.getByRole('heading', { name: /Zum Mitnehmen · Mira/ }).waitFor();
    await page.getByRole('button', { name: 'Speisekarte öffnen' }).click();
    await addDish('Beer');
    await page.getByRole('button', { name: /^Senden/ }).click();
    await page.locator('.order-head').filter({ hasText: /^#\d+/ }).waitFor();
    await expectGerman('takeaway-order');

    const listed = await as(t, r.manager.session).get('/api/v1/orders?perPage=100').expect(200);
    const ada = (listed.body.items as Array<Order & { fulfilment: { customerName: string } | null }>).find(
      (order) => order.fulfilment?.customerName === 'Ada',
    )!;
    await bump(ada, 'Fries', 'ready');
    await page.getByRole('button', { name: 'Gastraum' }).click();
    await takeawayTile('Mira').waitFor();
    await takeawayTile('Ada').getByText('Abholbereit').waitFor();
    await expectGerman('takeaway-counter');
    await takeawayTile('Ada').click();
    await page.getByRole('button', { name: `#${ada.number} abgeholt` }).waitFor();
    await expectGerman('takeaway-ready');
    await page.getByRole('button', { name: 'Gastraum' }).click();

    await tableTile(page, 'T3').click();
    await page.getByText('Per QR bestellt: 1 × Beer').waitFor();
    await expectGerman('qr-order');

    // German is the device's choice: a reload starts in it.
    await page.reload();
    await page.getByRole('button', { name: 'Gastraum' }).waitFor();
    await tableTile(page, 'T1').waitFor();
    await expectGerman('reloaded');
  });

  it('in a German restaurant: pays by Bar or Karte, says a refusal, a guest’s allergens and a lock-out in German', async () => {
    // The restaurant itself turns German: the methods it was seeded with follow (Cash → Bar, Card → Karte).
    const { body: profile } = await as(t, r.admin).get('/api/v1/restaurant').expect(200);
    const { name, address, taxId, timezone, currency, country } = profile as Record<string, unknown>;
    await as(t, r.admin)
      .put('/api/v1/restaurant')
      .send({ name, address, taxId, timezone, currency, country, locale: 'de-DE' })
      .expect(200);
    const methods = await as(t, r.waiter.session).get('/api/v1/payment-methods/active').expect(200);
    const names = (methods.body.items as Array<{ name: string }>).map((method) => method.name);
    expect(names).toEqual(expect.arrayContaining(['Bar', 'Karte']));
    data.push(...names);

    await page.reload();
    await takeawayTile('Mira').click();
    await page.getByRole('button', { name: 'Abrechnen' }).click();
    await page.getByRole('region', { name: 'Rechnung', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Bar', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Karte', exact: true }).click();
    await expectGerman('german-methods');

    // More than is due on a card: the service refuses it (422), and the tablet says so in German, as a notice.
    await page.getByLabel('Betrag', { exact: true }).fill('999,00');
    await page.getByRole('button', { name: 'Karte kassieren' }).click();
    await page
      .getByRole('alert')
      .getByText(/Eine Eingabe stimmt nicht/)
      .first()
      .waitFor();
    await expectGerman('refusal');
    expect(await page.getByRole('dialog', { name: 'Konflikt' }).count()).toBe(0);

    // A guest's allergens read as words in German, not as the API's codes.
    const guest = await as(t, r.manager.session)
      .post('/api/v1/customers')
      .send({ name: 'Lena', allergens: ['milk', 'nuts'] })
      .expect(201);
    const placed = await beersAt(3, 1);
    await as(t, r.waiter.session)
      .post(`/api/v1/orders/${placed.body.id}/customer`)
      .set('If-Match', `"${placed.body.version}"`)
      .send({ customerId: guest.body.id })
      .expect(200);
    data.push('Lena');
    await page.getByRole('button', { name: 'Gastraum' }).click();
    await tableTile(page, 'T4').click();
    await page.getByText('Allergien: Milch, Schalenfrüchte').waitFor();
    await expectGerman('allergies');

    // Signed out, wrong PINs lock the waiter out: the pad says for how long, in German.
    await page.getByRole('button', { name: 'Gastraum' }).click();
    await page.getByRole('button', { name: 'Abmelden' }).click();
    await page.getByRole('button', { name: displayNameOf(r.waiter), exact: true }).click();
    const wrongPin = r.waiter.pin === '0000' ? '1111' : '0000';
    const lockedOut = page
      .getByRole('alert')
      .getByText(/^Zu viele falsche PINs: in \d+ Sekunden? erneut versuchen\.$/);
    for (let attempt = 0; attempt < 7 && (await lockedOut.count()) === 0; attempt++) {
      for (const digit of wrongPin) await page.getByRole('button', { name: digit, exact: true }).click();
      const answered = page.waitForResponse((response) => response.url().endsWith('/api/v1/auth/pin'));
      await page.getByRole('button', { name: 'Anmelden' }).click();
      await answered;
      // The pad clears a refused PIN: the next one is typed on an empty pad.
      await page.getByLabel('Eingegebene PIN').filter({ hasNotText: '•' }).waitFor();
    }
    await lockedOut.waitFor();
    await expectGerman('locked-out');
  });
});
