import { byId } from '../../common/browser/dom.js';
import { eventData, type PageSocket } from '../../common/browser/socket-io.js';
import { formatMinorUnits } from '../../i18n/money-format.js';
import { type AvailabilityChange, Cart } from './qr-cart.js';
import { DishSheet } from './qr-dish-sheet.js';
import { type GuestOrder, GuestOrders } from './qr-guest-orders.js';
import { MenuData } from './qr-menu-data.js';
import { say } from './qr-notices.js';
import { OrderSending } from './qr-order-sending.js';

/**
 * Ordering from the QR page (QR_ORDERING=true): the dish sheet, the cart and the guest's sent orders, followed
 * on the page's socket, and read again from the public order route when it (re)connects.
 */
export function startOrdering(token: string, currency: string, socket: PageSocket): void {
  const tableUrl = `/api/v1/public/tables/${encodeURIComponent(token)}`;
  const money = (minor: number) => formatMinorUnits(minor, currency);
  const menu = new MenuData(tableUrl, () => cart.check());
  const cart = new Cart(menu, money, currency);
  const sheet = new DishSheet(menu, cart, money, currency);
  const orders = new GuestOrders(tableUrl, `qr-orders:${token}`, money);
  const sending = new OrderSending(tableUrl, cart, orders);

  document.addEventListener('click', (event) => {
    const add = event.target instanceof Element ? event.target.closest('[data-add-dish]') : null;
    const dishId = add?.getAttribute('data-add-dish');
    if (dishId) sheet.open(dishId);
  });
  byId('open-cart').addEventListener('click', () => {
    say('');
    byId<HTMLDialogElement>('cart').showModal();
  });
  byId('cart-close').addEventListener('click', () => byId<HTMLDialogElement>('cart').close());
  byId('cart-form').addEventListener('submit', (event) => sending.send(event));

  socket.on('menu.availability_changed', (envelope) =>
    cart.availabilityChanged(eventData<AvailabilityChange>(envelope)),
  );
  socket.on('order.status_changed', (envelope) => orders.statusChanged(eventData<GuestOrder>(envelope)));
  socket.on('connect', () => {
    byId('offline').hidden = true;
    orders.reread();
  });
  socket.on('disconnect', () => {
    byId('offline').hidden = false;
  });
  menu.load().catch(() => undefined);
  cart.render();
}
