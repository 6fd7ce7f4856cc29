/**
 * What the back office walk (back-office-walk.ts) says and does on a page, in one language: the catalogues' texts by
 * key, money as the page writes it, and the forms, steps and screens as a person reaches them.
 */
import { downloadedBytes, fillForm } from './browser';
import type { Locator, Page } from 'playwright-core';
import { CATALOGUES } from '../../src/i18n/catalogues';
import { Formats } from '../../src/i18n/formats';
import { formatLocaleOf, type Language } from '../../src/i18n/languages';
import { createTranslator } from '../../src/i18n/translator';

export const RESTAURANT = 'Chez Test';
/** The locale a restaurant starts in: English, until the German walk's manager chooses German in the guide. */
export const RESTAURANT_LOCALE = 'en';
/** The restaurant's locale once its manager walked the guide in `language`. */
export const restaurantLocaleOf = (language: Language) => (language === 'de' ? 'de-DE' : RESTAURANT_LOCALE);

export const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The texts of one language, looked up by key like the pages do. */
function wordsOf(language: Language) {
  const translate = createTranslator(language, Object.values(CATALOGUES));
  const say = (key: string, values?: Record<string, unknown>): string => String(translate(key, values));
  /** A text as a whole-text pattern: the values given filled in, any placeholder left matching anything. */
  const pattern = (key: string, values?: Record<string, unknown>): RegExp =>
    new RegExp(
      `^${say(key, values)
        .split(/\{\{\s*\w+\s*\}\}/)
        .map(escape)
        .join('.+')}$`,
    );
  return { say, pattern };
}

/** The walk's words and moves in `language`. */
export function walkHelpers(language: Language) {
  const english = wordsOf('en');
  const { say, pattern } = wordsOf(language);
  const formats = new Formats({
    locale: formatLocaleOf(language, restaurantLocaleOf(language)),
    timeZone: 'Europe/Berlin',
    currency: 'EUR',
  });
  const money = (minor: number) => formats.money(minor);
  /** An amount as a person of this language types it: "8.50", "8,50". */
  const typed = (minor: number) => (minor / 100).toFixed(2).replace('.', language === 'de' ? ',' : '.');
  const bo = (key: string, values?: Record<string, unknown>) => say(`backOffice.${key}`, values);
  const guide = (key: string, values?: Record<string, unknown>) => bo(`guide.${key}`, values);
  const screen = (key: string, values?: Record<string, unknown>) => bo(`opsScreens.${key}`, values);
  const reports = (key: string, values?: Record<string, unknown>) => bo(`reportsScreens.${key}`, values);
  const menu = (key: string, values?: Record<string, unknown>) => bo(`menuScreen.${key}`, values);
  const step = (page: Page) =>
    page.getByRole('region', { name: /./ }).filter({ has: page.locator('#step-title') });

  const fill = fillForm;

  const submit = (page: Page, form: string, button: string) =>
    page.locator(`form#${form}`).getByRole('button', { name: button }).click();

  /** Submits a guide step's form and waits for the row it adds, exactly. */
  async function save(page: Page, form: string, button: string, row: string): Promise<void> {
    await submit(page, form, button);
    await step(page)
      .getByRole('listitem')
      .filter({ hasText: new RegExp(`^${escape(row)}$`) })
      .waitFor();
  }

  const next = (page: Page) =>
    step(page)
      .getByRole('button', {
        name: new RegExp(`^(${[guide('next'), guide('skip'), guide('finish')].map(escape).join('|')})$`),
      })
      .click();

  const open = (page: Page, screenKey: string) =>
    page
      .getByRole('navigation', { name: bo('shell.navigation') })
      .getByRole('link', { name: bo(`shell.${screenKey}`), exact: true })
      .click();

  const heading = (page: Page, name: string) =>
    page.getByRole('heading', { name, level: 1, exact: true }).waitFor();

  const row = (page: Page, list: string, text: string | RegExp) =>
    page.getByRole('list', { name: list }).getByRole('listitem').filter({ hasText: text });

  const section = (page: Page, name: string | RegExp) =>
    page.getByRole('region', typeof name === 'string' ? { name, exact: true } : { name });

  /** The figures a screen shows in its tiles (`data-figure`), by key, as their text. */
  const figuresShown = async (page: Page, scope: string, keys: string[]): Promise<Record<string, string>> =>
    Object.fromEntries(
      await Promise.all(
        keys.map(async (key): Promise<[string, string]> => [
          key,
          (await page.locator(`${scope} [data-figure="${key}"]`).textContent())!.trim(),
        ]),
      ),
    );

  /** A figures table's body, each row's cells as text. */
  const rowsOf = (table: Locator): Promise<string[][]> =>
    table
      .locator('tbody tr')
      .evaluateAll((rows: Array<{ querySelectorAll(selector: string): Iterable<{ textContent: string }> }>) =>
        rows.map((row) => Array.from(row.querySelectorAll('th, td'), (cell) => cell.textContent.trim())),
      );

  /** Taps a name on a staff screen's PIN pad and types the PIN, as on the waiter tablet and the kitchen screen. */
  async function signInOnPinPad(page: Page, person: { displayName: string; pin: string }): Promise<void> {
    await page.getByRole('button', { name: person.displayName, exact: true }).click();
    for (const digit of person.pin) await page.getByRole('button', { name: digit, exact: true }).click();
    await page.getByRole('button', { name: say('pinPad.signIn'), exact: true }).click();
  }

  /** Clicks what downloads a file and answers its bytes. */
  async function download(page: Page, click: () => Promise<void>): Promise<Buffer> {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    return downloadedBytes(file);
  }
  return {
    language,
    english,
    say,
    pattern,
    formats,
    money,
    typed,
    bo,
    guide,
    screen,
    reports,
    menu,
    step,
    fill,
    submit,
    save,
    next,
    open,
    heading,
    row,
    section,
    figuresShown,
    rowsOf,
    signInOnPinPad,
    download,
  };
}

export type WalkHelpers = ReturnType<typeof walkHelpers>;
