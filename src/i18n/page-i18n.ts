import { Formats } from './formats';
import {
  formatLocaleOf,
  type Language,
  languageFromAcceptLanguage,
  languageOf,
  LANGUAGES,
} from './languages';
import { type Catalogue, createTranslator, type Translate } from './translator';

/** What a server-rendered page writes its texts and numbers with. */
export interface PageI18n {
  language: Language;
  t: Translate;
  formats: Formats;
}

/** What of the restaurant's profile chooses a page's language and formats. */
export interface RestaurantLocaleSettings {
  locale: string;
  timezone: string;
  currency: string;
}

/** The restaurant's own language: the pages' language when a device chooses none. */
export function restaurantLanguage(settings: RestaurantLocaleSettings): Language {
  return languageOf(settings.locale) ?? LANGUAGES[0];
}

/** A public page's language: the browser's Accept-Language when we have one it names, else the restaurant's. */
export function publicPageLanguage(
  settings: RestaurantLocaleSettings,
  acceptLanguage: string | undefined,
): Language {
  return languageFromAcceptLanguage(acceptLanguage) ?? restaurantLanguage(settings);
}

/** Texts and formats of a server-rendered page in `language`; `currency` when the page's own differs. */
export function pageI18n(
  settings: RestaurantLocaleSettings,
  language: Language,
  catalogues: Catalogue[],
  currency = settings.currency,
): PageI18n {
  return {
    language,
    t: createTranslator(language, catalogues),
    formats: new Formats({
      locale: formatLocaleOf(language, settings.locale),
      timeZone: settings.timezone,
      currency,
    }),
  };
}

/** The attributes a page's <html> carries for its browser script's texts and formats (browser/page-i18n.ts). */
export function htmlLocaleAttributes(
  settings: RestaurantLocaleSettings & { name: string },
  language: Language,
) {
  return {
    restaurant: settings.name,
    lang: language,
    locale: settings.locale,
    timeZone: settings.timezone,
    currency: settings.currency,
  };
}
