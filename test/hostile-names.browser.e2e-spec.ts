/**
 * Names that attack, on every page and document. One restaurant is seeded once through the API with a hostile
 * name in every name field the OpenAPI document gives the requests it makes (support/hostile-names.ts): markup
 * and script, an RTL override, control characters, as long as the field allows. Each request is first sent with
 * every such field 10,000 characters long, which must be refused with 422 VALIDATION_ERROR. Then each page is
 * visited once in one browser context (QR menu, digital receipt, pickup board, kitchen screen, waiter tablet, back
 * office) and each document rendered once (bill and receipt as ESC/POS and PDF, a kitchen ticket on a network
 * printer, the Z report PDF): no dialog opens, the page reports no CSP refusal or script error, no markup of a
 * name became an element, each name shows as typed, and every price and total is still there, inside its card and
 * the screen, or whole on its printed line.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, describeInBrowser, keepScreenshot, openChromium, watchProblems } from './support/browser';
import { as } from './support/clients';
import { DOCUMENT_FILE_VARIABLE } from './support/contract-document';
import { binary, readPdf } from './support/document-readers';
import { decodeEscPos } from './support/escpos-decoder';
import { FakePrinter } from './support/fake-printers';
import type { Schema } from './support/hostile-operations';
import { nameFieldsOf, operationsWithNames } from './support/hostile-names';
import {
  byTag,
  creationOf,
  euros,
  expectAmountInView,
  expectNoInjectedMarkup,
  FITS_ITS_WIDTH,
  NOT_SENT,
  tagOf,
} from './support/hostile-names-pages';
import { hostileRestaurant } from './support/hostile-names-seed';
import { startTestApp, type TestApp } from './support/test-app';

describeInBrowser(`Names that attack, on every page and document (${CHROMIUM})`, () => {
  const openApi = JSON.parse(readFileSync(process.env[DOCUMENT_FILE_VARIABLE]!, 'utf8')) as Schema;
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let printer: FakePrinter;
  /** Every name the seed typed, by `<operation> <field path>`. */
  const dialogs: string[] = [];
  const problems: string[] = [];
  const { typed, seeded, seed, send, named, seedRestaurant } = hostileRestaurant(
    // The app starts in beforeAll: its address is read when the seed sends.
    {
      get url() {
        return t.url;
      },
    },
    openApi,
  );

  beforeAll(async () => {
    t = await startTestApp({ CURRENCY: 'EUR', QR_ORDERING: 'true' });
    printer = await FakePrinter.start();
    browser = await openChromium();
    context = await browser.newContext({ viewport: { width: 1024, height: 768 }, serviceWorkers: 'block' });
    await seedRestaurant(printer);
  });

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await printer?.down();
    await t?.close();
  });

  async function visit(url: string, viewport = { width: 1024, height: 768 }): Promise<Page> {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    page.on('dialog', (dialog) => {
      dialogs.push(`${url}: ${dialog.type()} ${dialog.message()}`);
      void dialog.dismiss();
    });
    const seen = watchProblems(page);
    page.on('close', () => problems.push(...seen.map((problem) => `${url}: ${problem}`)));
    await page.goto(`${t.url}${url}`);
    return page;
  }

  /** The page's text holds each name exactly as typed. */
  async function expectShownAsTyped(page: Page, names: string[]): Promise<void> {
    const text = await page.evaluate<string>("document.body.textContent ?? ''");
    for (const name of names) {
      const field = [...typed].find(([, values]) => values.includes(name))?.[0] ?? 'the table';
      const around = text.includes(name)
        ? ''
        : text.slice(Math.max(0, text.indexOf(tagOf(name)) - 20), text.indexOf(tagOf(name)) + 120);
      expect({ field, shown: text.includes(name), around }).toEqual({ field, shown: true, around: '' });
    }
  }

  it('shows the QR menu with every name as typed and every price in view', async () => {
    const page = await visit(`/t/${seed.qrToken}`, { width: 390, height: 844 });
    await page.getByText(named('POST /api/v1/dishes', 'name')).first().waitFor();
    await expectNoInjectedMarkup(page);
    await expectShownAsTyped(page, [
      named('PUT /api/v1/restaurant', 'name'),
      named('POST /api/v1/dishes', 'name'),
      named('POST /api/v1/dishes', 'description'),
      named('POST /api/v1/categories', 'name'),
    ]);
    for (const price of [1200, 1650]) await expectAmountInView(page, euros(price), page.locator('body'));
    await keepScreenshot(page, 'hostile-names-qr-menu');
    await page.close();
  });

  it('shows the digital receipt with its total inside the card', async () => {
    const page = await visit(new URL(seed.receipt.url).pathname, { width: 390, height: 844 });
    await page.locator('article').waitFor();
    await expectNoInjectedMarkup(page);
    await expectShownAsTyped(page, [
      named('PUT /api/v1/restaurant', 'name'),
      named('POST /api/v1/dishes', 'name'),
      named('POST /api/v1/payment-methods', 'name'),
    ]);
    await expectAmountInView(page, euros(seed.receipt.total), page.locator('article'));
    expect(await page.evaluate(FITS_ITS_WIDTH)).toBe(true);
    await keepScreenshot(page, 'hostile-names-receipt');
    await page.close();
  });

  it('shows the pickup board’s name as typed', async () => {
    const page = await visit(`/pickup?board=${seed.pickupToken}`);
    await page
      .getByRole('heading', { level: 1 })
      .filter({ hasText: /^N\d+ / })
      .waitFor();
    await expectNoInjectedMarkup(page);
    await expectShownAsTyped(page, [named('POST /api/v1/pickup-boards', 'name')]);
    await page.close();
  });

  it('shows the kitchen screen’s tickets with every name as typed', async () => {
    const page = await visit('/kitchen');
    await page.getByLabel('Pairing code').fill(seed.pairingCode);
    await page.getByRole('button', { name: 'Pair this screen' }).click();
    await page
      .getByRole('button')
      .filter({ hasText: seed.cook.displayName.split(' ')[0] + ' ' })
      .click();
    for (const digit of seed.cook.pin) await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    const ticket = page.getByRole('article', { name: `Ticket ${seed.dineIn.number}`, exact: true });
    await ticket.waitFor();
    await expectNoInjectedMarkup(page);
    await expectShownAsTyped(page, [
      named('POST /api/v1/dishes', 'name'),
      typed.get('POST /api/v1/dishes variations[].name')![1],
      named('POST /api/v1/modifier-groups', 'options[].name'),
      named('POST /api/v1/orders', 'items[].comment'),
      named('POST /api/v1/orders', 'notes'),
      seed.tableName,
    ]);
    const ticketBox = (await ticket.boundingBox())!;
    expect(ticketBox.x + ticketBox.width).toBeLessThanOrEqual(1024 + 1);
    await keepScreenshot(page, 'hostile-names-kitchen');
    await page.close();
  });

  it('shows the waiter tablet’s floor and check with every name as typed and the total in view', async () => {
    const page = await visit('/waiter');
    await page
      .getByRole('button')
      .filter({ hasText: seed.waiter.displayName.split(' ')[0] + ' ' })
      .click();
    for (const digit of seed.waiter.pin) await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.table-tile').first().waitFor();
    await expectNoInjectedMarkup(page);
    await expectShownAsTyped(page, [seed.tableName, named('POST /api/v1/locations', 'name')]);
    const tile = page.locator('.table-tile').filter({ hasText: `${tagOf(seed.tableName)} ` });
    await expectAmountInView(page, (seed.dineIn.total / 100).toFixed(2), tile);
    await keepScreenshot(page, 'hostile-names-waiter');
    // The check's guest and the loyalty programme's reward, as the waiter picks one.
    await tile.click();
    await page.getByRole('button', { name: 'Guest & rewards' }).click();
    await page.getByRole('button', { name: 'Rewards', exact: true }).click();
    const reward = named('PUT /api/v1/loyalty', 'rewards[].name');
    await byTag(page, reward).waitFor();
    await expectNoInjectedMarkup(page);
    await expectShownAsTyped(page, [reward, named('POST /api/v1/customers', 'name')]);
    expect(await page.evaluate(FITS_ITS_WIDTH)).toBe(true);
    await keepScreenshot(page, 'hostile-names-waiter-rewards');
    await page.close();
  });

  it('shows the back office’s screens with every name as typed', async () => {
    const page = await visit('/back-office#/menu');
    await page.getByLabel('Username').fill('admin');
    await page.getByLabel('Password').fill('admin-password-1');
    await page.getByRole('button', { name: 'Sign in' }).click();
    // A screen, the tab to open on it (none: the first), and the names it shows there.
    const screens: Array<[string, string[], string?]> = [
      ['menu', [named('POST /api/v1/dishes', 'name'), named('POST /api/v1/categories', 'name')]],
      ['menu', [named('POST /api/v1/menu-schedules', 'name')], 'Schedules'],
      ['menu', [named('POST /api/v1/price-rules', 'name')], 'Price rules'],
      ['menu', [named('POST /api/v1/price-levels', 'name')], 'Price levels'],
      [
        'integrations',
        [named('POST /api/v1/api-keys', 'name'), named('POST /api/v1/webhooks', 'description')],
      ],
      ['floor', [seed.tableName, named('POST /api/v1/locations', 'name')]],
      ['staff', [seed.waiter.displayName, seed.cook.displayName]],
      [
        'devices',
        [
          named('POST /api/v1/kitchen/devices', 'name'),
          named('POST /api/v1/pickup-boards', 'name'),
          named('POST /api/v1/terminals', 'name'),
        ],
      ],
      [
        'security',
        [
          named('POST /api/v1/security/ip-blocks', 'reason'),
          // Usernames are case-insensitive: the service keeps (and shows) the one typed in lower case.
          named('POST /api/v1/auth/login', 'username').toLowerCase(),
        ],
      ],
    ];
    for (const [screen, names, tab] of screens) {
      await page.goto(`${t.url}/back-office#/${screen}`);
      if (tab) await page.getByRole('tab', { name: tab }).click();
      for (const name of names) await byTag(page, name).waitFor({ state: 'attached' });
      await keepScreenshot(page, `hostile-names-back-office-${screen}${tab ? `-${tab}` : ''}`);
      await expectNoInjectedMarkup(page);
      await expectShownAsTyped(page, names);
    }
    await page.close();
  });

  it('prints bills, receipts, kitchen tickets and the Z report with every total whole on its line', async () => {
    const bill = async (format: string) =>
      (
        await as(t, seed.admin)
          .get(`/api/v1/orders/${seed.dineIn.id}/bill?format=${format}&width=32`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
    const receipt = async (format: string) =>
      (
        await as(t, seed.admin)
          .get(`/api/v1/receipts/${seed.receipt.id}?format=${format}&width=32`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer;
    const documents: Array<[string, Buffer, number]> = [
      ['bill', await bill('escpos'), seed.dineIn.total],
      ['receipt', await receipt('escpos'), seed.receipt.total],
    ];
    for (const [kind, escpos, total] of documents) {
      const printed = decodeEscPos(escpos);
      expect({ kind, widest: printed.widest <= 32 }).toEqual({ kind, widest: true });
      const totalLine = printed.lines.find((line) => /^TOTAL\b/.test(line.trim()));
      expect({ kind, totalLine: totalLine?.trim().endsWith(euros(total)) }).toEqual({
        kind,
        totalLine: true,
      });
      expect(printed.lines.join('\n')).toContain(tagOf(named('POST /api/v1/dishes', 'name')));
    }
    for (const [kind, pdf, total] of [
      ['bill', await bill('pdf'), seed.dineIn.total],
      ['receipt', await receipt('pdf'), seed.receipt.total],
    ] as Array<[string, Buffer, number]>) {
      const { text } = readPdf(pdf);
      expect({ kind, total: text.includes(euros(total)) }).toEqual({ kind, total: true });
      expect(text).toContain(tagOf(named('POST /api/v1/dishes', 'name')));
    }
    // The Z report, once the day's other orders are done: the payment method's name beside what it took.
    const orders = (await as(t, seed.admin).get('/api/v1/orders?perPage=100').expect(200)).body
      .items as Array<{
      id: string;
      status: string;
    }>;
    for (const order of orders.filter((each) => each.status !== 'closed')) {
      // The channel's order is paid: it closes; the others are cancelled, with a reason.
      const closing = await as(t, seed.admin)
        .patch(`/api/v1/orders/${order.id}/status`)
        .send({ status: 'closed' });
      if (closing.status === 200) continue;
      await send(seed.admin, 'PATCH /api/v1/orders/{id}/status', `/api/v1/orders/${order.id}/status`, {
        status: 'cancelled',
        reason: 'r',
      });
    }
    const closed = await as(t, seed.admin)
      .post('/api/v1/business-days/close')
      .send({ uncountedCashConfirmed: true });
    expect([closed.status, closed.body?.error]).toEqual([201, undefined]);
    const zReport = readPdf(
      (
        await as(t, seed.admin)
          .get(`/api/v1/business-days/${closed.body.businessDay as string}/z-report?format=pdf`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer,
    ).text;
    expect(zReport).toContain(tagOf(named('POST /api/v1/payment-methods', 'name')));
    expect(zReport).toContain(euros(seed.receipt.total));

    // A refund with a reason: its receipt printed, as a PDF and as the guest's page shows the reason as typed,
    // and its total whole.
    const sold = (await as(t, seed.admin).get(`/api/v1/receipts/${seed.receipt.id}`).expect(200)).body as {
      payments: Array<{ paymentId: string }>;
    };
    await send(
      seed.admin,
      'POST /api/v1/payments/{id}/refund',
      `/api/v1/payments/${sold.payments[0].paymentId}/refund`,
      { amount: 100, reason: 'r' },
    );
    const refund = (
      (await as(t, seed.admin).get('/api/v1/receipts').expect(200)).body.items as Array<{
        id: string;
        kind: string;
        url: string;
        total: number;
      }>
    ).find((each) => each.kind === 'refund')!;
    const reason = named('POST /api/v1/payments/{id}/refund', 'reason');
    const refundPrinted = decodeEscPos(
      (
        await as(t, seed.admin)
          .get(`/api/v1/receipts/${refund.id}?format=escpos&width=32`)
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body as Buffer,
    );
    expect(refundPrinted.widest).toBeLessThanOrEqual(32);
    expect(refundPrinted.lines.join('\n')).toContain(tagOf(reason));
    const refundTotal = refundPrinted.lines.find((line) => /^TOTAL\b/.test(line.trim()));
    expect(refundTotal?.trim().endsWith(euros(Math.abs(refund.total)))).toBe(true);
    const refundPage = await visit(new URL(refund.url).pathname, { width: 390, height: 844 });
    await refundPage.locator('article').waitFor();
    await expectNoInjectedMarkup(refundPage);
    await expectShownAsTyped(refundPage, [reason]);
    // A guest's phone never scrolls sideways: the reason wraps within the receipt.
    expect(await refundPage.evaluate(FITS_ITS_WIDTH)).toBe(true);
    await keepScreenshot(refundPage, 'hostile-names-refund-receipt');
    await refundPage.close();
    await printer.waitFor(1);
    const ticket = decodeEscPos(printer.received[0]);
    expect(ticket.widest).toBeLessThanOrEqual(32);
    expect(ticket.lines.join('\n')).toContain(tagOf(named('POST /api/v1/dishes', 'name')));
    expect(dialogs).toEqual([]);
  });

  it('keeps every page free of dialogs, CSP refusals and script errors', () => {
    expect(dialogs).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('sent every name field the document lists (or says why not), each with a limit', () => {
    const operations = operationsWithNames(openApi).filter(
      (operation) =>
        openApi.paths[operation.split(' ')[1]]?.[operation.split(' ')[0].toLowerCase()]?.['x-access']
          ?.service !== 'hq',
    );
    const unlimited = operations.flatMap((operation) =>
      nameFieldsOf(openApi, operation)
        .filter((field) => field.maxLength === undefined || field.maxLength > 1000)
        .map((field) => `${operation} ${field.path}`),
    );
    expect(unlimited).toEqual([]);
    const covered = (operation: string) => {
      const creation = creationOf(operation);
      const created =
        creation && seeded.has(creation) ? nameFieldsOf(openApi, creation).map((f) => f.path) : [];
      return nameFieldsOf(openApi, operation).every((field) => created.includes(field.path));
    };
    expect(
      operations.filter(
        (operation) =>
          !seeded.has(operation) &&
          !covered(operation) &&
          !(operation in NOT_SENT) &&
          !((creationOf(operation) ?? '') in NOT_SENT),
      ),
    ).toEqual([]);
  });
});
