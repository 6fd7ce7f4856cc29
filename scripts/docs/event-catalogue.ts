import { EventType } from '../../src/event-log/event-type';

/** What docs/events.md says of one event type: what `data` holds, who receives it, whether webhooks may take it. */
export interface EventDescription {
  data: string;
  receivers: string;
  /** In INTEGRATION_EVENT_TYPES: API keys with `events:read` receive it and webhooks may subscribe to it. */
  integrations: boolean;
}

const ORDER_STAFF = 'waiters, managers, admins';
const KITCHEN_OF_FIRED =
  'kitchen once an item was fired to it, not while the order is a pending QR order (a screen with `stations`: those of its fired items)';
const INTERNAL = 'nobody: every instance acts on it as it tails the event log';

/**
 * Every event type of src/event-log/event-type.ts, described for clients. A Record, so a new type does not compile
 * until it is described here; test/docs.e2e-spec.ts checks docs/events.md against it and the integration flags
 * against INTEGRATION_EVENT_TYPES. The audiences are those the services append (orderAudience for orders).
 */
export const EVENT_CATALOGUE: Record<EventType, EventDescription> = {
  [EventType.OrderCreated]: {
    data: 'the order, as `GET /orders/{id}` answers it',
    receivers: `${KITCHEN_OF_FIRED}, ${ORDER_STAFF}, integrations`,
    integrations: true,
  },
  [EventType.OrderUpdated]: {
    data: 'the order; after a refund also `refund: {id, paymentId, amount, tip, reason, lines}`',
    receivers: `${KITCHEN_OF_FIRED}, but not for a refund; ${ORDER_STAFF}, integrations`,
    integrations: true,
  },
  [EventType.OrderStatusChanged]: {
    data: 'the order with `previousStatus` (and `mergedInto` when a merge emptied it)',
    receivers: `${KITCHEN_OF_FIRED}, ${ORDER_STAFF}, integrations, and the guests of its table's party (in the guest's view)`,
    integrations: true,
  },
  [EventType.OrderItemStatusChanged]: {
    data: 'the order with `itemId` and `previousStatus`',
    receivers: `${KITCHEN_OF_FIRED}, ${ORDER_STAFF}, integrations`,
    integrations: true,
  },
  [EventType.OrderPaid]: {
    data: 'the order with `payment` (the payment just taken)',
    receivers: `${ORDER_STAFF}, integrations`,
    integrations: true,
  },
  [EventType.OrderDelayed]: {
    data: "the order with `itemIds`: its items still cooking past the order's `fulfilment.promisedAt`, or else past their dish's `prepMinutes` since fired",
    receivers: 'kitchen (a screen with `stations`: those of the late items), waiters, managers',
    integrations: false,
  },
  [EventType.OrderFired]: {
    data: 'the order with `course` and the fired `itemIds`',
    receivers: `kitchen (a screen with \`stations\`: those of the fired items), ${ORDER_STAFF}, integrations`,
    integrations: true,
  },
  [EventType.OrderFulfilmentChanged]: {
    data: 'the order (its `fulfilment` with the new status, courier or promised time) with `previousFulfilmentStatus` (docs/fulfilment.md)',
    receivers: `${ORDER_STAFF}, integrations`,
    integrations: true,
  },
  [EventType.TerminalPaymentUpdated]: {
    data: 'the card terminal payment attempt, as `GET /terminal-payments/{id}` answers it (docs/terminals.md)',
    receivers: ORDER_STAFF,
    integrations: false,
  },
  [EventType.ReceiptIssued]: {
    data: 'the receipt, as `GET /receipts/{id}` answers it (a sale receipt when an order closes, a refund receipt with `refundOf` when a payment of a receipted order is refunded)',
    receivers: 'managers, admins, integrations',
    integrations: true,
  },
  [EventType.TableStatusChanged]: {
    data: 'the table `{id, name, locationId, seats, status, …}`, never its QR token',
    receivers: ORDER_STAFF,
    integrations: false,
  },
  [EventType.TableChanged]: {
    data:
      'the table `{id, name, locationId, seats, status, …, retired}` after it was added, changed (name, area, seats) ' +
      'or retired (`retired: true`): tablets show tables added during service without a reload',
    receivers: ORDER_STAFF,
    integrations: false,
  },
  [EventType.MenuAvailabilityChanged]: {
    data: '`{dishId, variationId?, available}` for a dish or variation, `{optionId, groupId, available}` for a modifier option',
    receivers: 'everyone: all staff, guests on every QR page, integrations',
    integrations: true,
  },
  [EventType.MenuUpdated]: {
    data:
      '`{reason: "schedule", edge}`: a schedule window opened or closed at `edge`, so the menu changed; reload it ' +
      '(GET /menu, whose ETag changed). Once per edge, whatever the number of instances',
    receivers: 'everyone: all staff, guests on every QR page, integrations',
    integrations: true,
  },
  [EventType.WaiterCalled]: {
    data: '`{tableId, tableName}`',
    receivers: 'waiters, managers',
    integrations: false,
  },
  [EventType.MenuStockLow]: {
    data: '`{dishId, variationId, count}`',
    receivers: "kitchen (a screen with `stations`: the dish's station), managers, admins",
    integrations: false,
  },
  [EventType.PrinterFailed]: {
    data: '`{printerId, name, error, backupPrinterId}`: once per outage, after PRINTER_FAILOVER_SECONDS of failing; its kitchen tickets print on `backupPrinterId` (null: none could take them)',
    receivers: 'managers, admins',
    integrations: false,
  },
  [EventType.PrintJobFailed]: {
    data: '`{jobId, printerId, kind, orderId, error}`: no printer could take the job (its printer failed and no backup could)',
    receivers: 'waiters, managers, admins, kitchen',
    integrations: false,
  },
  [EventType.GiftCardActivity]: {
    data: '`{giftCard, activity}`: the card as `GET /gift-cards/{id}` answers it (never its code) and the new ledger line',
    receivers: 'managers, admins, integrations',
    integrations: true,
  },
  [EventType.DrawerMovementRecorded]: {
    data: '`{shift, movement}`: the shift as `GET /shifts/{id}` answers it and the cash paid in or out',
    receivers: 'managers, admins',
    integrations: false,
  },
  [EventType.ShiftClosed]: {
    data: 'the shift as `GET /shifts/{id}` answers it, counted and closed (a linked site sends it to headquarters)',
    receivers: 'managers, admins',
    integrations: false,
  },
  [EventType.CustomerUpdated]: {
    data: 'the customer, as `GET /customers/{id}` answers it (an erased one with every personal field null)',
    receivers: 'managers, admins, integrations whose key holds `customers:read`',
    integrations: true,
  },
  [EventType.LoyaltyActivity]: {
    data: '`{customerId, activity, points}`: the ledger line (as in `GET /customers/{id}/loyalty`) and the balance after it',
    receivers: 'managers, admins, integrations whose key holds `customers:read`',
    integrations: true,
  },
  [EventType.MenuChanged]: {
    data: '`{}`: every instance drops the menu it keeps in memory',
    receivers: INTERNAL,
    integrations: false,
  },
  [EventType.StaffAccessChanged]: {
    data: '`{userId, reason, sessionId?, exceptSessionId?}`: every instance disconnects the matching sockets and forgets their principals',
    receivers: INTERNAL,
    integrations: false,
  },
  [EventType.TableQrTokenChanged]: {
    data: "`{tableId, qrTokenHash}`: guests' sockets on an older token are disconnected",
    receivers: INTERNAL,
    integrations: false,
  },
  [EventType.ApiKeyChanged]: {
    data: '`{keyId}`: every instance forgets the key and disconnects its sockets',
    receivers: INTERNAL,
    integrations: false,
  },
  [EventType.IpBlocksChanged]: {
    data: '`{blockId, range, active}`: every instance reloads its block list and disconnects sockets in a new range',
    receivers: INTERNAL,
    integrations: false,
  },
  [EventType.BusinessDayClosed]: {
    data:
      '`{businessDay, number}`: the day is closed with Z report `number`; every instance books later sales, ' +
      'payments and refunds on the next business day, and the back office shows the day closed',
    receivers: 'managers, admins',
    integrations: false,
  },
  [EventType.RestaurantUpdated]: {
    data:
      'the restaurant’s profile as `GET /restaurant` answers it, with `version`: every instance and open screen ' +
      'prints, books and formats with it from then on',
    receivers: 'every staff role (waiters, kitchen, managers, admins)',
    integrations: false,
  },
  [EventType.HqSiteSales]: {
    data:
      'headquarters only: a site’s row of `GET /hq/live`, its sales of its current business day, after facts ' +
      'from it arrived or its day began',
    receivers: 'managers, admins (of headquarters)',
    integrations: false,
  },
  [EventType.HqPublicationChanged]: {
    data:
      'headquarters only: `{publicationId, version, applied, pending, failed}` of a catalog publication, when it ' +
      'was made and whenever a site reported it applied or failed',
    receivers: 'managers, admins (of headquarters)',
    integrations: false,
  },
  [EventType.TaxesChanged]: {
    data: '`{}`: every instance rebuilds the tax rates and mappings it keeps in memory',
    receivers: INTERNAL,
    integrations: false,
  },
};
