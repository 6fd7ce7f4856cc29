import { Formats } from '../formats.js';
import { formatLocaleOf, type Language, languageOf, LANGUAGES } from '../languages.js';
import { type Catalogue, createTranslator, type Translate } from '../translator.js';

/** Where a staff screen remembers the language chosen on it: per device, as a device's own setting. */
const CHOSEN_LANGUAGE_KEY = 'pos.language';

/**
 * The page's language and formats, from what the server wrote on <html>: `lang` (the restaurant's language, or
 * for a public page the browser's Accept-Language), `data-locale` (the restaurant's locale), `data-time-zone`
 * and `data-currency`. A staff screen may have its own choice, remembered on the device.
 */
const root = document.documentElement;
const listeners = new Set<() => void>();
let catalogues: Catalogue[] = [];
let titleKey: string | null = null;

export let language: Language = languageOf(root.lang) ?? LANGUAGES[0];
export let t: Translate = createTranslator(language, catalogues);
export let formats: Formats = formatsOf(language);

function formatsOf(chosen: Language): Formats {
  return new Formats({
    locale: formatLocaleOf(chosen, root.dataset.locale ?? chosen),
    timeZone: root.dataset.timeZone ?? 'UTC',
    currency: root.dataset.currency ?? 'EUR',
  });
}

function use(chosen: Language): void {
  language = chosen;
  root.lang = chosen;
  t = createTranslator(chosen, catalogues);
  formats = formatsOf(chosen);
  if (titleKey) document.title = t(titleKey, { restaurant: root.dataset.restaurant });
  for (const listener of listeners) listener();
}

/**
 * Starts the page's texts from its catalogues. On a staff screen (`title` given: its title's key) the device's
 * remembered choice wins, and the title follows the language.
 */
export function startPageI18n(pageCatalogues: Catalogue[], title: string | null): void {
  catalogues = pageCatalogues;
  titleKey = title;
  const staffScreen = title !== null;
  const chosen = staffScreen ? languageOf(localStorage.getItem(CHOSEN_LANGUAGE_KEY)) : null;
  use(chosen ?? language);
}

/** A staff screen's language switch: remembered on the device, shown at once without a reload. */
export function chooseLanguage(chosen: Language): void {
  localStorage.setItem(CHOSEN_LANGUAGE_KEY, chosen);
  use(chosen);
}

/** Calls `listener` after every change of language; answers how to stop. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
