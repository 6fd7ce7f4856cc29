import type { OpenAPIObject } from '@nestjs/swagger';
import { EventType } from './event-log/event-type';

type Schema = Record<string, unknown>;

/** Event types that stay inside the service (instances tell each other): GET /events and sockets never carry them. */
type ServerOnly =
  | EventType.MenuChanged
  | EventType.StaffAccessChanged
  | EventType.TableQrTokenChanged
  | EventType.ApiKeyChanged
  | EventType.IpBlocksChanged
  | EventType.TaxesChanged
  | EventType.LabourChanged;
type ClientEventType = Exclude<EventType, ServerOnly>;

const ref = (name: string): Schema => ({ $ref: `#/components/schemas/${name}` });
const uuid: Schema = { type: 'string', format: 'uuid' };
const text: Schema = { type: 'string' };
const uuids: Schema = { type: 'array', items: uuid };
const orNull = (schema: Schema): Schema => ({ ...schema, type: [schema.type, 'null'] });
const object = (properties: Record<string, Schema>, optional: string[] = []): Schema => ({
  type: 'object',
  properties,
  required: Object.keys(properties).filter((name) => !optional.includes(name)),
});
/** The order as `GET /orders/{id}` answers it, with the fields this event adds. */
const order = (properties: Record<string, Schema> = {}, optional: string[] = []): Schema =>
  Object.keys(properties).length === 0
    ? ref('OrderView')
    : { allOf: [ref('OrderView'), object(properties, optional)] };

const REFUND = object({
  id: uuid,
  paymentId: uuid,
  amount: { type: 'integer' },
  tip: { type: 'integer' },
  reason: text,
  lines: {
    type: 'array',
    items: object({
      itemId: uuid,
      name: text,
      variationName: orNull(text),
      quantity: { type: 'integer', minimum: 1 },
      unitPrice: { type: 'integer' },
      amount: { type: 'integer' },
    }),
  },
});

/**
 * What each event's `data` holds, by type, as docs/events.md catalogues it (and src/clients/shared/events.ts
 * types it for the web clients). A Record, so that an event type clients receive does not compile until its data
 * is described here.
 */
const EVENT_DATA: Record<ClientEventType, Schema> = {
  [EventType.OrderCreated]: order(),
  [EventType.OrderUpdated]: order({ refund: REFUND }, ['refund']),
  [EventType.OrderStatusChanged]: order({ previousStatus: ref('OrderStatus'), mergedInto: uuid }, [
    'mergedInto',
  ]),
  [EventType.OrderItemStatusChanged]: order({ itemId: uuid, previousStatus: ref('ItemStatus') }),
  [EventType.OrderPaid]: order({ payment: ref('PaymentView') }),
  [EventType.OrderDelayed]: order({ itemIds: uuids }),
  [EventType.OrderFired]: order({ course: { type: 'integer', minimum: 1 }, itemIds: uuids }),
  [EventType.OrderFulfilmentChanged]: order({ previousFulfilmentStatus: ref('FulfilmentStatus') }),
  [EventType.TableStatusChanged]: ref('TableView'),
  [EventType.TableChanged]: { allOf: [ref('TableView'), object({ retired: { type: 'boolean' } })] },
  [EventType.TerminalPaymentUpdated]: ref('TerminalPaymentView'),
  [EventType.ReceiptIssued]: ref('ReceiptView'),
  // A dish or one of its variations; or a modifier option of a group.
  [EventType.MenuAvailabilityChanged]: {
    oneOf: [
      object({ dishId: uuid, variationId: uuid, available: { type: 'boolean' } }, ['variationId']),
      object({ optionId: uuid, groupId: uuid, available: { type: 'boolean' } }),
    ],
  },
  [EventType.WaiterCalled]: object({ tableId: uuid, tableName: text }),
  [EventType.MenuStockLow]: object({ dishId: uuid, variationId: uuid, count: { type: 'integer' } }),
  [EventType.InventoryLow]: object({
    ingredientId: uuid,
    name: text,
    onHand: { type: 'integer' },
    lowThreshold: { type: 'integer' },
  }),
  [EventType.InventoryOut]: object({ ingredientId: uuid, name: text, onHand: { type: 'integer' } }),
  [EventType.PrinterFailed]: object({
    printerId: uuid,
    name: text,
    error: text,
    backupPrinterId: orNull(uuid),
  }),
  [EventType.PrintJobFailed]: object({
    jobId: uuid,
    printerId: uuid,
    kind: text,
    orderId: orNull(uuid),
    error: text,
  }),
  [EventType.GiftCardActivity]: object({
    giftCard: ref('GiftCardView'),
    activity: ref('GiftCardActivityView'),
  }),
  [EventType.CustomerUpdated]: ref('CustomerView'),
  [EventType.LoyaltyActivity]: object({
    customerId: uuid,
    activity: ref('LoyaltyActivityView'),
    points: { type: 'integer' },
  }),
  [EventType.MenuUpdated]: object({ reason: { type: 'string', enum: ['schedule'] }, edge: text }, ['edge']),
  [EventType.DrawerMovementRecorded]: object({
    shift: ref('ShiftView'),
    movement: ref('DrawerMovementView'),
  }),
  [EventType.ShiftClosed]: ref('ShiftView'),
  [EventType.BusinessDayClosed]: object({
    businessDay: { type: 'string', format: 'date' },
    number: { type: 'integer', minimum: 1 },
  }),
  [EventType.RestaurantUpdated]: {
    allOf: [ref('RestaurantView'), object({ version: { type: 'integer', minimum: 1 } })],
  },
  [EventType.HqSiteSales]: ref('HqLiveSiteView'),
  [EventType.HqPublicationChanged]: object({
    publicationId: uuid,
    version: { type: 'integer', minimum: 1 },
    applied: { type: 'integer', minimum: 0 },
    pending: { type: 'integer', minimum: 0 },
    failed: { type: 'integer', minimum: 0 },
  }),
};

/** The component name of one event type's envelope: `order.status_changed` → `OrderStatusChangedEvent`. */
export function eventSchemaName(type: string): string {
  return `${type.replace(/(^|[._])([a-z])/g, (_, __, letter: string) => letter.toUpperCase())}Event`;
}

/**
 * The event envelope, exact per type: one component per event type clients receive (`{seq, type, occurredAt,
 * data}` with that type's data), and `EventEnvelope` as their `oneOf`, told apart by `type`.
 */
export function typeEventEnvelopes(document: OpenAPIObject): void {
  const schemas = document.components!.schemas as Record<string, Schema>;
  const envelope = schemas.EventEnvelope as { properties: Record<string, Schema>; required: string[] };
  const mapping: Record<string, string> = {};
  for (const [type, data] of Object.entries(EVENT_DATA)) {
    const name = eventSchemaName(type);
    mapping[type] = `#/components/schemas/${name}`;
    schemas[name] = {
      type: 'object',
      description: `The ${type} event`,
      properties: {
        ...envelope.properties,
        type: { type: 'string', enum: [type] },
        data: { ...data, description: envelope.properties.data.description },
      },
      required: envelope.required,
    };
  }
  schemas.EventEnvelope = {
    description:
      'An event as clients receive it, over socket.io (as the event named `type`) and from GET /events',
    oneOf: Object.values(mapping).map(($ref) => ({ $ref })),
    discriminator: { propertyName: 'type', mapping },
  };
}
