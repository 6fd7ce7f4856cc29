import { byId, clear, make } from '../../common/browser/dom.js';
import { priceDeltaText } from '../../i18n/money-format.js';
import { cartTotal, soldOutMessage } from '../qr-cart-rules.js';
import type { GuestLine, MenuData } from './qr-menu-data.js';
import { notify, say } from './qr-notices.js';

/** An 86 as `menu.availability_changed` carries it. */
export interface AvailabilityChange {
  dishId?: string;
  variationId?: string | null;
  optionId?: string | null;
  available?: boolean;
}

/** The guest's cart: its lines, the cart sheet that shows them, and the footer button that opens it. */
export class Cart {
  lines: GuestLine[] = [];
  /** An order is on its way: the Send button waits for the reply. */
  sending = false;

  constructor(
    private readonly menu: MenuData,
    private readonly money: (minor: number) => string,
    private readonly currency: string,
  ) {}

  /** The lines the restaurant would receive. */
  get orderable(): GuestLine[] {
    return this.lines.filter((line) => !line.unavailable);
  }

  add(line: GuestLine): void {
    const same = this.lines.find((other) => other.key === line.key && !other.unavailable);
    if (same) same.quantity = Math.min(99, same.quantity + line.quantity);
    else this.lines.push(line);
    this.render();
  }

  /** Marks the lines the menu no longer offers, and tells the guest about the ones that just sold out. */
  check(): void {
    const gone: string[] = [];
    for (const line of this.lines) {
      const unavailable = !this.menu.offers(line);
      if (unavailable && !line.unavailable) gone.push(line.dishName);
      line.unavailable = unavailable;
    }
    this.soldOut(gone);
  }

  /** A live 86: marks matching lines at once; the menu read that follows settles every line. */
  availabilityChanged(change: AvailabilityChange | null): void {
    if (change && change.available === false) {
      const gone: string[] = [];
      for (const line of this.lines) {
        const hit = change.optionId
          ? line.modifiers.some((modifier) => modifier.optionId === change.optionId)
          : line.dishId === change.dishId && (!change.variationId || line.variationId === change.variationId);
        if (hit && !line.unavailable) {
          line.unavailable = true;
          gone.push(line.dishName);
        }
      }
      this.soldOut(gone);
    }
    this.menu.load().catch(() => undefined);
  }

  /** Marks the lines a refused order named as sold out; answers their dishes' names. */
  markSoldOut(lines: GuestLine[]): string[] {
    for (const line of lines) line.unavailable = true;
    this.render();
    return lines.map((line) => line.dishName);
  }

  /** Drops the lines an order just took, with any that sold out meanwhile. */
  sent(lines: GuestLine[]): void {
    this.lines = this.lines.filter((line) => !lines.includes(line) && !line.unavailable);
    this.render();
  }

  render(): void {
    const list = clear(byId('cart-lines'));
    for (const line of this.lines) list.appendChild(this.lineItem(line));
    const total = cartTotal(this.lines);
    const count = this.orderable.reduce((sum, line) => sum + line.quantity, 0);
    byId('cart-empty').hidden = this.lines.length > 0;
    byId('cart-total').textContent = this.money(total);
    byId('open-cart').hidden = this.lines.length === 0;
    byId('open-cart-count').textContent = `${count} ${count === 1 ? 'item' : 'items'}`;
    byId('open-cart-total').textContent = this.money(total);
    this.updateSend();
  }

  updateSend(): void {
    const button = byId<HTMLButtonElement>('send');
    button.disabled = this.sending || this.orderable.length === 0;
    button.textContent = this.sending ? 'Sending…' : 'Send order';
  }

  private soldOut(names: string[]): void {
    this.render();
    if (names.length === 0) return;
    notify(soldOutMessage(names));
    if (byId<HTMLDialogElement>('cart').open)
      say(`${soldOutMessage(names)}: it is not in your order any more.`);
  }

  private lineItem(line: GuestLine): HTMLLIElement {
    const item = make('li', line.unavailable ? 'line unavailable' : 'line');
    const head = make('div', 'line-head');
    const variation = line.variationName ? ` (${line.variationName})` : '';
    head.appendChild(make('span', null, `${line.quantity} × ${line.dishName}${variation}`));
    head.appendChild(make('span', 'price', this.money(line.unitPrice * line.quantity)));
    item.appendChild(head);
    const details = line.modifiers.map(
      (modifier) =>
        modifier.name + (modifier.priceDelta ? ` ${priceDeltaText(modifier.priceDelta, this.currency)}` : ''),
    );
    if (line.comment) details.push(`“${line.comment}”`);
    if (line.quantity > 1) details.push(`${this.money(line.unitPrice)} each`);
    if (details.length > 0) item.appendChild(make('p', 'line-detail', details.join(' · ')));
    if (line.unavailable) item.appendChild(make('p', 'sold-out', soldOutMessage([line.dishName])));
    const actions = make('div', 'stepper');
    if (!line.unavailable) {
      const fewer = `One fewer ${line.dishName}`;
      const more = `One more ${line.dishName}`;
      actions.appendChild(stepButton('−', fewer, () => this.changeQuantity(line, -1), line.quantity <= 1));
      actions.appendChild(make('span', 'qty', String(line.quantity)));
      actions.appendChild(stepButton('+', more, () => this.changeQuantity(line, 1), line.quantity >= 99));
    }
    const remove = stepButton('Remove', `Remove ${line.dishName}`, () => this.remove(line), false);
    remove.className = 'remove';
    actions.appendChild(remove);
    item.appendChild(actions);
    return item;
  }

  private changeQuantity(line: GuestLine, by: number): void {
    line.quantity = Math.max(1, Math.min(99, line.quantity + by));
    this.render();
    const same = byId('cart-lines').children[this.lines.indexOf(line)];
    const label = by > 0 ? 'One more' : 'One fewer';
    same?.querySelector<HTMLButtonElement>(`button[aria-label^="${label}"]`)?.focus();
  }

  private remove(line: GuestLine): void {
    this.lines.splice(this.lines.indexOf(line), 1);
    this.render();
    byId(this.lines.length > 0 ? 'send' : 'cart-close').focus();
  }
}

function stepButton(text: string, label: string, onClick: () => void, disabled: boolean): HTMLButtonElement {
  const button = make('button', null, text);
  button.type = 'button';
  button.setAttribute('aria-label', label);
  button.disabled = disabled;
  button.addEventListener('click', onClick);
  return button;
}
