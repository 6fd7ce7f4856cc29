/**
 * The back office's floor, staff and devices screens, driven through the pages: a room with two tables and its QR
 * sheet, a waiter added and their PIN reset, someone deactivated, a kitchen screen paired, a printer test-printed,
 * and what a manager (not an admin) is shown. The API is called only to seed a station (the menu screen's) and to
 * play the kitchen screen's side of the pairing.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import {
  CHROMIUM,
  describeInBrowser,
  downloadedBytes,
  keepScreenshots,
  openChromium,
  watchProblems,
  LAPTOP,
  signInToBackOffice,
  fillForm,
} from './support/browser';
import { FakePrinter } from './support/fake-printers';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

const MANAGER = { username: 'marta', password: 'marta-password-1' };

describeInBrowser(`The back office's floor, staff and devices screens (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', RESTAURANT_NAME: 'Chez Test' });
    browser = await openChromium();
    await t
      .http()
      .post('/api/v1/stations')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .send({ name: 'Grill' })
      .expect(201);
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  async function signIn(
    context: BrowserContext,
    who: { username: string; password: string },
    screen: string,
  ) {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${t.url}/back-office#/${screen}`);
    await signInToBackOffice(page, who);
    return { page, problems };
  }

  const row = (page: Page, list: string, text: string | RegExp) =>
    page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: text });

  const open = (page: Page, screen: string) =>
    page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: screen }).click();

  it('lets an admin set up the floor, the staff and the devices, and shows a manager what is theirs', async () => {
    const context = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    context.setDefaultTimeout(10_000);
    const { page, problems } = await signIn(context, ADMIN, 'floor');

    // The floor: a room, two tables (one moved to six seats), and the sheet of their QR codes.
    await page.getByRole('heading', { name: 'Floor', level: 1 }).waitFor();
    await fillForm(page, 'room', { 'Room name': 'Patio' });
    await page.locator('form#room').getByRole('button', { name: 'Add the room' }).click();
    await row(page, 'Rooms', 'Patio').waitFor();
    for (const name of ['P1', 'P2']) {
      await fillForm(page, 'table', { 'Table name': name, Seats: '4', Room: 'Patio' });
      await page.locator('form#table').getByRole('button', { name: 'Add the table' }).click();
      await row(page, 'Tables', `${name} · Patio · 4 seats`).waitFor();
    }
    await page.getByRole('button', { name: 'Edit P2' }).click();
    await page.getByLabel('Seats', { exact: true }).first().fill('0');
    await row(page, 'Tables', 'P2').getByRole('button', { name: 'Save' }).click();
    await row(page, 'Tables', 'P2').locator('.field-error').waitFor();
    await row(page, 'Tables', 'P2').getByLabel('Seats', { exact: true }).fill('6');
    await row(page, 'Tables', 'P2').getByRole('button', { name: 'Save' }).click();
    await row(page, 'Tables', 'P2 · Patio · 6 seats').waitFor();
    // A room that has tables stays: the API's reason is shown.
    await page.getByRole('button', { name: 'Delete Patio' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: /^Not saved: / })
      .waitFor();
    await row(page, 'Rooms', 'Patio').waitFor();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download the QR code sheet (PDF)' }).click();
    const sheet = await downloadedBytes(await downloading);
    expect(sheet.subarray(0, 4).toString('latin1')).toBe('%PDF');
    await keepScreenshots(page, 'back-office-floor');

    // Staff: a waiter with a PIN, whose PIN is then reset; a cook deactivated; a manager for later.
    await open(page, 'Staff');
    await page.getByRole('heading', { name: 'Staff', level: 1 }).waitFor();
    const people = [
      {
        Name: 'Wanda',
        Username: 'wanda',
        Role: 'Waiter',
        PIN: '2468',
        row: 'Wanda · wanda · Waiter · active',
      },
      { Name: 'Karl', Username: 'karl', Role: 'Kitchen', PIN: '1357', row: 'Karl · karl · Kitchen · active' },
    ];
    for (const { row: shown, ...values } of people) {
      await fillForm(page, 'staff-member', values);
      await page.locator('form#staff-member').getByRole('button', { name: 'Add' }).click();
      await row(page, 'People', shown).waitFor();
    }
    await fillForm(page, 'staff-member', {
      Name: 'Marta',
      Username: MANAGER.username,
      Role: 'Manager',
      'Password (for the back office)': MANAGER.password,
    });
    await page.locator('form#staff-member').getByRole('button', { name: 'Add' }).click();
    await row(page, 'People', 'Marta · marta · Manager · active').waitFor();

    await page.getByRole('button', { name: 'Reset the PIN of Wanda' }).click();
    await page.getByLabel('New PIN for Wanda').fill('12');
    await page.locator('form#pin-wanda').getByRole('button', { name: 'Save' }).click();
    await page.locator('#pin-wanda-pin-error').waitFor();
    await page.getByLabel('New PIN for Wanda').fill('9753');
    await page.locator('form#pin-wanda').getByRole('button', { name: 'Save' }).click();
    await page.locator('form#pin-wanda').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Deactivate Karl' }).click();
    await row(page, 'People', 'Karl · karl · Kitchen · inactive').waitFor();
    await page.getByRole('heading', { name: 'Time clock' }).waitFor();
    await page.getByRole('heading', { name: 'Cash shifts' }).waitFor();
    await keepScreenshots(page, 'back-office-staff');
    // The new PIN signs Wanda in; she clocks in on her tablet and the manager opens the drawer (seeded here, for
    // the manager's lists below).
    const wanda = await t
      .http()
      .post('/api/v1/auth/pin')
      .send({ userId: await idOf('wanda'), pin: '9753' })
      .expect(200);
    await t
      .http()
      .post('/api/v1/time-clock/clock-in')
      .set('Authorization', `Bearer ${wanda.body.accessToken}`)
      .expect(201);
    await t
      .http()
      .post('/api/v1/shifts/open')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .send({ openingCash: 15000 })
      .expect(201);

    // A bar beside the grill: the new screen is offered both at once.
    await t
      .http()
      .post('/api/v1/stations')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .send({ name: 'Bar' })
      .expect(201);
    // Devices: a kitchen screen paired with the code shown, a pickup board, a printer that prints a test page.
    await open(page, 'Devices');
    await page.getByRole('heading', { name: 'Devices', level: 1 }).waitFor();
    await fillForm(page, 'kitchen-screen', { 'Screen name': 'Pass' });
    await page.locator('form#kitchen-screen').getByRole('button', { name: 'Make a pairing code' }).click();
    const code = page.getByLabel('Pairing code for Pass');
    await code.waitFor();
    const pairingCode = (await code.textContent())!.trim();
    expect(pairingCode).toMatch(/^[A-Z2-9]{8}$/);
    expect(
      parseFloat(
        await page.evaluate<string>("getComputedStyle(document.querySelector('.pairing-code')).fontSize"),
      ),
    ).toBeGreaterThanOrEqual(60);
    await row(page, 'Kitchen screens', 'Pass · not paired yet').waitFor();
    await t.http().post('/api/v1/kitchen/devices/pair').send({ code: pairingCode }).expect(200);
    await row(page, 'Kitchen screens', /^Pass · paired/).waitFor();
    const pass = async () =>
      ((await adminGet('/api/v1/kitchen/devices')).body.items as Array<{ stationIds: string[] }>)[0];
    expect((await pass()).stationIds.sort()).toEqual(
      [await stationId('Bar'), await stationId('Grill')].sort(),
    );
    // Paired, and its stations still change: the bar left to the waiters.
    await page.getByRole('button', { name: 'Edit Pass' }).click();
    const editingPass = row(page, 'Kitchen screens', /^Pass/);
    await editingPass.getByLabel('Bar', { exact: true }).uncheck();
    await editingPass.getByRole('button', { name: 'Save' }).click();
    await editingPass.getByRole('button', { name: 'Edit Pass' }).waitFor();
    expect((await pass()).stationIds).toEqual([await stationId('Grill')]);

    await fillForm(page, 'pickup-board', { 'Board name': 'Counter board' });
    await page.locator('form#pickup-board').getByRole('button', { name: 'Add' }).click();
    await row(page, 'Pickup boards', 'Counter board').getByRole('link', { name: 'Open' }).waitFor();

    const counter = await FakePrinter.start();
    try {
      await fillForm(page, 'printer', {
        'Printer name': 'Counter',
        Prints: 'Receipts',
        'Address (IP or host name)': '127.0.0.1',
        Port: String(counter.port),
      });
      await page.locator('form#printer').getByRole('button', { name: 'Add' }).click();
      await row(page, 'Printers', `Counter · 127.0.0.1:${counter.port} · working`).waitFor();
      await page.getByRole('button', { name: 'Test print on Counter' }).click();
      await page.getByRole('status').filter({ hasText: 'Test page sent to Counter.' }).waitFor();
      await counter.waitFor(1);
      expect(counter.tickets[0]).toEqual(expect.arrayContaining(['TEST PRINT', 'Counter']));
      await keepScreenshots(page, 'back-office-devices');

      // The printer edited: a refused port beside its field, then renamed and printing the grill's tickets.
      await page.getByRole('button', { name: 'Edit Counter' }).click();
      const editing = row(page, 'Printers', 'Counter');
      await editing.getByLabel('Port', { exact: true }).fill('0');
      await editing.getByRole('button', { name: 'Save' }).click();
      await editing.locator('.field-error').waitFor();
      await editing.getByLabel('Printer name', { exact: true }).fill('Front counter');
      await editing.getByLabel('Port', { exact: true }).fill(String(counter.port));
      // A receipt printer prints no station's tickets: it prints the kitchen's now.
      await editing.getByLabel('Prints', { exact: true }).selectOption({ label: 'Kitchen tickets' });
      await editing.getByLabel('Grill', { exact: true }).check();
      await keepScreenshots(page, 'back-office-printer-edit');
      await editing.getByRole('button', { name: 'Save' }).click();
      await row(page, 'Printers', `Front counter · 127.0.0.1:${counter.port} · working`).waitFor();
      const printers = await adminGet('/api/v1/printers');
      expect(printers.body.items).toEqual([
        expect.objectContaining({ name: 'Front counter', stationIds: [await stationId('Grill')] }),
      ]);
      await page.getByRole('button', { name: 'Delete Front counter' }).click();
      await row(page, 'Printers', 'Front counter').waitFor({ state: 'detached' });
      expect((await adminGet('/api/v1/printers')).body.items).toEqual([]);
    } finally {
      await counter.down();
    }

    // A card terminal registered (a refusal beside its field first), renamed, deactivated and deleted.
    await page.locator('form#terminal').getByRole('button', { name: 'Register the terminal' }).click();
    await page.locator('#terminal-name-error').waitFor();
    await fillForm(page, 'terminal', {
      'Terminal name': 'Bar terminal',
      Provider: 'Simulator (for trying out)',
      'Device id at the provider': 'sim-bar',
    });
    await page.locator('form#terminal').getByRole('button', { name: 'Register the terminal' }).click();
    await row(page, 'Card terminals', 'Bar terminal · simulator · active').waitFor();
    await page.getByRole('button', { name: 'Rename Bar terminal' }).click();
    await row(page, 'Card terminals', 'Bar terminal').getByLabel('Terminal name').fill('Bar');
    await row(page, 'Card terminals', 'Bar terminal').getByRole('button', { name: 'Save' }).click();
    await row(page, 'Card terminals', 'Bar · simulator · active').waitFor();
    await page.getByRole('button', { name: 'Deactivate Bar' }).click();
    await row(page, 'Card terminals', 'Bar · simulator · inactive').waitFor();
    await keepScreenshots(page, 'back-office-terminals');
    expect((await adminGet('/api/v1/terminals')).body.items).toEqual([
      expect.objectContaining({ name: 'Bar', active: false, providerDeviceId: 'sim-bar' }),
    ]);
    await page.getByRole('button', { name: 'Delete Bar' }).click();
    await page.getByRole('status').filter({ hasText: 'Bar is deleted.' }).waitFor();
    await row(page, 'Card terminals', 'Bar').waitFor({ state: 'detached' });
    expect((await adminGet('/api/v1/terminals')).body.items).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();

    // A manager: the floor and its sheet, but no floor to change; the PIN pad's people; no printers.
    const managerContext = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    managerContext.setDefaultTimeout(10_000);
    const manager = await signIn(managerContext, MANAGER, 'floor');
    await row(manager.page, 'Tables', 'P1 · Patio · 4 seats').waitFor();
    await manager.page.getByRole('button', { name: 'Download the QR code sheet (PDF)' }).waitFor();
    expect(await manager.page.locator('form#room, form#table').count()).toBe(0);
    expect(await manager.page.getByRole('button', { name: 'Edit P1' }).count()).toBe(0);
    await open(manager.page, 'Staff');
    await row(manager.page, 'People', 'Wanda · Waiter').waitFor();
    await row(manager.page, 'Clocked in now', /^Wanda · since /).waitFor();
    await row(manager.page, 'Cash shifts', /· open · float €150\.00 · expected €150\.00$/).waitFor();
    await keepScreenshots(manager.page, 'back-office-staff-manager');
    expect(await manager.page.locator('form#staff-member').count()).toBe(0);
    await open(manager.page, 'Devices');
    await row(manager.page, 'Kitchen screens', /^Pass · paired/).waitFor();
    expect(await manager.page.getByRole('heading', { name: 'Printers' }).count()).toBe(0);
    await manager.page.getByRole('heading', { name: 'Card terminals' }).waitFor();
    expect(await manager.page.locator('form#terminal').count()).toBe(0);
    await keepScreenshots(manager.page, 'back-office-devices-manager');
    expect(manager.problems).toEqual([]);
    await managerContext.close();
  }, 90_000);

  async function adminToken(): Promise<string> {
    const login = await t.http().post('/api/v1/auth/login').send(ADMIN).expect(200);
    return login.body.accessToken as string;
  }

  /** What the API answers the admin, to check what a change did. */
  async function adminGet(path: string) {
    return t
      .http()
      .get(path)
      .set('Authorization', `Bearer ${await adminToken()}`)
      .expect(200);
  }

  async function stationId(name: string): Promise<string> {
    const stations = await adminGet('/api/v1/stations');
    return (stations.body.items as Array<{ id: string; name: string }>).find((each) => each.name === name)!
      .id;
  }

  async function idOf(username: string): Promise<string> {
    const users = await t
      .http()
      .get('/api/v1/users')
      .set('Authorization', `Bearer ${await adminToken()}`)
      .expect(200);
    return (users.body.items as Array<{ id: string; username: string }>).find(
      (each) => each.username === username,
    )!.id;
  }
});
