import { html, SafeHtml } from '../common/html/html';

/** The cart's look, added to the QR page's style when QR ordering is on. Phone first: sheets rise from the bottom. */
export const CART_STYLE = `
  .dish .add { margin-top: 10px; min-height: 44px; width: 100%; border: 1px solid var(--accent); color: var(--accent);
    background: #fff; border-radius: 10px; font: inherit; font-weight: 600; }
  #orders { padding: 12px 16px 0; max-width: 720px; margin: 0 auto; }
  .order { background: #fff; border: 2px solid var(--ink); border-radius: 12px; padding: 12px 14px; margin-bottom: 10px; }
  .order h2 { margin: 0; font-size: 1.05rem; color: var(--ink); text-transform: none; letter-spacing: 0; }
  .order-status { margin: 4px 0 8px; font-weight: 600; font-size: 1.05rem; }
  .order[data-status="cancelled"] .order-status { color: var(--accent); }
  .steps { display: grid; grid-template-columns: repeat(5, 1fr); gap: 4px; list-style: none; padding: 0; margin: 0 0 10px; }
  .steps li { height: 6px; border-radius: 3px; background: var(--line); }
  .steps li.done { background: #2e7d32; }
  .rows, .lines { list-style: none; padding: 0; margin: 0; }
  .rows li, .sum { display: flex; justify-content: space-between; gap: 12px; padding: 3px 0; }
  .rows .cancelled { color: var(--muted); text-decoration: line-through; }
  .rows .component { padding: 0 0 0 1.5em; color: var(--muted); font-size: .92rem; }
  .sum { border-top: 1px solid var(--line); margin-top: 6px; padding-top: 8px; font-weight: 700; }
  .note { color: var(--muted); font-size: .85rem; margin: 2px 0 0; }
  dialog { width: 100%; max-width: 560px; max-height: 92vh; margin: auto auto 0; padding: 0; border: 0;
    border-radius: 16px 16px 0 0; color: var(--ink); }
  dialog::backdrop { background: rgba(0, 0, 0, .45); }
  dialog form { padding: 16px; display: grid; gap: 12px; }
  dialog h2 { margin: 0; font-size: 1.2rem; color: var(--ink); text-transform: none; letter-spacing: 0; }
  dialog p { margin: 0; }
  fieldset { border: 1px solid var(--line); border-radius: 10px; margin: 0; padding: 8px 12px 10px; }
  legend { font-weight: 600; padding: 0 4px; }
  .hint { font-weight: 400; color: var(--muted); font-size: .85rem; }
  .option { display: flex; align-items: center; gap: 10px; min-height: 44px; }
  .option input { width: 22px; height: 22px; margin: 0; accent-color: var(--accent); }
  .option .price { margin-left: auto; font-weight: 500; }
  .option:has(input:disabled) { color: var(--muted); }
  .problem { color: var(--accent); font-size: .9rem; }
  .problem:empty, .notice:empty, .cart-status:empty { display: none; }
  .stepper { display: flex; align-items: center; gap: 10px; }
  .stepper button { width: 44px; height: 44px; border-radius: 50%; border: 1px solid var(--line); background: #fff;
    font-size: 1.3rem; line-height: 1; color: var(--ink); }
  .stepper output, .stepper .qty { min-width: 2ch; text-align: center; font-weight: 600; font-variant-numeric: tabular-nums; }
  label.field { display: grid; gap: 4px; font-weight: 600; }
  textarea { font: inherit; font-weight: 400; padding: 8px 10px; border: 1px solid var(--line); border-radius: 8px;
    resize: vertical; }
  .actions { display: flex; gap: 10px; }
  .actions button { flex: none; min-height: 48px; padding: 0 16px; border-radius: 10px; font: inherit; font-weight: 600;
    border: 1px solid var(--line); background: #fff; color: var(--ink); white-space: nowrap; }
  .actions button.primary { flex: 1; background: var(--accent); border-color: var(--accent); color: #fff; }
  .actions button:disabled { opacity: .6; }
  .line { border-bottom: 1px solid var(--line); padding: 8px 0; display: grid; gap: 4px; }
  .line-head { display: flex; justify-content: space-between; gap: 12px; font-weight: 600; }
  .line-detail { color: var(--muted); font-size: .9rem; }
  .line.unavailable .line-head { color: var(--muted); text-decoration: line-through; }
  .sold-out { color: var(--accent); font-weight: 600; font-size: .9rem; }
  .line .stepper button { width: 40px; height: 40px; }
  .line .stepper .remove { width: auto; margin-left: auto; padding: 0 4px; border: 0; border-radius: 0; background: none;
    color: var(--accent); font: inherit; }
  .cart-status { background: #fdecea; color: #5f1410; border-radius: 8px; padding: 8px 10px; }
  .notice { position: fixed; left: 12px; right: 12px; bottom: 76px; margin: 0 auto; max-width: 560px; background: var(--ink);
    color: #fff; border-radius: 10px; padding: 10px 14px; z-index: 2; }
  footer #open-cart { margin-left: auto; }
  [hidden] { display: none !important; }
`;

