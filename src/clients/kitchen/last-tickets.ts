import type { Order } from './ticket-board';

/**
 * The orders the screen last knew from the service, kept in localStorage for its device, so a reload without the
 * network shows them (and says how old they are) rather than an empty board. Written only while the screen is
 * live, so what it keeps is what the service told it.
 */

const KEY = 'pos.kitchen.lastTickets';

export interface LastTickets {
  deviceId: string;
  /** When the screen last knew these orders to be the open ones (ISO). */
  knownAt: string;
  orders: Order[];
}

export const lastTickets = {
  /** What this device kept, or null: none kept, or another device's (the browser was paired again). */
  read(deviceId: string): LastTickets | null {
    try {
      const kept = JSON.parse(localStorage.getItem(KEY) ?? 'null') as LastTickets | null;
      return kept?.deviceId === deviceId ? kept : null;
    } catch {
      return null;
    }
  },
  keep(deviceId: string, orders: Order[]): string {
    const knownAt = new Date().toISOString();
    try {
      localStorage.setItem(KEY, JSON.stringify({ deviceId, knownAt, orders } satisfies LastTickets));
    } catch {
      // A full storage keeps the older copy: the screen still says how old what it shows is.
    }
    return knownAt;
  },
};
