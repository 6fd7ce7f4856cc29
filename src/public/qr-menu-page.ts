import { ALLERGENS } from '../menu/allergens';
import type { MenuDishView, MenuView } from '../menu/dto/menu.views';
import { html, SafeHtml } from '../common/html/html';
import { formatMinorUnits, priceDeltaText } from '../i18n/money-format';
import { choiceHint, type ModifierGroup } from './qr-cart-rules';
import { tableLabel } from './table-label';
import { CART_STYLE, cartSheets, OPEN_CART_BUTTON, ORDERS_SECTION } from './qr-cart-view';

export interface QrMenuPage {
  restaurantName: string;
  tableName: string;
  qrToken: string;
  currency: string;
  menu: MenuView;
  nonce: string;
  /** The page's browser script (src/public/browser/qr-page.ts, compiled). */
  scriptUrl: string;
  /** QR_ORDERING: the page gets a cart; without it, it is a read-only menu. */
  ordering: boolean;
  /** What the bill adds to the cart's total (service charge, tax), said under it; null when nothing. */
  totalNote: string | null;
}

const ALLERGEN_NAMES = new Map<string, string>(ALLERGENS.map((allergen) => [allergen.code, allergen.name]));

const STYLE = `
  :root { color-scheme: light; --ink: #1d1d1f; --muted: #6e6e73; --line: #e5e5ea; --accent: #b3261e; }
  * { box-sizing: border-box; }
  body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: #fafafa; }
  header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid var(--line); padding: 12px 16px; z-index: 1; }
  header h1 { margin: 0; font-size: 1.15rem; }
  header p { margin: 2px 0 0; color: var(--muted); font-size: .9rem; }
  main { padding: 8px 16px 96px; max-width: 720px; margin: 0 auto; }
  h2 { font-size: 1.05rem; margin: 20px 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
  .dish { background: #fff; border: 1px solid var(--line); border-radius: 12px; padding: 12px 14px; margin-bottom: 10px; }
  .dish h3 { margin: 0; font-size: 1rem; }
  .dish p { margin: 4px 0 0; color: var(--muted); font-size: .92rem; }
  .variations { list-style: none; padding: 0; margin: 8px 0 0; }
  .variations li { display: flex; justify-content: space-between; gap: 12px; padding: 2px 0; }
  .price { font-variant-numeric: tabular-nums; font-weight: 600; white-space: nowrap; }
  .modifier-group { margin-top: 8px; }
  .modifier-group p { margin: 0; color: var(--ink); font-size: .92rem; font-weight: 600; }
  .modifier-group .hint { color: var(--muted); font-weight: 400; }
  .options { list-style: none; padding: 0 0 0 12px; margin: 2px 0 0; font-size: .92rem; }
  .options li { display: flex; justify-content: space-between; gap: 12px; padding: 1px 0; }
  .allergens { display: flex; flex-wrap: wrap; gap: 6px; margin-top: 8px; }
  .allergen { font-size: .75rem; border: 1px solid var(--line); border-radius: 999px; padding: 1px 8px; color: var(--muted); }
  .empty { color: var(--muted); text-align: center; margin-top: 48px; }
  footer { position: fixed; bottom: 0; left: 0; right: 0; background: #fff; border-top: 1px solid var(--line); padding: 12px 16px; display: flex; align-items: center; gap: 12px; }
  footer button { flex: none; background: var(--accent); color: #fff; border: 0; border-radius: 10px; padding: 12px 18px; font-size: 1rem; font-weight: 600; }
  footer button:disabled { opacity: .6; }
  #call-status { color: var(--muted); font-size: .9rem; }
`;

