import type { OrderItemView } from '../orders/dto/order-item.views';
import { ItemStatus } from '../orders/order-status';

/** A component as bills and receipts carry it (a DocumentComponent with every member). */
export interface GuestComponent {
  name: string;
  variationName: string | null;
  modifiers: Array<{ name: string }>;
}

/**
 * A combo line's components as the guest ordered them, for bills and receipts: the live ones, each by name with its
 * options' names, without its part of the price (that part exists only to tax and count it). Nothing for a plain
 * line, so its document has no `components` member and a receipt's hash is what it was before combos.
 */
export function guestComponents(item: OrderItemView): { components?: GuestComponent[] } {
  if (!item.components) return {};
  return {
    components: item.components
      .filter((component) => component.status !== ItemStatus.Cancelled)
      .map((component) => ({
        name: component.name,
        variationName: component.variationName || null,
        modifiers: component.modifiers.map(({ name }) => ({ name })),
      })),
  };
}
