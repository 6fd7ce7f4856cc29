import { Role } from '../common/access/role';
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
      return stationFilter
        ? onlyStationItems(EventEnvelope.of(event), stationFilter)
        : EventEnvelope.of(event);
    }
    case 'customer': {
      const customers = audience.customers;
      const sees =
        customers === 'all' ||
        (customers !== undefined &&
          customers.tableId === viewer.tableId &&
          customers.seating === viewer.seating);
      return sees ? EventEnvelope.of(event) : null;
    }
    case 'integration':
      return audience.integrations ? EventEnvelope.of(event) : null;
  }
}

/** A kitchen screen that chose stations gets an order without the other stations' items. */
function onlyStationItems(envelope: EventEnvelope, stationIds: string[]): EventEnvelope {
  const items = envelope.data.items;
  if (!Array.isArray(items)) return envelope;
  const mine = items.filter((item: { stationId?: unknown }) => stationIds.includes(item.stationId as string));
  return { ...envelope, data: { ...envelope.data, items: mine } };
}
