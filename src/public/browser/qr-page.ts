import { byId, pageData } from '../../common/browser/dom.js';
import { openSocket } from '../../common/browser/socket-io.js';
import { startOrdering } from './qr-ordering.js';

/**
 * The QR page, without a framework: live updates re-fetch the page's menu and swap it in when something is 86'd
 * or back; the guest can call a waiter; with ordering on, the cart shares the page's socket.
 */
const token = pageData('qrToken');
const socket = openSocket({ qrToken: token });

function refreshMenu(): void {
  fetch(`${location.pathname}?part=menu`, { cache: 'no-store' })
    .then((response) => (response.ok ? response.text() : null))
    .then((text) => {
      if (!text) return;
      const fresh = new DOMParser().parseFromString(text, 'text/html').body.firstElementChild;
      const current = document.querySelector('main');
      if (fresh && current) current.replaceWith(fresh);
    })
    .catch(() => undefined);
}

function callWaiter(button: HTMLButtonElement): void {
  const status = byId('call-status');
  button.disabled = true;
  fetch(`/api/v1/public/tables/${encodeURIComponent(token)}/call-waiter`, { method: 'POST' })
    .then((response) => {
      status.textContent = response.ok
        ? 'A waiter is on the way.'
        : response.status === 429
          ? 'Your waiter has already been called.'
          : 'Sorry, that did not work. Please wave to a member of staff.';
    })
    .catch(() => {
      status.textContent = 'No connection. Please wave to a member of staff.';
    })
    .finally(() => setTimeout(() => (button.disabled = false), 5000));
}

socket.on('menu.availability_changed', refreshMenu);
socket.io.on('reconnect', refreshMenu);
// data-live tells the guest's page (and tests) whether updates arrive live right now.
socket.on('connect', () => document.body.setAttribute('data-live', 'true'));
socket.on('disconnect', () => document.body.setAttribute('data-live', 'false'));
const callButton = byId<HTMLButtonElement>('call-waiter');
callButton.addEventListener('click', () => callWaiter(callButton));
if (pageData('ordering') === 'true') startOrdering(token, pageData('currency'), socket);
