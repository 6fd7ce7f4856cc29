import { createInstance, type TFunction } from 'i18next';
import { LANGUAGES, type Language } from './languages';

/** A catalogue: message keys, nested by page and part, to message texts in one language. */
export interface Messages {
  [key: string]: string | Messages;
}

/** One page's messages in every language: only what a page needs goes into its bundle. */
export type Catalogue = Record<Language, Messages>;

export type Translate = TFunction;

/**
 * The i18next instance of one language, over the catalogues a page uses (merged; their top-level keys name the
 * page or part, e.g. `waiter`, `pinPad`). Texts use i18next's `{{name}}` interpolation and `_one`/`_other`
 * plural keys chosen by `Intl.PluralRules` from `count`. Values are not HTML-escaped here: Preact and our `html`
 * template escape what they render.
 */
export function createTranslator(language: Language, catalogues: Catalogue[]): Translate {
  const resources = Object.fromEntries(
    LANGUAGES.map((each) => [
      each,
      { translation: Object.assign({}, ...catalogues.map((catalogue) => catalogue[each])) as Messages },
    ]),
  );
  const i18n = createInstance();
  // initAsync false: the resources are here, so `t` works as soon as this returns.
  void i18n.init({
    lng: language,
    fallbackLng: LANGUAGES[0],
    resources,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return i18n.t.bind(i18n);
}
