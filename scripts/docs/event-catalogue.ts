import { EventType } from '../../src/event-log/event-type';

/**
 * What docs/events.md says of one event type: what `data` holds, and what narrows who receives it below its declared
 * audience (src/event-log/event-audiences.ts, from which the rest of the column is written).
 */
export interface EventDescription {
  data: string;
  note?: string;
  /** In INTEGRATION_EVENT_TYPES: API keys with `events:read` receive it and webhooks may subscribe to it. */
  integrations: boolean;
}

const KITCHEN_OF_FIRED =
  'the kitchen once an item was fired to it, not while the order is a pending QR order; the stations named are those of its fired items';

/**
 * Every event type of src/event-log/event-type.ts, described for clients. A Record, so a new type does not compile
 * until it is described here; test/docs.e2e-spec.ts checks docs/events.md against it and the integration flags
 * against INTEGRATION_EVENT_TYPES. Who receives it is DECLARED_AUDIENCES' (src/event-log/event-audiences.ts).
 */
export const EVENT_CATALOGUE: Record<EventType, EventDescription> = {
  [EventType.OrderCreated]: {
    data: 'the order, as `GET /orders/{id}` answers it',
    note: KITCHEN_OF_FIRED,
    integrations: true,
  },
  [EventType.OrderUpdated]: {
    data: 'the order; after a refund also `refund: {id, paymentId, amount, tip, reason, lines}`',
    note: `${KITCHEN_OF_FIRED}; not the kitchen for a refund`,
    integrations: true,
  },
  [EventType.OrderStatusChanged]: {
    data: 'the order with `previousStatus` (and `mergedInto` when a merge emptied it)',
    note: `${KITCHEN_OF_FIRED}; guests receive the guest's view of the order`,
    integrations: true,
  },
  [EventType.OrderItemStatusChanged]: {
    data: 'the order with `itemId` and `previousStatus`',
    note: KITCHEN_OF_FIRED,
    integrations: true,
  },
  [EventType.OrderPaid]: {
    data: 'the order with `payment` (the payment just taken)',
    integrations: true,
  },
  [EventType.OrderDelayed]: {
    data: "the order with `itemIds`: its items still cooking past the order's `fulfilment.promisedAt`, or else past their dish's `prepMinutes` since fired",
    note: 'the stations named are those of the late items',
    integrations: false,
  },
  [EventType.OrderFired]: {
    data: 'the order with `course` and the fired `itemIds`',
    note: 'the stations named are those of the fired items',
    integrations: true,
  },
  [EventType.OrderFulfilmentChanged]: {
    data: 'the order (its `fulfilment` with the new status, courier or promised time) with `previousFulfilmentStatus` (docs/fulfilment.md)',
    integrations: true,
  },
  [EventType.TerminalPaymentUpdated]: {
    data: 'the card terminal payment attempt, as `GET /terminal-payments/{id}` answers it (docs/terminals.md)',
    integrations: false,
  },
  [EventType.ReceiptIssued]: {
    data: 'the receipt, as `GET /receipts/{id}` answers it (a sale receipt when an order closes, a refund receipt with `refundOf` when a payment of a receipted order is refunded)',
    integrations: true,
  },
  [EventType.TableStatusChanged]: {
    data: 'the table `{id, name, locationId, seats, status, …}`, never its QR token',
    integrations: false,
  },
  [EventType.TableChanged]: {
    data:
      'the table `{id, name, locationId, seats, status, …, retired}` after it was added, changed (name, area, seats) ' +
      'or retired (`retired: true`): tablets show tables added during service without a reload',
    integrations: false,
  },
  [EventType.MenuAvailabilityChanged]: {
    data: '`{dishId, variationId?, available}` for a dish or variation, `{optionId, groupId, available}` for a modifier option',
    integrations: true,
  },
  [EventType.MenuUpdated]: {
    data:
      '`{reason: "schedule", edge}`: a schedule window opened or closed at `edge`, so the menu changed; reload it ' +
      '(GET /menu, whose ETag changed). Once per edge, whatever the number of instances',
    integrations: true,
  },
  [EventType.WaiterCalled]: {
    data: '`{tableId, tableName}`',
    integrations: false,
  },
  [EventType.MenuStockLow]: {
    data: '`{dishId, variationId, count}`',
    note: "the station named is the dish's",
    integrations: false,
  },
  [EventType.InventoryLow]: {
    data: '`{ingredientId, name, onHand, lowThreshold}`: a movement took the ingredient to its low threshold or below (docs/inventory.md)',
    integrations: false,
  },
  [EventType.InventoryOut]: {
    data: '`{ingredientId, name, onHand}`: the ingredient can no longer cover one portion of a variation or option that needs it; those went off the menu in the same commit (menu.availability_changed)',
    integrations: false,
  },
  [EventType.PrinterFailed]: {
    data: '`{printerId, name, error, backupPrinterId}`: once per outage, after PRINTER_FAILOVER_SECONDS of failing; its kitchen tickets print on `backupPrinterId` (null: none could take them)',
    integrations: false,
  },
  [EventType.PrintJobFailed]: {
    data: '`{jobId, printerId, kind, orderId, error}`: no printer could take the job (its printer failed and no backup could)',
    integrations: false,
  },
  [EventType.GiftCardActivity]: {
    data: '`{giftCard, activity}`: the card as `GET /gift-cards/{id}` answers it (never its code) and the new ledger line',
    integrations: true,
  },
  [EventType.DrawerMovementRecorded]: {
    data: '`{shift, movement}`: the shift as `GET /shifts/{id}` answers it and the cash paid in or out',
    integrations: false,
  },
  [EventType.ShiftClosed]: {
    data: 'the shift as `GET /shifts/{id}` answers it, counted and closed (a linked site sends it to headquarters)',
    integrations: false,
  },
  [EventType.CustomerUpdated]: {
    data: 'the customer, as `GET /customers/{id}` answers it (an erased one with every personal field null)',
    integrations: true,
  },
  [EventType.LoyaltyActivity]: {
    data: '`{customerId, activity, points}`: the ledger line (as in `GET /customers/{id}/loyalty`) and the balance after it',
    integrations: true,
  },
  [EventType.MenuChanged]: {
    data: '`{}`: every instance drops the menu it keeps in memory',
    integrations: false,
  },
  [EventType.StaffAccessChanged]: {
    data: '`{userId, reason, sessionId?, exceptSessionId?}`: every instance disconnects the matching sockets and forgets their principals',
    integrations: false,
  },
  [EventType.TableQrTokenChanged]: {
    data: "`{tableId, qrTokenHash}`: guests' sockets on an older token are disconnected",
    integrations: false,
  },
  [EventType.ApiKeyChanged]: {
    data: '`{keyId}`: every instance forgets the key and disconnects its sockets',
    integrations: false,
  },
  [EventType.IpBlocksChanged]: {
    data: '`{blockId, range, active}`: every instance reloads its block list and disconnects sockets in a new range',
    integrations: false,
  },
  [EventType.BusinessDayClosed]: {
    data:
      '`{businessDay, number}`: the day is closed with Z report `number`; every instance books later sales, ' +
      'payments and refunds on the next business day, and the back office shows the day closed',
    integrations: false,
  },
  [EventType.RestaurantUpdated]: {
    data:
      'the restaurant’s profile as `GET /restaurant` answers it, with `version`: every instance and open screen ' +
      'prints, books and formats with it from then on',
    integrations: false,
  },
  [EventType.HqSiteSales]: {
    data:
      'headquarters only: a site’s row of `GET /hq/live`, its sales of its current business day, after facts ' +
      'from it arrived or its day began',
    integrations: false,
  },
  [EventType.HqPublicationChanged]: {
    data:
      'headquarters only: `{publicationId, version, applied, pending, failed}` of a catalog publication, when it ' +
      'was made and whenever a site reported it applied or failed',
    integrations: false,
  },
  [EventType.TaxesChanged]: {
    data: '`{}`: every instance rebuilds the tax rates and mappings it keeps in memory',
    integrations: false,
  },
  [EventType.LabourChanged]: {
    data: '`{from, to}` (business days): a linked site’s hours worked or tips of those days changed; its sales upstream sends them to headquarters',
    integrations: false,
  },
};
