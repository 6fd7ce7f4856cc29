import { byId, clear, make } from '../../common/browser/dom.js';
import { guestStatus, isSettled } from '../qr-cart-rules.js';
import { printedName } from '../../menu/line-names.js';

/** A sent order as the guest may see it (the public order view, and `order.status_changed` events' data). */
export interface GuestOrder {
  id: string;
  number: number;
  status: string;
  cancelReason: string | null;
  version: number;
  total: number;
  items: Array<{
    name: string;
    variationName: string;
    quantity: number;
    total: number;
    status: string;
    modifiers?: Array<{ name: string }>;
    /** A combo line's chosen components, shown under it without prices. */
    components?: Array<{ name: string; variationName: string; modifiers?: Array<{ name: string }> }>;
  }>;
}

/** "Fries (Large) + Ketchup": a dish as ordered, its variation unless the only one, and its options. */
function orderedName(item: {
  name: string;
  variationName: string;
  modifiers?: Array<{ name: string }>;
}): string {
  const extras = (item.modifiers ?? []).map((modifier) => modifier.name);
  const added = extras.length ? ` + ${extras.join(', ')}` : '';
  return `${printedName(item.name, item.variationName)}${added}`;
}

interface OrderCard {
  article: HTMLElement;
  heading: HTMLHeadingElement;
  status: HTMLParagraphElement;
  steps: HTMLOListElement;
  rows: HTMLUListElement;
  sum: HTMLParagraphElement;
}

const STEPS = ['pending', 'open', 'in_progress', 'ready', 'served'];

/**
 * The guest's sent orders, shown at the top of the page and followed live by their `order.status_changed` events;
 * their ids are kept for the tab's life, so a reload reads them again from the public order route.
 */
export class GuestOrders {
  private readonly orders = new Map<string, GuestOrder>();
  private readonly cards = new Map<string, OrderCard>();
  /** Status events that overtook the reply to their order's POST. */
  private readonly unclaimed = new Map<string, GuestOrder>();
  private ids: string[];

  constructor(
    private readonly tableUrl: string,
    private readonly storageKey: string,
    private readonly money: (minor: number) => string,
  ) {
    this.ids = this.recalled();
  }

  /** Starts following an order the guest just sent. */
  follow(order: GuestOrder): void {
    if (!this.ids.includes(order.id)) this.ids.push(order.id);
    this.remember();
    this.show(order);
    const overtaking = this.unclaimed.get(order.id);
    if (overtaking) this.show(overtaking);
  }

  focus(orderId: string): void {
    this.cards.get(orderId)?.heading.focus();
  }

  statusChanged(order: GuestOrder | null): void {
    if (!order?.id) return;
    if (this.orders.has(order.id)) this.show(order);
    else this.unclaimed.set(order.id, order);
  }

  /** After a (re)connection, events may have been missed: read the orders still in progress again. */
  reread(): void {
    for (const id of this.ids) {
      const known = this.orders.get(id);
      if (known && isSettled(known.status)) continue;
      fetch(`${this.tableUrl}/orders/${encodeURIComponent(id)}`, {
        cache: 'no-store',
        headers: { Accept: 'application/json' },
      })
        .then((response) => {
          if (response.status === 404) {
            this.ids = this.ids.filter((other) => other !== id);
            this.remember();
            return null;
          }
          return response.ok ? (response.json() as Promise<GuestOrder>) : null;
        })
        .then((order) => {
          if (order) this.show(order);
        })
        .catch(() => undefined);
    }
  }

  private remember(): void {
    try {
      sessionStorage.setItem(this.storageKey, JSON.stringify(this.ids));
    } catch {
      // Private browsing may refuse storage: the orders are then followed until the page is left.
    }
  }

  private recalled(): string[] {
    try {
      const ids: unknown = JSON.parse(sessionStorage.getItem(this.storageKey) ?? '[]');
      return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
    } catch {
      return [];
    }
  }

  private card(id: string): OrderCard {
    const known = this.cards.get(id);
    if (known) return known;
    const article = make('article', 'order');
    const heading = make('h2');
    heading.tabIndex = -1;
    const status = make('p', 'order-status');
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    const steps = make('ol', 'steps');
    steps.setAttribute('aria-hidden', 'true');
    for (let step = 0; step < STEPS.length; step += 1) steps.appendChild(make('li'));
    const rows = make('ul', 'rows');
    const sum = make('p', 'sum');
    article.append(heading, status, steps, rows, sum);
    const section = byId('orders');
    section.insertBefore(article, byId('offline').nextSibling);
    section.hidden = false;
    const card = { article, heading, status, steps, rows, sum };
    this.cards.set(id, card);
    return card;
  }

  private show(order: GuestOrder): void {
    const known = this.orders.get(order.id);
    if (known && known.version > order.version) return;
    this.orders.set(order.id, order);
    const view = this.card(order.id);
    view.article.setAttribute('data-status', order.status);
    view.heading.textContent = `Order ${order.number}`;
    const words = guestStatus(order.status);
    view.status.textContent =
      order.status === 'cancelled' && order.cancelReason ? `${words}: ${order.cancelReason}` : words;
    const reached = STEPS.indexOf(order.status === 'closed' ? 'served' : order.status);
    Array.from(view.steps.children).forEach((step, index) => {
      step.className = index <= reached ? 'done' : '';
    });
    clear(view.rows);
    for (const item of order.items) {
      const row = make('li', item.status === 'cancelled' ? 'cancelled' : null);
      row.appendChild(make('span', null, `${item.quantity} × ${orderedName(item)}`));
      row.appendChild(make('span', 'price', this.money(item.total)));
      view.rows.appendChild(row);
      for (const component of item.components ?? []) {
        const under = make('li', item.status === 'cancelled' ? 'component cancelled' : 'component');
        under.appendChild(make('span', null, orderedName(component)));
        view.rows.appendChild(under);
      }
    }
    clear(view.sum);
    view.sum.appendChild(make('span', null, 'Total'));
    view.sum.appendChild(make('span', 'price order-total', this.money(order.total)));
  }
}
