import { byId } from '../../common/browser/dom.js';

let noticeTimer: ReturnType<typeof setTimeout> | undefined;

/** A short notice over the footer, gone after a while so it does not hide the menu. */
export function notify(text: string): void {
  byId('notice').textContent = text;
  clearTimeout(noticeTimer);
  noticeTimer = setTimeout(() => {
    byId('notice').textContent = '';
  }, 8000);
}

/** What the cart sheet says about the order being sent (empty: nothing). */
export function say(text: string): void {
  byId('cart-status').textContent = text;
}
