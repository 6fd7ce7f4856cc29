/**
 * The walk's first part (back-office-walk.ts): from the sign-in page to the end of the setup guide.
 */
import type { Page } from 'playwright-core';
import { signInToBackOffice } from './browser';
import { escape, RESTAURANT, type WalkHelpers } from './back-office-walk-helpers';
import { FakePrinter } from './fake-printers';
import { regionNamesIn } from './untranslated';
import { ADMIN } from './test-app';

/** Where the manager's browser is: the guide offers its time zone. */
export const BROWSER_TIME_ZONE = 'Europe/Berlin';

/** Keeps a screen, and in German checks it: the walk's `shows`. */
export type Shows = (page: Page, name: string) => Promise<void>;

/**
 * Signs the admin in and walks the guide from an empty database, with a printer added when the guide is resumed;
 * answers the kitchen screen's pairing code. `data` gains the names the walk learns (the code, the printer).
 */
export async function walkTheGuide(
  page: Page,
  w: WalkHelpers,
  { url, shows, data }: { url: string; shows: Shows; data: string[] },
): Promise<string> {
  const {
    language,
    english,
    pattern,
    formats,
    money,
    typed,
    bo,
    guide,
    step,
    fill,
    submit,
    save,
    next,
    open,
  } = w;
  await page.goto(`${url}/back-office`);
  if (language !== 'en') {
    await page.getByRole('combobox', { name: english.say('language.label') }).selectOption(language);
  }
  await page.getByRole('button', { name: bo('signIn.submit') }).waitFor();
  await shows(page, 'sign-in');
  await signInToBackOffice(page, ADMIN, {
    username: bo('signIn.username'),
    password: bo('signIn.password'),
    submit: bo('signIn.submit'),
  });

  // No dish yet: the guide opens by itself. The profile first: the time zone offered is the browser's (the
  // settings' UTC is nowhere a restaurant is), the country chosen by its name; a currency that is no code is
  // refused beside its field.
  await page.getByRole('heading', { name: guide('heading') }).waitFor();
  await step(page)
    .getByRole('heading', { name: guide('profile.title') })
    .waitFor();
  const profile = page.locator('form#restaurant-profile');
  expect(await profile.getByLabel(guide('profile.name'), { exact: true }).inputValue()).toBe(RESTAURANT);
  expect(await profile.getByLabel(guide('profile.timezone'), { exact: true }).inputValue()).toBe(
    BROWSER_TIME_ZONE,
  );
  await fill(page, 'restaurant-profile', {
    [guide('profile.address')]: 'Lindenstraße 1\n10115 Berlin',
    [guide('profile.taxId')]: 'DE123456789',
    [guide('profile.currency')]: 'Euro',
    [guide('profile.country')]: new Intl.DisplayNames([language], { type: 'region' }).of('DE')!,
    // A German manager makes the restaurant German: its receipts, and the names the service gave (Bar, Karte).
    ...(language === 'de' ? { [guide('profile.locale')]: guide('profile.locales.deDE') } : {}),
  });
  await submit(page, 'restaurant-profile', bo('form.save'));
  await page.locator('#restaurant-profile-currency-error').waitFor();
  await fill(page, 'restaurant-profile', { [guide('profile.currency')]: 'EUR' });
  await submit(page, 'restaurant-profile', bo('form.save'));
  await page.getByRole('button', { name: new RegExp(`^${escape(guide('profile.title'))} ✓`) }).waitFor();
  // The country list is the browser's own names for them, in the page's language.
  data.push(...(await regionNamesIn(page, language)));
  await shows(page, 'guide-profile');
  await next(page);

  // The country's rates in one click.
  await step(page)
    .getByRole('heading', { name: guide('taxes.title') })
    .waitFor();
  await step(page)
    .getByRole('button', { name: pattern('backOffice.guide.taxes.preset') })
    .click();
  await step(page)
    .getByRole('status')
    .filter({ hasText: guide('taxes.presetApplied', { count: 2 }) })
    .waitFor();
  const rate = (text: string) =>
    step(page)
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`^${escape(text)}$`) })
      .waitFor();
  await rate(guide('taxes.defaultMark', { name: 'VAT 19 %', percent: formats.percent(19) }));
  await rate(guide('taxes.row', { name: 'VAT 7 %', percent: formats.percent(7) }));
  await shows(page, 'guide-taxes');
  await next(page);

  await step(page)
    .getByRole('heading', { name: guide('payments.title') })
    .waitFor();
  await fill(page, 'payment-method', {
    [guide('payments.name')]: 'Voucher',
    [guide('payments.kind')]: guide('payments.kinds.other'),
  });
  await save(
    page,
    'payment-method',
    bo('form.add'),
    guide('payments.row', { name: 'Voucher', kind: guide('payments.kinds.other') }),
  );
  await shows(page, 'guide-payments');
  await next(page);

  // The API's field error beside its field: a PIN of two digits.
  await step(page)
    .getByRole('heading', { name: guide('staff.title') })
    .waitFor();
  const person = (name: string, username: string, role: string, pin: string) => ({
    [guide('staff.displayName')]: name,
    [guide('staff.username')]: username,
    [guide('staff.role')]: guide(`staff.roles.${role}`),
    [guide('staff.pin')]: pin,
  });
  await fill(page, 'staff-member', person('Wanda', 'wanda', 'waiter', '12'));
  await submit(page, 'staff-member', bo('form.add'));
  const pinError = page.locator('#staff-member-pin-error');
  await pinError.waitFor();
  expect(await pinError.textContent()).toMatch(/\S/);
  expect(await page.locator('#staff-member-displayName-error').count()).toBe(0);
  await shows(page, 'guide-staff-field-error');
  await fill(page, 'staff-member', { [guide('staff.pin')]: '2468' });
  const staffRow = (name: string, role: string) =>
    guide('staff.row', { name, role: guide(`staff.roles.${role}`) });
  await save(page, 'staff-member', bo('form.add'), staffRow('Wanda', 'waiter'));
  await fill(page, 'staff-member', person('Karl', 'karl', 'kitchen', '1357'));
  await save(page, 'staff-member', bo('form.add'), staffRow('Karl', 'kitchen'));
  await next(page);

  await step(page)
    .getByRole('heading', { name: guide('floor.title') })
    .waitFor();
  await fill(page, 'room', { [guide('floor.roomName')]: 'Terrace' });
  await save(page, 'room', guide('floor.addRoom'), 'Terrace');
  await fill(page, 'table', {
    [guide('floor.tableName')]: 'T1',
    [guide('floor.seats')]: '0',
    [guide('floor.room')]: 'Terrace',
  });
  await submit(page, 'table', guide('floor.addTable'));
  await page.locator('#table-seats-error').waitFor();
  await fill(page, 'table', { [guide('floor.seats')]: '4' });
  await save(
    page,
    'table',
    guide('floor.addTable'),
    guide('floor.tableRow', { name: 'T1', room: 'Terrace', seats: 4 }),
  );
  await shows(page, 'guide-floor');
  await next(page);

  await step(page)
    .getByRole('heading', { name: guide('menu.title') })
    .waitFor();
  // Two stations, as a restaurant has them: the grill, and a bar that will have no screen.
  for (const station of ['Grill', 'Bar']) {
    await fill(page, 'station', { [guide('menu.stationName')]: station });
    await save(page, 'station', guide('menu.addStation'), station);
  }
  for (const category of ['Mains', 'Drinks']) {
    await fill(page, 'category', { [guide('menu.categoryName')]: category });
    await save(page, 'category', guide('menu.addCategory'), category);
  }
  const price = guide('menu.price', { currency: 'EUR' });
  await fill(page, 'dish', {
    [guide('menu.dishName')]: 'Burger',
    [guide('menu.category')]: 'Mains',
    [price]: 'cheap',
    [guide('menu.station')]: 'Grill',
  });
  await submit(page, 'dish', guide('menu.addDish'));
  await page
    .locator('#dish-price-error')
    .filter({ hasText: bo('form.notAmount') })
    .waitFor();
  await fill(page, 'dish', { [price]: typed(850) });
  await save(
    page,
    'dish',
    guide('menu.addDish'),
    guide('menu.dishRow', { name: 'Burger', price: money(850) }),
  );
  await fill(page, 'dish', {
    [guide('menu.dishName')]: 'Cola',
    [guide('menu.category')]: 'Drinks',
    [price]: typed(350),
    [guide('menu.station')]: 'Bar',
  });
  await save(page, 'dish', guide('menu.addDish'), guide('menu.dishRow', { name: 'Cola', price: money(350) }));
  await shows(page, 'guide-menu');
  await next(page);

  await step(page)
    .getByRole('heading', { name: guide('kitchen.title') })
    .waitFor();
  await fill(page, 'kitchen-screen', { [guide('kitchen.name')]: 'Grill screen' });
  // One screen for every station unless the manager leaves one out: the bar is left out, it has no screen.
  const screenFor = (station: string) =>
    page.locator('form#kitchen-screen').getByRole('checkbox', { name: station });
  expect(await screenFor('Grill').isChecked()).toBe(true);
  expect(await screenFor('Bar').isChecked()).toBe(true);
  await screenFor('Bar').uncheck();
  await submit(page, 'kitchen-screen', guide('kitchen.add'));
  const code = page.getByLabel(guide('kitchen.codeFor', { name: 'Grill screen' }));
  await code.waitFor();
  const pairingCode = (await code.textContent())!.trim();
  expect(pairingCode).toMatch(/^[A-Z2-9]{8}$/);
  // Readable across a kitchen: at least 60 CSS pixels high.
  expect(
    parseFloat(
      await page.evaluate<string>("getComputedStyle(document.querySelector('.pairing-code')).fontSize"),
    ),
  ).toBeGreaterThanOrEqual(60);
  data.push(pairingCode);
  await shows(page, 'guide-kitchen');
  await next(page);

  // The printer can wait: skipped, and the guide says so when it is opened again.
  await step(page)
    .getByRole('heading', { name: guide('printer.title') })
    .waitFor();
  await shows(page, 'guide-printer');
  await step(page)
    .getByRole('button', { name: guide('skip') })
    .click();

  await step(page)
    .getByRole('heading', { name: guide('waiter.title') })
    .waitFor();
  const address = step(page).getByLabel(guide('waiter.address'));
  expect((await address.textContent())!.trim()).toBe(`${url}/waiter`);
  await shows(page, 'guide-waiter');
  await next(page);
  await page.locator('[data-figure="salesExclTax"]').waitFor();
  await shows(page, 'home-empty');

  // Left and resumed: the guide opens on the first step the restaurant has not done.
  await page.reload();
  await page.locator('[data-figure="salesExclTax"]').waitFor();
  await open(page, 'setup');
  await page
    .getByRole('button', { name: guide('printer.title'), exact: true })
    .and(page.locator('[aria-current="step"]'))
    .waitFor();

  // The printer skipped before, added now, with a test page it prints.
  const counter = await FakePrinter.start();
  try {
    await fill(page, 'printer', {
      [guide('printer.name')]: 'Counter',
      [guide('printer.kind')]: guide('printer.kinds.receipt'),
      [guide('printer.host')]: '127.0.0.1',
      [guide('printer.port')]: String(counter.port),
    });
    await save(
      page,
      'printer',
      bo('form.add'),
      `${guide('printer.row', { name: 'Counter', host: '127.0.0.1', port: counter.port })} ${guide('printer.testPrint')}`,
    );
    data.push(`127.0.0.1:${counter.port}`);
    await step(page)
      .getByRole('button', { name: guide('printer.testPrint') })
      .click();
    await step(page)
      .getByRole('status')
      .filter({ hasText: guide('printer.testSent', { name: 'Counter' }) })
      .waitFor();
    await counter.waitFor(1);
    expect(counter.tickets[0]).toEqual(expect.arrayContaining(['TEST PRINT', 'Counter']));
    await shows(page, 'guide-printer-added');
  } finally {
    await counter.down();
  }
  return pairingCode;
}
