import { byId } from '../../common/browser/dom.js';
import { rateLimitMessage, soldOutLines, soldOutMessage } from '../qr-cart-rules.js';
import type { Cart } from './qr-cart.js';
import type { GuestOrder, GuestOrders } from './qr-guest-orders.js';
import type { GuestLine } from './qr-menu-data.js';
import { notify, say } from './qr-notices.js';

interface Submission {
  key: string;
  body: string;
  lines: GuestLine[];
}

interface Reply {
  status: number;
  body: unknown;
  retryAfter: string | null;
}

/**
 * Sends the cart as an order. The same cart keeps its Idempotency-Key, so a double tap or a retry after a lost
 * reply replays the order instead of making another.
 */
export class OrderSending {
  private submission: Submission | null = null;

  constructor(
    private readonly tableUrl: string,
    private readonly cart: Cart,
    private readonly orders: GuestOrders,
  ) {}

  send(event: Event): void {
    event.preventDefault();
    if (this.cart.sending) return;
    const lines = this.cart.orderable;
    if (lines.length === 0) return;
    const note = byId<HTMLTextAreaElement>('cart-note').value.trim();
    const body = JSON.stringify({ items: lines.map(itemOf), ...(note ? { notes: note } : {}) });
    if (this.submission?.body !== body) this.submission = { key: newKey(), body, lines };
    const attempt = this.submission;
    this.cart.sending = true;
    this.cart.updateSend();
    say('');
    fetch(`${this.tableUrl}/orders`, {
      method: 'POST',
      cache: 'no-store',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': attempt.key,
      },
      body,
    })
      .then(async (response) => ({
        status: response.status,
        body: (await response.json().catch(() => null)) as unknown,
        retryAfter: response.headers.get('Retry-After'),
      }))
      .then(
        (reply) => {
          this.cart.sending = false;
          this.answered(attempt, reply);
        },
        () => {
          this.cart.sending = false;
          say('We could not reach the restaurant. Please check your connection and tap Send order again.');
        },
      )
      .finally(() => this.cart.updateSend());
  }

  private answered(attempt: Submission, reply: Reply): void {
    if (reply.status === 201 || reply.status === 200) {
      const order = reply.body as GuestOrder;
      this.submission = null;
      this.cart.sent(attempt.lines);
      byId<HTMLTextAreaElement>('cart-note').value = '';
      byId<HTMLDialogElement>('cart').close();
      this.orders.follow(order);
      notify('Thank you! Your order has been sent.');
      this.orders.focus(order.id);
      return;
    }
    if (reply.status === 429) {
      say(rateLimitMessage(reply.retryAfter));
      return;
    }
    const error = (reply.body as { error?: { code?: string; details?: unknown } } | null)?.error;
    const refused = reply.status === 422 ? soldOutLines(error) : null;
    if (refused) {
      const lines = refused.flatMap((index) => attempt.lines[index] ?? []);
      const names = this.cart.markSoldOut(lines);
      const rest = this.cart.orderable.length > 0;
      say(
        soldOutMessage(names) +
          (rest
            ? '. Tap Send order to send the rest, or choose something else.'
            : '. Please choose something else.'),
      );
      return;
    }
    if (reply.status === 404) {
      say('Ordering from this page is not available right now. Please call a waiter.');
      return;
    }
    say('Sorry, your order could not be sent. Please tap Send order to try again, or call a waiter.');
  }
}

function itemOf(line: GuestLine) {
  return {
    dishId: line.dishId,
    variationId: line.variationId,
    quantity: line.quantity,
    ...(line.comment ? { comment: line.comment } : {}),
    ...(line.modifiers.length > 0
      ? { modifiers: line.modifiers.map((modifier) => ({ optionId: modifier.optionId })) }
      : {}),
  };
}

function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  // Plain-HTTP pages on a restaurant's LAN have no randomUUID; random bytes do as well for a key.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) =>
    (byte + 256).toString(16).slice(1),
  ).join('');
}
