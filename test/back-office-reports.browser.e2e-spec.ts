/**
 * The back office's reports, day close, fiscal and security screens in a real browser. A small day's sales are
 * seeded through the API (orders are the waiter tablet's to take); everything after that is done on the pages.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { Role } from '../src/common/access/role';
import {
  CHROMIUM,
  describeInBrowser,
  downloadedBytes,
  keepScreenshots,
  openChromium,
  watchProblems,
  LAPTOP,
  signInToBackOffice,
} from './support/browser';
import { as, displayNameOf, loginAdmin, newStaff, type NewStaff } from './support/clients';
import { readPdf } from './support/document-readers';
import { factories, type Restaurant } from './support/factories';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';

type Method = { id: string; name: string; kind: string };
type Order = { id: string; total: number };

describeInBrowser(`The back office's reports, close, fiscal and security screens (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let r: Restaurant;
  let waiter: NewStaff;
  let tseFolder: string;
  const paid: Record<string, number> = {};
  let businessDay: string;
  let netSales: number;
  let grossSales: number;
  let priceChange: string;

  async function sell(
    items: Array<{ dishId: string; variationId?: string; quantity: number }>,
    method: Method,
  ) {
    const placed = (
      await as(t, waiter.session).post('/api/v1/orders').send({ type: 'takeaway', items }).expect(201)
    ).body as Order;
    await as(t, waiter.session)
      .post(`/api/v1/orders/${placed.id}/payments`)
      .send({ methodId: method.id, amount: placed.total })
      .expect(201);
    await as(t, waiter.session)
      .patch(`/api/v1/orders/${placed.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    paid[method.name] = (paid[method.name] ?? 0) + placed.total;
  }

  beforeAll(async () => {
    tseFolder = mkdtempSync(join(tmpdir(), 'pos-reports-tse-'));
    t = await startTestApp({
      CURRENCY: 'EUR',
      RESTAURANT_NAME: 'Chez Test',
      FISCAL_SIGNER: 'simulated-tse',
      FISCAL_TSE_DIR: tseFolder,
    });
    t.clock.moveToMidBusinessDay();
    const admin = await loginAdmin(t);
    r = await factories(t, admin).newRestaurant();
    waiter = await newStaff(t, Role.Waiter);
    const methods = (await as(t, waiter.session).get('/api/v1/payment-methods/active').expect(200)).body
      .items as Method[];
    const card = methods.find((method) => method.kind === 'card')!;
    const cash = methods.find((method) => method.kind === 'cash')!;
    // The burger's recipe takes 150 g of beef (10.00 a kilogram): the inventory and food-cost sections show it.
    const beef = (
      await as(t, admin)
        .post('/api/v1/ingredients')
        .send({ name: 'Beef', allergens: [], stock: { baseUnit: 'g', costPerThousand: 1_000 } })
        .expect(201)
    ).body.id as string;
    await as(t, admin)
      .post('/api/v1/stock-movements')
      .send({ ingredientId: beef, quantity: 1_000, reason: 'transfer_in' })
      .expect(201);
    await as(t, admin)
      .put(`/api/v1/dishes/${r.burger.id}/variations/${r.burger.variations[0].id}/recipe`)
      .send({ lines: [{ ingredientId: beef, quantity: 150, unit: 'g' }] })
      .expect(200);
    await sell([{ dishId: r.burger.id, variationId: r.burger.variations[0].id, quantity: 2 }], card);
    await sell(
      [
        { dishId: r.beer.id, quantity: 3 },
        { dishId: r.fries.id, quantity: 1 },
      ],
      cash,
    );
    // Cash tips the waiter declares, for the reports' Tips section.
    await as(t, waiter.session).post('/api/v1/tips/declared').send({ amount: 300 }).expect(201);
    // The figures the reports compute (net before tax, gross with it): read once, to compare the page's
    // formatting with.
    const day = (await as(t, admin).get('/api/v1/reports/shift').expect(200)).body as {
      businessDay: string;
      sales: { salesExclTax: number; salesInclTax: number };
    };
    businessDay = day.businessDay;
    // A price changed after the sales, for the audit log to say in words.
    const regular = r.burger.variations.find((variation) => variation.name === 'Regular')!;
    await as(t, admin)
      .patch(`/api/v1/dishes/${r.burger.id}/variations/${regular.id}`)
      .send({ price: 1250 })
      .expect(200);
    priceChange = `${r.burger.name} (Regular) · Price: €12.00 → €12.50`;
    netSales = day.sales.salesExclTax;
    grossSales = day.sales.salesInclTax;
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    if (tseFolder) rmSync(tseFolder, { recursive: true, force: true });
  });

  const euros = (minor: number) => `€${(minor / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  const section = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  /** Clicks a download button and answers the file's name and bytes. */
  async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return { name: file.suggestedFilename(), bytes: await downloadedBytes(file) };
  }

  it('shows the day’s reports, closes the day with its Z report, lists the unit, the audit log and IP blocks', async () => {
    const context = await browser.newContext({
      viewport: LAPTOP,
      serviceWorkers: 'block',
      acceptDownloads: true,
    });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${t.url}/back-office`);
    await signInToBackOffice(page, ADMIN);
    await page.locator('[data-figure="salesExclTax"]').waitFor();

    // Reports: the open business day, its totals as a manager reads them.
    await page.getByRole('navigation').getByRole('link', { name: 'Reports' }).click();
    await page.getByRole('heading', { name: 'Reports', level: 1 }).waitFor();
    const net = page.locator('#reports [data-figure="salesExclTax"]');
    await net.filter({ hasText: euros(netSales) }).waitFor();
    expect(await page.locator('#reports [data-figure="salesInclTax"]').textContent()).toBe(euros(grossSales));
    expect(await page.locator('#reports [data-figure="orders"]').textContent()).toBe('2');
    const methods = page.getByRole('table', { name: 'Payment methods' });
    for (const [name, amount] of Object.entries(paid)) {
      await methods
        .getByRole('row')
        .filter({ hasText: name })
        .filter({ hasText: euros(amount) })
        .waitFor();
    }
    const dishes = page.getByRole('table', { name: 'Dishes' });
    const cell = (text: string) => page.getByRole('cell', { name: text, exact: true });
    await dishes
      .getByRole('row')
      .filter({ has: cell(`${r.burger.name} (${r.burger.variations[0].name})`) })
      .filter({ has: cell('2') })
      .waitFor();
    await dishes
      .getByRole('row')
      .filter({ hasText: r.beer.name })
      .filter({ has: cell('3') })
      .waitFor();
    // The table adds up to the sales: its last line is the item sales, 2 × 16.50 + 3 × 5.50 + 4.50 = 54.00.
    await dishes
      .getByRole('row')
      .last()
      .filter({ has: cell('Item sales') })
      .filter({ has: cell('€54.00') })
      .waitFor();
    // Inventory: the two burgers took 300 g of beef by their recipe; food cost: 2 × 1.50 against their sales.
    await page
      .getByRole('table', { name: 'Inventory variance' })
      .getByRole('row')
      .filter({ has: cell('Beef') })
      .filter({ has: cell('300 g') })
      .waitFor();
    await page
      .getByRole('table', { name: 'Food cost' })
      .getByRole('row')
      .filter({ has: cell(r.burger.name) })
      .filter({ has: cell('€3.00') })
      .waitFor();
    // Tips per person and day: the waiter by name, with the cash tips declared, owed still.
    await page
      .getByRole('table', { name: 'Tips', exact: true })
      .getByRole('row')
      .filter({ has: cell(displayNameOf(waiter)) })
      .filter({ has: cell('€3.00') })
      .waitFor();
    expect(await page.locator('#sales-days rect[data-day]').count()).toBe(1);
    expect(await page.locator('#sales-hours rect[data-hour]').count()).toBeGreaterThan(0);
    const csv = await download(page, () =>
      section(page, 'Dishes').getByRole('button', { name: 'Download CSV' }).click(),
    );
    expect(csv.name).toMatch(/\.csv$/);
    const lines = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toMatch(/^[a-zA-Z,]+$/);
    expect(lines.some((line) => line.includes(r.burger.name))).toBe(true);
    expect(lines.some((line) => line.includes(r.beer.name))).toBe(true);
    // The same rows to print: a PDF beside the CSV, named by the API.
    const printed = await download(page, () =>
      section(page, 'Dishes').getByRole('button', { name: 'Download PDF' }).click(),
    );
    expect(printed.name).toMatch(/^dishes-[\d-]+\.pdf$/);
    const { text } = readPdf(printed.bytes);
    expect(text).toContain('Dishes and modifiers');
    for (const name of [r.burger.name, r.beer.name]) expect(text).toContain(name);
    await keepScreenshots(page, 'back-office-reports');

    // Days are written as people write dates, not as the API's ISO form.
    const shownDay = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' }).format(
      new Date(`${businessDay}T00:00:00Z`),
    );
    // A second tab on the close screen learns of the close made in the first without being reloaded.
    const other = await context.newPage();
    const otherProblems = watchProblems(other);
    await other.goto(`${t.url}/back-office`);
    await signInToBackOffice(other, ADMIN);
    await other.locator('[data-figure="salesExclTax"]').waitFor();
    await other.getByRole('navigation').getByRole('link', { name: 'Close the day' }).click();
    await section(other, `Business day ${shownDay} (open)`).waitFor();

    // Close: nothing blocks it but the uncounted cash; confirmed, the Z report is shown and its PDF downloaded.
    await page.getByRole('navigation').getByRole('link', { name: 'Close the day' }).click();
    const openDay = section(page, `Business day ${shownDay} (open)`);
    await openDay.getByText('0 orders still open · €0.00 due').waitFor();
    await openDay.getByText('0 cash drawers still open').waitFor();
    await keepScreenshots(page, 'back-office-close-open');
    await openDay.getByRole('button', { name: 'Close the business day' }).click();
    await openDay.getByRole('button', { name: 'Yes, close the day' }).click();
    // Cash was taken and no drawer counted: the manager is asked first, then closes without a count.
    await page.getByRole('button', { name: 'Close without a count' }).click();
    const z = section(page, `Z report 1 · ${shownDay}`);
    await z.waitFor();
    await z
      .getByRole('row')
      .filter({ hasText: 'Net sales (excl. tax)' })
      .filter({ hasText: euros(netSales) })
      .waitFor();
    await z
      .getByRole('row')
      .filter({ hasText: 'Gross sales (incl. tax)' })
      .filter({ hasText: euros(grossSales) })
      .waitFor();
    await section(page, 'Closed days').getByText(`Z 1 · ${shownDay}`).waitFor();
    await section(other, 'Closed days').getByText(`Z 1 · ${shownDay}`).waitFor();
    await section(other, `Business day ${shownDay} (open)`).waitFor({ state: 'detached' });
    expect(otherProblems).toEqual([]);
    await other.close();
    const pdf = await download(page, () => z.getByRole('button', { name: 'Download PDF' }).click());
    expect(pdf.name).toBe(`z-report-${businessDay}.pdf`);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    // The printed Z report in the screen's language, under the screen's names.
    const printedZ = readPdf(pdf.bytes).text;
    for (const line of ['Z report 1', `Business day ${shownDay}`, 'Net sales (excl. tax)', euros(netSales)]) {
      expect(printedZ).toContain(line);
    }
    await keepScreenshots(page, 'back-office-close-z-report');

    // Fiscal: the simulated unit that signed the two receipts.
    await page.getByRole('navigation').getByRole('link', { name: 'Fiscal' }).click();
    const units = section(page, 'Signing units');
    await units.getByText('Simulated TSE').first().waitFor();
    await units.locator('article.unit[data-reachable="true"]').first().waitFor();
    await units.getByText('answers').first().waitFor();
    await keepScreenshots(page, 'back-office-fiscal');

    // Security: the close and the price change in the audit log, in words; an address blocked, then lifted.
    await page.getByRole('navigation').getByRole('link', { name: 'Audit & security' }).click();
    const audit = page.getByRole('table', { name: 'Audit log' });
    const closed = audit.getByRole('row').filter({ hasText: 'Day closed' });
    await closed.waitFor();
    expect(await closed.getByRole('cell').nth(2).textContent()).toBe('Day closed');
    const repriced = audit.getByRole('row').filter({ hasText: 'Price changed' });
    expect(await repriced.getByRole('cell').nth(1).textContent()).toBe('Administrator');
    expect(await repriced.getByRole('cell').nth(3).textContent()).toBe(priceChange);
    const auditForm = page.locator('form#audit-filter');
    await auditForm.getByLabel('Action').selectOption({ label: 'Day closed' });
    await auditForm.getByRole('button', { name: 'Filter' }).click();
    await section(page, 'Audit log').getByText('Page 1 of 1 (1 in all)').waitFor();
    expect(await audit.getByRole('row').count()).toBe(2);

    const blocks = section(page, 'Blocked addresses');
    await blocks.getByLabel('Address or range').fill('not an address');
    await blocks.getByLabel('Reason').fill('Credential stuffing');
    await blocks.getByRole('button', { name: 'Block' }).click();
    await page.locator('#ip-block-range-error').waitFor();
    await blocks.getByLabel('Address or range').fill('203.0.113.0/24');
    await blocks.getByRole('button', { name: 'Block' }).click();
    const block = blocks
      .getByRole('listitem')
      .filter({ hasText: '203.0.113.0/24 · Credential stuffing · by hand' });
    await block.filter({ hasText: /since/ }).waitFor();
    await keepScreenshots(page, 'back-office-security');
    await block.getByRole('button', { name: 'Lift' }).click();
    await block.filter({ hasText: '· lifted' }).waitFor();
    expect(await block.getByRole('button', { name: 'Lift' }).count()).toBe(0);
    await section(page, 'Security events')
      .getByRole('row')
      .filter({ hasText: 'Address block lifted' })
      .first()
      .waitFor();

    expect(problems).toEqual([]);
    await context.close();
  });

  it("filters the audit log by the restaurant's days, whatever the browser's time zone", async () => {
    // The restaurant keeps UTC and the test before closed the day at 10:00 UTC. In Pago Pago (UTC−11) the browser's own
    // midnight would start that day at 11:00 UTC, after the close: only the restaurant's day finds it.
    const context = await browser.newContext({ viewport: LAPTOP, timezoneId: 'Pacific/Pago_Pago' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${t.url}/back-office`);
    await signInToBackOffice(page, ADMIN);
    await page.locator('[data-figure="salesExclTax"]').waitFor();
    await page.getByRole('navigation').getByRole('link', { name: 'Audit & security' }).click();
    const auditForm = page.locator('form#audit-filter');
    await auditForm.getByLabel('Action').selectOption({ label: 'Day closed' });
    await auditForm.getByLabel('From', { exact: true }).fill(businessDay);
    await auditForm.getByLabel('To', { exact: true }).fill(businessDay);
    await auditForm.getByRole('button', { name: 'Filter' }).click();
    await section(page, 'Audit log').getByText('Page 1 of 1 (1 in all)').waitFor();
    const audit = page.getByRole('table', { name: 'Audit log' });
    await audit.getByRole('row').filter({ hasText: 'Day closed' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
