/** Small DOM helpers the pages' scripts share. Text reaches a page through textContent only, never as markup. */

/** The element with `id`: a page's script and its HTML template ship together, so a missing one is a bug. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`No element #${id} on this page`);
  return element as T;
}

/** A new HTML element, with a class and text when given. */
export function make<K extends keyof HTMLElementTagNameMap>(
  name: K,
  className?: string | null,
  text?: string,
): HTMLElementTagNameMap[K] {
  const element = document.createElement(name);
  if (className) element.className = className;
  if (text !== undefined) element.textContent = text;
  return element;
}

/** Empties `element` and answers it. */
export function clear<T extends Element>(element: T): T {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** A new SVG element with its attributes, and text when given. */
export function svg(name: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** What the body's `data-<name>` attribute says; the page's template always sets it. */
export function pageData(name: string): string {
  const value = document.body.dataset[name];
  if (value === undefined) throw new Error(`The page has no data-${name}`);
  return value;
}
