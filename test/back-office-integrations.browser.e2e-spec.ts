/**
 * The integrations screen in a real browser: the admin issues an API key (its secret shown once, and it works),
 * revokes it (then it is refused), subscribes a local receiver as a webhook, sees the delivery of an event the
 * key caused and redelivers it. No API call here but the pages' own, the key's, and the dish it marks sold out.
 */
import type { Browser, Page } from 'playwright-core';
import { ApiKeyUsage } from '../src/auth/api-keys/usage/api-key-usage.service';
import {
  CHROMIUM,
  describeInBrowser,
  keepScreenshots,
  openChromium,
  watchProblems,
  LAPTOP,
  signInToBackOffice,
} from './support/browser';
import { loginAdmin, withKey } from './support/clients';
import { factories } from './support/factories';
import { ADMIN, startTestApp, type TestApp } from './support/test-app';
import { WebhookReceiver } from './support/webhook-receiver';

describeInBrowser(`The back office's integrations screen in a real browser (${CHROMIUM})`, () => {
  let t: TestApp;
  let browser: Browser;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    t = await startTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_TIMEOUT_MS: '1000' });
    receiver = await WebhookReceiver.start();
    browser = await openChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await receiver?.close();
    await t?.close();
  });

  const rowOf = (page: Page, table: string, text: string | RegExp) =>
    page.getByRole('table', { name: table }).getByRole('row').filter({ hasText: text });

  it('issues a key that works until it is revoked, and shows and redelivers a webhook’s deliveries', async () => {
    // The menu screen's part: a dish the key can mark sold out, which raises an event.
    const admin = await loginAdmin(t);
    const make = factories(t, admin);
    const station = await make.newStation('Grill');
    const category = await make.newCategory('Mains');
    const dish = await make.newDish({
      name: 'Burger',
      categoryId: category.id,
      stationId: station.id,
      price: 1200,
    });

    const context = await browser.newContext({ viewport: LAPTOP, serviceWorkers: 'block' });
    context.setDefaultTimeout(10_000);
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(`${t.url}/back-office#/integrations`);
    await signInToBackOffice(page, ADMIN);
    await page.getByRole('heading', { name: 'Integrations', level: 1 }).waitFor();

    // A key without scopes: the API's refusal beside the scopes.
    const keyForm = page.locator('form#api-key');
    await keyForm.getByLabel('Name').fill('Menu sync');
    await keyForm.getByRole('button', { name: 'Issue the key' }).click();
    await page.locator('#api-key-scopes-error').waitFor();
    await keyForm.getByRole('checkbox', { name: 'menu:read' }).check();
    await keyForm.getByRole('checkbox', { name: 'menu:write' }).check();
    await keyForm.getByRole('button', { name: 'Issue the key' }).click();
    const secret = page.getByLabel('The key Menu sync');
    await secret.waitFor();
    const key = (await secret.textContent())!.trim();
    expect(key).toMatch(/^pos_[\w-]{32}$/);
    await rowOf(page, 'API keys', 'Menu sync').filter({ hasText: 'menu:read, menu:write' }).waitFor();
    await keepScreenshots(page, 'back-office-integrations-key-issued');
    // Shown once: dismissed, it is gone from the page, and the list shows its prefix only.
    await page.getByRole('button', { name: 'I have stored it' }).click();
    await secret.waitFor({ state: 'detached' });
    expect(await page.getByText(key).count()).toBe(0);
    expect(await rowOf(page, 'API keys', 'Menu sync').textContent()).toContain(key.slice(0, 12));

    // The key works.
    const dishes = await withKey(t, key).get('/api/v1/dishes');
    expect(dishes.status).toBe(200);

    // A webhook to the local receiver, for dishes marked sold out.
    const hookForm = page.locator('form#webhook');
    await hookForm.getByLabel('Address (URL)').fill(receiver.url('/pos'));
    await hookForm.getByLabel('Description').fill('Menu mirror');
    await hookForm.getByRole('checkbox', { name: 'menu.availability_changed' }).check();
    await hookForm.getByRole('button', { name: 'Subscribe' }).click();
    const signing = page.getByLabel(`Signing secret for ${receiver.url('/pos')}`);
    expect((await signing.textContent())!.trim()).toMatch(/^whsec_/);
    await page.getByRole('button', { name: 'I have stored it' }).click();
    const hookRow = rowOf(page, 'Webhooks', 'Menu mirror');
    await hookRow.filter({ hasText: 'enabled' }).waitFor();
    await hookRow.getByRole('button', { name: 'Deliveries' }).click();
    const deliveries = `Deliveries to ${receiver.url('/pos')}`;
    await page.getByRole('region', { name: deliveries }).getByText('Nothing sent yet.').waitFor();

    // The key marks the dish sold out: the receiver gets the event, the log lists it as delivered.
    const soldOut = await withKey(t, key)
      .patch(`/api/v1/dishes/${dish.id}/availability`)
      .send({ available: false });
    expect(soldOut.status).toBe(200);
    await receiver.arrived('/pos', 1);
    const delivered = rowOf(page, deliveries, 'menu.availability_changed').filter({ hasText: 'delivered' });
    await delivered.filter({ hasText: '200' }).waitFor();
    await keepScreenshots(page, 'back-office-integrations-delivered');

    // Redelivered: the receiver gets the same delivery a second time, and the log lists the resend.
    await delivered.first().getByRole('button', { name: 'Redeliver' }).click();
    const [first, second] = await receiver.arrived('/pos', 2);
    expect(second.headers['x-webhook-id']).toBeDefined();
    expect(second.body).toEqual(first.body);
    await rowOf(page, deliveries, 'sent again').filter({ hasText: 'delivered' }).waitFor();
    await keepScreenshots(page, 'back-office-integrations-redelivered');

    // The key's usage, once counted (the service writes its counts every few seconds).
    await t.app.get(ApiKeyUsage).flush();
    await rowOf(page, 'API keys', 'Menu sync').getByRole('button', { name: 'Usage' }).click();
    const usage = page.getByRole('region', { name: 'Usage of Menu sync, last 7 days' });
    await usage.getByText('2 requests, 0 of them refused or failed.').waitFor();
    await usage.getByText('/api/v1/dishes/:id/availability').waitFor();
    await keepScreenshots(page, 'back-office-integrations-key-usage');

    // Revoked: the list says so and the key is refused at once.
    await rowOf(page, 'API keys', 'Menu sync').getByRole('button', { name: 'Revoke' }).click();
    await rowOf(page, 'API keys', 'Menu sync').filter({ hasText: 'revoked' }).waitFor();
    expect((await withKey(t, key).get('/api/v1/dishes')).status).toBe(401);

    // Disabled, then deleted with its deliveries.
    await hookRow.getByRole('button', { name: 'Disable' }).click();
    await hookRow.filter({ hasText: 'disabled' }).waitFor();
    await hookRow.getByRole('button', { name: 'Delete' }).click();
    await hookRow.getByRole('button', { name: 'Delete with its deliveries' }).click();
    await page.getByRole('region', { name: 'Webhooks', exact: true }).getByText('Nothing yet.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
