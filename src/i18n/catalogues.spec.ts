import { CATALOGUES } from './catalogues';
import { formatLocaleOf, languageFromAcceptLanguage, LANGUAGES } from './languages';
import { createTranslator, type Messages } from './translator';

/** Each text's key with the placeholders it fills: `kitchen.ticket.label {{number}}`. */
function entriesOf(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string'
      ? [
          `${prefix}${key} ${[...value.matchAll(/\{\{\s*(\w+)\s*\}\}/g)]
            .map((match) => match[1])
            .sort()
            .join(',')}`,
        ]
      : entriesOf(value, `${prefix}${key}.`),
  );
}

function textsOf(messages: Messages): string[] {
  return Object.values(messages).flatMap((value) => (typeof value === 'string' ? [value] : textsOf(value)));
}

describe('the message catalogues', () => {
  it.each(Object.entries(CATALOGUES))(
    '%s: every key, with the same placeholders, in every language',
    (_, catalogue) => {
      const english = entriesOf(catalogue.en).sort();
      expect(english.length).toBeGreaterThan(0);
      for (const language of LANGUAGES) expect(entriesOf(catalogue[language]).sort()).toEqual(english);
    },
  );

  it('says sold out in German words, not the American kitchen’s "86"', () => {
    const german = Object.values(CATALOGUES).flatMap((catalogue) => textsOf(catalogue.de));
    expect(german.filter((text) => /\b86\b/.test(text))).toEqual([]);
  });

  it('chooses plurals by the language’s rules', () => {
    const t = createTranslator('de', [CATALOGUES.kitchen]);
    expect(t('kitchen.ticket.guests', { count: 1 })).toBe('1 Gast');
    expect(t('kitchen.ticket.guests', { count: 4 })).toBe('4 Gäste');
    expect(createTranslator('en', [CATALOGUES.kitchen])('kitchen.board.tapsWaiting', { count: 2 })).toBe(
      '2 taps not sent yet',
    );
  });
});

describe('the page language', () => {
  it.each([
    ['de-DE,de;q=0.9,en;q=0.8', 'de'],
    ['fr-FR, en-GB;q=0.7, de;q=0.8', 'de'],
    ['en-US', 'en'],
    ['fr', null],
    ['de;q=0, en', 'en'],
    [undefined, null],
  ])('reads Accept-Language %s as %s', (header, language) => {
    expect(languageFromAcceptLanguage(header)).toBe(language);
  });

  it('keeps the restaurant’s regional forms in its own language only', () => {
    expect(formatLocaleOf('de', 'de-AT')).toBe('de-AT');
    expect(formatLocaleOf('en', 'de-AT')).toBe('en');
  });
});
