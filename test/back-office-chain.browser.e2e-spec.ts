/**
 * A chain's back offices in a real browser: at headquarters (a service process with POS_ROLE=hq) the admin adds a
 * group and a site and reads its link code; in the site's own back office its admin links it with that code;
 * a sale at the site then shows on headquarters' live board without a reload, and in the chain's sales. No API
 * call here but the pages' own, and the site's waiter who sells.
 */
import { Role } from '../src/common/access/role';
import { CHROMIUM, describeInBrowser, fillForm, keepScreenshots } from './support/browser';
import { chainInBrowser, HQ_NAVIGATION } from './support/chain-fixture';
import { as, loginAdmin, newStaff } from './support/clients';
import { factories } from './support/factories';

describeInBrowser(`A chain's back offices in a real browser (${CHROMIUM})`, () => {
  const chain = chainInBrowser();

  it('adds a site at headquarters, links it from its own back office, and shows its sale live', async () => {
    const { hq } = chain;
    const site = chain.sites[0].service;
    const atHq = await chain.backOffice(hq.url, '');
    // Headquarters opens on its live board, and lists its own screens, not a restaurant's.
    await atHq.page.getByRole('heading', { name: 'Sites today', level: 1 }).waitFor();
    const navigation = atHq.page.getByRole('navigation', { name: 'Screens' });
    expect(await navigation.getByRole('link').allTextContents()).toEqual(HQ_NAVIGATION);
    await atHq.page.getByText('No site yet.').waitFor();

    await navigation.getByRole('link', { name: 'Sites', exact: true }).click();
    await atHq.page.getByRole('heading', { name: 'Sites', level: 1 }).waitFor();
    await fillForm(atHq.page, 'site-group', { 'Group name': 'Berlin' });
    await atHq.page.locator('form#site-group').getByRole('button', { name: 'Add the group' }).click();
    await atHq.page.getByRole('table', { name: 'Site groups' }).getByText('Berlin').waitFor();
    // No country chosen: the API's refusal beside the field, and nothing added.
    await fillForm(atHq.page, 'site', {
      Name: 'Zur Linde, Mitte',
      'Tax ID': 'DE123456789',
      'Time zone': 'Europe/Berlin',
      Currency: 'EUR',
    });
    await atHq.page
      .locator('form#site')
      .getByLabel('Address (one line each)')
      .fill('Lindenstraße 1\n10115 Berlin');
    await atHq.page.locator('form#site').getByRole('checkbox', { name: 'Berlin' }).check();
    await atHq.page.locator('form#site').getByRole('button', { name: 'Add the site' }).click();
    await atHq.page.locator('#site-country-error').waitFor();
    await fillForm(atHq.page, 'site', { Country: 'Germany' });
    await atHq.page.locator('form#site').getByRole('button', { name: 'Add the site' }).click();
    const shownCode = atHq.page.getByLabel('The link code for Zur Linde, Mitte');
    await shownCode.waitFor();
    const code = (await shownCode.textContent())!.trim();
    expect(code).toMatch(/^[2-9A-HJ-NP-Z]{12}$/);
    const listed = atHq.page.getByRole('list', { name: 'The sites' }).getByRole('listitem');
    await listed.filter({ hasText: 'Zur Linde, Mitte' }).filter({ hasText: 'awaiting its link' }).waitFor();
    expect(await listed.first().textContent()).toContain('Berlin');
    await keepScreenshots(atHq.page, 'back-office-chain-sites');
    await atHq.page.getByRole('button', { name: 'I have stored it' }).click();

    // The site's admin links it in the site's own back office.
    const atSite = await chain.backOffice(site.url, 'headquarters');
    await atSite.page.getByRole('heading', { name: 'Headquarters', level: 1 }).waitFor();
    await atSite.page.getByText('This restaurant is not linked to a headquarters.').waitFor();
    await fillForm(atSite.page, 'hq-link', {
      'Address of headquarters': hq.url,
      'Link code': 'WRONGCODE234',
    });
    await atSite.page.locator('form#hq-link').getByRole('button', { name: 'Link' }).click();
    await atSite.page.locator('#hq-link-code-error').waitFor();
    await fillForm(atSite.page, 'hq-link', { 'Link code': code });
    await atSite.page.locator('form#hq-link').getByRole('button', { name: 'Link' }).click();
    const linkState = atSite.page.getByRole('definition').filter({ hasText: 'Linked' }).first();
    await linkState.waitFor();
    await atSite.page.locator('form#hq-link').waitFor({ state: 'detached' });
    await keepScreenshots(atSite.page, 'back-office-chain-site-linked');

    // Headquarters' board shows the site's day, then its sale, without a reload.
    await navigation.getByRole('link', { name: 'Sites today' }).click();
    const board = atHq.page.getByRole('table', { name: 'Sites today' });
    const siteRow = board.getByRole('row').filter({ hasText: 'Zur Linde, Mitte' });
    // The site's business day as a date is written in English (Nov 28, 2026), not the API's ISO date.
    await siteRow.filter({ hasText: /[A-Z][a-z]{2} \d{1,2}, \d{4}/ }).waitFor();
    expect(await siteRow.filter({ hasText: /\d{4}-\d{2}-\d{2}/ }).count()).toBe(0);
    const admin = await loginAdmin(site);
    const restaurant = await factories(site, admin).newRestaurant();
    const waiter = await newStaff(site, Role.Waiter);
    const methods = (await as(site, admin).get('/api/v1/payment-methods').expect(200)).body.items as Array<{
      id: string;
      kind: string;
    }>;
    const order = await as(site, waiter.session)
      .post('/api/v1/orders')
      .send({ type: 'takeaway', items: [{ dishId: restaurant.beer.id, quantity: 2 }] })
      .expect(201);
    await as(site, waiter.session)
      .post(`/api/v1/orders/${order.body.id}/payments`)
      .send({ methodId: methods.find((method) => method.kind === 'cash')!.id, amount: order.body.total })
      .expect(201);
    await as(site, waiter.session)
      .patch(`/api/v1/orders/${order.body.id}/status`)
      .send({ status: 'closed' })
      .expect(200);
    expect(order.body.total).toBe(1100);
    await siteRow.filter({ hasText: '€11.00' }).waitFor();
    await board
      .getByRole('row')
      .filter({ hasText: 'All sites (EUR)' })
      .filter({ hasText: '€11.00' })
      .waitFor();
    await keepScreenshots(atHq.page, 'back-office-chain-live');

    await navigation.getByRole('link', { name: 'Chain sales' }).click();
    await atHq.page.getByRole('heading', { name: 'Chain sales', level: 1 }).waitFor();
    await atHq.page.getByLabel('By').selectOption({ label: 'Group' });
    await atHq.page.getByRole('button', { name: 'Show' }).click();
    await atHq.page
      .getByRole('table', { name: 'Chain sales' })
      .getByRole('row')
      .filter({ hasText: 'Berlin' })
      .filter({ hasText: '€11.00' })
      .waitFor();
    await keepScreenshots(atHq.page, 'back-office-chain-sales');

    expect(atHq.problems).toEqual([]);
    expect(atSite.problems).toEqual([]);
  });
});
