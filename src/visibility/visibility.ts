import { seesPersonalData } from '../common/access/personal-data';
import type { ApiKeyPrincipal } from '../common/access/principal';
import { Role } from '../common/access/role';
import type { OrderView } from '../orders/dto/order.views';
import { PublicOrderView } from '../public/public.views';
import { EventEnvelope } from './event-envelope';
import type { EventRecord } from '../event-log/event-record.entity';
import type { Viewer } from './viewer';

/**
 * The one visibility rule, for live pushes, replay and REST catch-up alike: what this viewer receives of this
 * event, or null when it receives nothing.
 */
export function visibleTo(event: EventRecord, viewer: Viewer): EventEnvelope | null {
  const { audience } = event;
  switch (viewer.kind) {
    case 'staff': {
      if (!audience.roles.includes(viewer.principal.role)) return null;
      const stationFilter = viewer.principal.role === Role.Kitchen ? viewer.stationIds : null;
      if (
        stationFilter &&
        audience.stationIds &&
        !audience.stationIds.some((id) => stationFilter.includes(id))
      ) {
        return null;
      }
      return viewer.principal.role === Role.Kitchen
        ? kitchenItems(EventEnvelope.of(event), stationFilter)
        : EventEnvelope.of(event);
    }
    case 'customer': {
      const customers = audience.customers;
      const sees =
        customers === 'all' ||
        (customers !== undefined &&
          customers.tableId === viewer.tableId &&
          customers.seating === viewer.seating);
      return sees ? guestCopy(EventEnvelope.of(event)) : null;
    }
    case 'integration': {
      const scope = audience.integrationScope;
      const sees = audience.integrations && (!scope || viewer.principal.scopes.includes(scope));
      if (!sees || !ofItsChannel(event, viewer.principal)) return null;
      return seesPersonalData(viewer.principal) ? EventEnvelope.of(event) : EventEnvelope.impersonal(event);
    }
  }
}

/**
 * What a key bound to a channel hears (docs/channels.md): the events of its own channel's orders (their order's
 * `fulfilment.channel` is its channel) and the menu's; nothing of other orders, customers or cards. An unbound
 * key hears all its scopes allow.
 */
function ofItsChannel(event: EventRecord, principal: ApiKeyPrincipal): boolean {
  const code = principal.channelCode;
  if (!code || event.type.startsWith('menu.')) return true;
  const fulfilment = event.data.fulfilment as { channel?: unknown } | null | undefined;
  return typeof fulfilment === 'object' && fulfilment !== null && fulfilment.channel === code;
}

/**
 * What the kitchen sees of an order's items: on a screen that chose stations, only those stations' items. Held
 * ones stay, with status `held`, as GET /kitchen/tickets shows them: a screen shows a later course as waiting, and
 * one that follows the events shows what one that reloads does. The shared envelope when nothing is left out, so
 * most events are still serialised once for every audience.
 */
function kitchenItems(envelope: EventEnvelope, stationIds: string[] | null): EventEnvelope {
  const items = envelope.data.items;
  if (!stationIds || !Array.isArray(items)) return envelope;
  const shown = (item: { stationId?: unknown }) => stationIds.includes(item.stationId as string);
  // A combo line stays while one of its components is shown, with only those.
  const mine = items.flatMap((item: { status?: unknown; stationId?: unknown; components?: unknown }) => {
    if (!Array.isArray(item.components)) return shown(item) ? [item] : [];
    const components = item.components.filter(shown);
    if (components.length === item.components.length) return [item];
    return components.length > 0 ? [{ ...item, components }] : [];
  });
  if (mine.length === items.length && mine.every((item, i) => item === items[i])) return envelope;
  return { ...envelope, data: { ...envelope.data, items: mine } };
}

/**
 * What a guest's phone receives of an order: what GET /public/tables/:qrToken/orders/:orderId answers (status,
 * ticket number, lines and total) and the previous status, never the staff's side of it (waiter, stations,
 * discount reasons, who voided what). Other events (the menu's) are for everyone as they are.
 */
function guestCopy(envelope: EventEnvelope): EventEnvelope {
  const data = envelope.data;
  if (!Array.isArray(data.items)) return envelope;
  const guest: Record<string, unknown> = { ...PublicOrderView.of(data as unknown as OrderView) };
  if (data.previousStatus !== undefined) guest.previousStatus = data.previousStatus;
  return { ...envelope, data: guest };
}
