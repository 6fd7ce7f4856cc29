import { ALL_ROLES, Role } from '../common/access/role';
import { Scope } from '../common/access/scope';
import type { Audience } from './audience';
import { EventType } from './event-type';

/**
 * Who may hear an event type, at the most: the audience its services address it to is this or narrower (an order's
 * kitchen only once an item was fired to it, say). docs/events.md is generated from it, and
 * test/event-audiences.e2e-spec.ts checks every socket audience and every stored event against it.
 */
export interface DeclaredAudience {
  /** The staff roles whose sockets hear it. */
  roles: readonly Role[];
  /** A kitchen screen that chose stations hears it only when the event names one of them. */
  byStation: boolean;
  /** Guests' QR pages: every one, or those of the order's table and seating (its party); null: none. */
  guests: 'all' | 'party' | null;
  /** API keys with `events:read` hear it (and may subscribe webhooks to it). */
  integrations: boolean;
  /** A scope an integration's key must hold besides. */
  integrationScope: Scope | null;
  /** Raised at headquarters only (POS_ROLE=hq), to its own staff. */
  headquarters: boolean;
}

const { Admin, Manager, Waiter, Kitchen } = Role;
const ORDER_STAFF = [Waiter, Manager, Admin];
const WITH_KITCHEN = [Kitchen, Waiter, Manager, Admin];
const BACK_OFFICE = [Manager, Admin];

const audience = (roles: readonly Role[], more: Partial<DeclaredAudience> = {}): DeclaredAudience => ({
  roles,
  byStation: false,
  guests: null,
  integrations: false,
  integrationScope: null,
  headquarters: false,
  ...more,
});
const NOBODY = audience([]);
const ORDER_WORK = audience(WITH_KITCHEN, { byStation: true, integrations: true });
const EVERYONE = audience(ALL_ROLES, { guests: 'all', integrations: true });
const GUESTS_DATA = audience(BACK_OFFICE, { integrations: true, integrationScope: Scope.CustomersRead });

/** A Record, so that a new event type does not compile until it says who hears it. */
export const DECLARED_AUDIENCES: Record<EventType, DeclaredAudience> = {
  [EventType.OrderCreated]: ORDER_WORK,
  [EventType.OrderUpdated]: ORDER_WORK,
  [EventType.OrderStatusChanged]: { ...ORDER_WORK, guests: 'party' },
  [EventType.OrderItemStatusChanged]: ORDER_WORK,
  [EventType.OrderPaid]: audience(ORDER_STAFF, { integrations: true }),
  [EventType.OrderDelayed]: audience([Kitchen, Waiter, Manager], { byStation: true }),
  [EventType.OrderFired]: ORDER_WORK,
  [EventType.OrderFulfilmentChanged]: ORDER_WORK,
  [EventType.TerminalPaymentUpdated]: audience(ORDER_STAFF),
  [EventType.ReceiptIssued]: audience(BACK_OFFICE, { integrations: true }),
  [EventType.TableStatusChanged]: audience(ORDER_STAFF),
  [EventType.TableChanged]: audience(ORDER_STAFF),
  [EventType.MenuAvailabilityChanged]: EVERYONE,
  [EventType.MenuUpdated]: EVERYONE,
  [EventType.WaiterCalled]: audience([Waiter, Manager]),
  [EventType.MenuStockLow]: audience([Kitchen, Manager, Admin], { byStation: true }),
  [EventType.InventoryLow]: audience([Kitchen, Manager, Admin]),
  [EventType.InventoryOut]: audience([Kitchen, Manager, Admin]),
  [EventType.PrinterFailed]: audience(BACK_OFFICE),
  [EventType.PrintJobFailed]: audience(WITH_KITCHEN),
  [EventType.GiftCardActivity]: audience(BACK_OFFICE, { integrations: true }),
  [EventType.DrawerMovementRecorded]: audience(BACK_OFFICE),
  [EventType.ShiftClosed]: audience(BACK_OFFICE),
  [EventType.CustomerUpdated]: GUESTS_DATA,
  [EventType.LoyaltyActivity]: GUESTS_DATA,
  [EventType.MenuChanged]: NOBODY,
  [EventType.StaffAccessChanged]: NOBODY,
  [EventType.TableQrTokenChanged]: NOBODY,
  [EventType.ApiKeyChanged]: NOBODY,
  [EventType.IpBlocksChanged]: NOBODY,
  [EventType.BusinessDayClosed]: audience(BACK_OFFICE),
  [EventType.RestaurantUpdated]: audience(ALL_ROLES),
  [EventType.TaxesChanged]: NOBODY,
  [EventType.LabourChanged]: NOBODY,
  [EventType.HqSiteSales]: audience(BACK_OFFICE, { headquarters: true }),
  [EventType.HqPublicationChanged]: audience(BACK_OFFICE, { headquarters: true }),
};

/**
 * The audience of an event of a type whose audience does not depend on the event: what its service stores with
 * it. (Orders' events, stock and delays name their stations, and guests their party: orderAudience and the
 * services that raise them narrow the declaration.)
 */
export function audienceOf(type: EventType): Audience {
  const declared = DECLARED_AUDIENCES[type];
  if (declared.byStation || declared.guests === 'party') {
    throw new Error(`${type}: its audience depends on the event`);
  }
  return {
    roles: [...declared.roles],
    ...(declared.guests === 'all' ? { customers: 'all' as const } : {}),
    ...(declared.integrations ? { integrations: true } : {}),
    ...(declared.integrationScope ? { integrationScope: declared.integrationScope } : {}),
  };
}