/** What ordering adds at the top of the page: the guest's sent orders, filled in by the script. */
export const ORDERS_SECTION = html`<section id="orders" aria-label="Your orders" hidden>
  <p id="offline" class="note" hidden>Reconnecting… the status may be out of date.</p>
</section>`;

/** The footer's cart button. */
export const OPEN_CART_BUTTON = html`<button id="open-cart" type="button" hidden>
  Your order · <span id="open-cart-count"></span> · <span id="open-cart-total"></span>
</button>`;

/** The sheets the script fills: a dish's choices, and the cart. `totalNote` says what the bill adds, if anything. */
export function cartSheets(totalNote: string | null): SafeHtml {
  return html`<p id="notice" class="notice" role="status" aria-live="polite"></p>
    <dialog id="dish-sheet" aria-labelledby="dish-title">
      <form id="dish-form" novalidate>
        <h2 id="dish-title"></h2>
        <p id="dish-description" class="line-detail"></p>
        <div id="dish-choices"></div>
        <div class="stepper">
          <span id="dish-quantity-label">Quantity</span>
          <button id="dish-fewer" type="button" aria-label="One fewer">−</button>
          <output id="dish-quantity" aria-labelledby="dish-quantity-label" aria-live="polite">1</output>
          <button id="dish-more" type="button" aria-label="One more">+</button>
        </div>
        <label class="field"
          >Comment for the kitchen (optional)
          <textarea id="dish-comment" maxlength="500" rows="2" placeholder="e.g. no onions"></textarea>
        </label>
        <p id="dish-problem" class="problem" role="alert"></p>
        <div class="actions">
          <button id="dish-cancel" type="button">Cancel</button>
          <button id="dish-add" class="primary" type="submit">Add to order</button>
        </div>
      </form>
    </dialog>
    <dialog id="cart" aria-labelledby="cart-title">
      <form id="cart-form" novalidate>
        <h2 id="cart-title">Your order</h2>
        <ul id="cart-lines" class="lines"></ul>
        <p id="cart-empty" class="line-detail">Nothing in your order yet.</p>
        <label class="field"
          >Note for the waiter (optional)
          <textarea id="cart-note" maxlength="500" rows="2" placeholder="e.g. we are in a hurry"></textarea>
        </label>
        <p class="sum"><span>Total</span><span id="cart-total" class="price"></span></p>
        ${totalNote ? html`<p class="note">${totalNote}</p>` : ''}
        <p id="cart-status" class="cart-status" role="alert"></p>
        <div class="actions">
          <button id="cart-close" type="button">Back to menu</button>
          <button id="send" class="primary" type="submit">Send order</button>
        </div>
      </form>
    </dialog>`;
}