/** A modifier group as the read-only menu lists it: its name, how many to choose, and each option's price. */
function modifierGroup(group: ModifierGroup, currency: string): SafeHtml {
  const offered = { ...group, options: group.options.filter((option) => option.available !== false) };
  if (offered.options.length === 0) return html``;
  const options = offered.options.map(
    (option) =>
      html`<li data-option-id="${option.id}">
        <span>${option.name}</span><span class="price">${priceDeltaText(option.priceDelta, currency)}</span>
      </li>`,
  );
  return html`<div class="modifier-group" data-modifier-group-id="${group.id}">
    <p>${group.name} <span class="hint">(${choiceHint(offered)})</span></p>
    <ul class="options">
      ${options}
    </ul>
  </div>`;
}

function dishCard(dish: MenuDishView, currency: string, ordering: boolean): SafeHtml {
  const variations = dish.variations.map(
    (variation) =>
      html`<li data-variation-id="${variation.id}">
        <span>${dish.variations.length > 1 ? variation.name : ''}</span
        ><span class="price">${formatMinorUnits(variation.price, currency)}</span>
      </li>`,
  );
  const allergens = dish.allergens.map(
    (code) => html`<span class="allergen" data-allergen="${code}">${ALLERGEN_NAMES.get(code) ?? code}</span>`,
  );
  return html`<article class="dish" data-dish-id="${dish.id}">
    <h3>${dish.name}</h3>
    ${dish.description ? html`<p>${dish.description}</p>` : ''}
    <ul class="variations">
      ${variations}
    </ul>
    ${ordering ? '' : dish.modifierGroups.map((group) => modifierGroup(group, currency))}
    ${allergens.length > 0 ? html`<div class="allergens" aria-label="Allergens">${allergens}</div>` : ''}
    ${
      ordering
        ? html`<button type="button" class="add" data-add-dish="${dish.id}" aria-label="Add ${dish.name}">
            Add
          </button>`
        : ''
    }
  </article>`;
}

/** The `<main>` of the page alone: what the page's script swaps in when the menu changes. */
export function renderQrMenuMain(menu: MenuView, currency: string, ordering: boolean): SafeHtml {
  const sections = menu.categories.map(
    (category) =>
      html`<section data-category-id="${category.id}">
        <h2>${category.name}</h2>
        ${category.dishes.map((dish) => dishCard(dish, currency, ordering))}
      </section>`,
  );
  const empty = html`<p class="empty">The menu is being prepared. Please ask your waiter.</p>`;
  return html`<main>${sections.length > 0 ? sections : empty}</main>`;
}

export function renderQrMenuPage(page: QrMenuPage): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover" />
        <link rel="icon" href="data:," />
        <title>${page.restaurantName} · ${tableLabel(page.tableName)}</title>
        <style nonce="${page.nonce}">
          ${new SafeHtml(page.ordering ? STYLE + CART_STYLE : STYLE)}
        </style>
      </head>
      <body
        data-qr-token="${page.qrToken}"
        data-currency="${page.currency}"
        data-ordering="${String(page.ordering)}"
      >
        <header>
          <h1>${page.restaurantName}</h1>
          <p id="table-name">${tableLabel(page.tableName)}</p>
        </header>
        ${page.ordering ? ORDERS_SECTION : ''} ${renderQrMenuMain(page.menu, page.currency, page.ordering)}
        <footer>
          <button id="call-waiter" type="button">Call waiter</button
          ><span id="call-status" role="status" aria-live="polite"></span>
          ${page.ordering ? OPEN_CART_BUTTON : ''}
        </footer>
        ${page.ordering ? cartSheets(page.totalNote) : ''}
        <script type="module" src="${page.scriptUrl}" nonce="${page.nonce}"></script>
      </body>
    </html> `.value;
}

export function renderQrNotFoundPage(restaurantName: string, nonce: string): string {
  return html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${restaurantName}</title>
        <style nonce="${nonce}">
          ${new SafeHtml('body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:48px 24px;text-align:center;color:#1d1d1f}p{color:#6e6e73}')}
        </style>
      </head>
      <body>
        <h1>This table code is not valid</h1>
        <p>The QR code may be old or damaged. Please ask a member of staff for the menu.</p>
        <p>${restaurantName}</p>
      </body>
    </html> `.value;
}
