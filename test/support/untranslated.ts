/**
 * Finds the texts a person reads on a page that the German catalogues did not write: what the German walk
 * (test/german.browser.e2e-spec.ts) fails on.
 */
import type { Page } from 'playwright-core';
import { germanFieldMessages, germanRuleMessages } from '../../src/i18n/de/api-field-messages';
import type { Catalogue, Messages } from '../../src/i18n/translator';

/** The API's field messages in German (shown beside a form's field): German the service writes, in no catalogue. */
const API_FIELD_MESSAGES = [
  ...Object.values(germanFieldMessages),
  ...germanRuleMessages.map(([, german]) => german.replace(/\$(\d)/g, '{{value$1}}')),
];

/**
 * In the page: every text a person reads, visible text nodes (a select's options too) and the accessible names
 * and hints on elements. A script's text, since the specs are not typed against the DOM.
 */
const SHOWN_TEXTS = `(() => {
  const texts = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const element = node.parentElement;
    if (!element || element.closest('script, style, svg, [hidden]')) continue;
    const shown = element.closest('option') !== null || element.getClientRects().length > 0;
    const text = node.textContent.trim();
    if (shown && text) texts.push(text);
  }
  for (const element of document.querySelectorAll('[aria-label], [title], [placeholder], [alt]')) {
    for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
      const text = (element.getAttribute(name) || '').trim();
      if (text) texts.push(text);
    }
  }
  texts.push(document.title);
  return texts;
})()`;

export function shownTexts(page: Page): Promise<string[]> {
  return page.evaluate(SHOWN_TEXTS);
}

function valuesOf(messages: Messages): string[] {
  return Object.values(messages).flatMap((value) => (typeof value === 'string' ? [value] : valuesOf(value)));
}

const PLACEHOLDER = /\{\{\s*\w+\s*\}\}/g;

/** A catalogue text as a pattern its rendered form matches: `Tisch {{name}}` reads `Tisch 12`. */
function patternOf(text: string): RegExp {
  const parts = text.split(PLACEHOLDER).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.+')}$`, 's');
}

/** Numbers, money, times, counts and the marks between them: no words. */
const NO_WORDS = /^[\d\s.,:;×#+\-−–—·•()%€$£¥/'’"“”✓◀▶↑↓]*$/;

/**
 * A machine name the API defines and a person configures as it is: a webhook's event type (`order.created`), a
 * scope (`menu:read`). Not a language's word.
 */
const CODE = /^[a-z][a-z0-9_]*([.:][a-z][a-z0-9_]*)+$/;

/** An IANA time zone as the profile's list names it (`America/Port of Spain`): a place's id, in no language. */
const TIME_ZONE = /^(UTC|[A-Z][A-Za-z]+(\/[A-Za-z][\w+\- ]*)+)$/;

/**
 * The texts among `texts` that the German catalogues did not produce, each with why: equal to an English text,
 * or simply not German from the catalogues. `data` are the names the restaurant typed (dishes, tables, staff),
 * allowed anywhere in a text.
 */
export function untranslated(texts: string[], catalogues: Catalogue[], data: string[]): string[] {
  const german = [...catalogues.flatMap((catalogue) => valuesOf(catalogue.de)), ...API_FIELD_MESSAGES];
  const english = new Set(catalogues.flatMap((catalogue) => valuesOf(catalogue.en)));
  // A text of placeholders and marks alone (`{{name}} {{price}}`) would match any text with a space in it: such a
  // text's parts are checked one by one below instead.
  const patterns = german.filter((text) => /\p{L}/u.test(text.replace(PLACEHOLDER, ''))).map(patternOf);
  const names = [...data].sort((a, b) => b.length - a.length);
  const allowed = (text: string): boolean => {
    if (
      NO_WORDS.test(text) ||
      CODE.test(text) ||
      TIME_ZONE.test(text) ||
      patterns.some((pattern) => pattern.test(text))
    )
      return true;
    const withoutNames = names.reduce((rest, name) => rest.split(name).join(' '), text);
    if (NO_WORDS.test(withoutNames)) return true;
    // A text joined from catalogue texts ("T2 · Status: frei → besetzt") is checked part by part.
    const parts = text.split(/ · |, |: | → /);
    return parts.length > 1 && parts.every(allowed);
  };
  return [...new Set(texts)]
    .filter((text) => !allowed(text))
    .map((text) => (english.has(text) ? `${text} (the English text)` : text));
}

/**
 * Every region's name as the page's own `Intl` writes it in `language` (a country list): the browser's words, not
 * the catalogues', and data to the check.
 */
export function regionNamesIn(page: Page, language: string): Promise<string[]> {
  return page.evaluate(`(() => {
    const names = new Intl.DisplayNames([${JSON.stringify(language)}], { type: 'region', fallback: 'none' });
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const found = [];
    for (const first of letters) for (const second of letters) {
      const name = names.of(first + second);
      if (name) found.push(name);
    }
    return found;
  })()`);
}
