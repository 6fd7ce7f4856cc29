/** Every event type of the log. Client-visible types are those of API.md; `staff.*` ones stay inside the service. */
export enum EventType {
  OrderCreated = 'order.created',
  OrderUpdated = 'order.updated',
  OrderStatusChanged = 'order.status_changed',
  OrderItemStatusChanged = 'order.item_status_changed',
  OrderPaid = 'order.paid',
  OrderDelayed = 'order.delayed',
  /** Held items of a course went to the kitchen: the order, with `course` and the fired `itemIds`. */
  OrderFired = 'order.fired',
  /** A takeaway or delivery order's fulfilment changed: the order, with `previousFulfilmentStatus`. */
  OrderFulfilmentChanged = 'order.fulfilment_changed',
  TableStatusChanged = 'table.status_changed',
  /** A table was added, renamed, moved or resized, or retired: the table, with `retired`. */
  TableChanged = 'table.changed',
  /** A card terminal payment attempt changed (started, in progress, ended, cancel asked): the attempt. */
  TerminalPaymentUpdated = 'terminal_payment.updated',
  /** A receipt was issued (an order closed, or a payment of a receipted order was refunded): the receipt. */
  ReceiptIssued = 'receipt.issued',
  MenuAvailabilityChanged = 'menu.availability_changed',
  WaiterCalled = 'waiter.called',
  /** A counted variation is at or below STOCK_LOW_THRESHOLD after an order: `{dishId, variationId, count}`. */
  MenuStockLow = 'menu.stock_low',
  /** An ingredient fell to its low threshold: `{ingredientId, name, onHand, lowThreshold}`. */
  InventoryLow = 'inventory.low',
  /** An ingredient can no longer cover one portion of something that needs it: `{ingredientId, name, onHand}`. */
  InventoryOut = 'inventory.out',
  /** A printer failed for PRINTER_FAILOVER_SECONDS: `{printerId, name, error, backupPrinterId}`. */
  PrinterFailed = 'printer.failed',
  /** No printer could take a print job: `{jobId, printerId, kind, orderId, error}`. */
  PrintJobFailed = 'print_job.failed',
  /** A gift card's ledger moved: `{giftCard, activity}`, never the card's code. */
  GiftCardActivity = 'gift_card.activity',
  /** Cash was paid into or out of an open drawer shift: `{shift, movement}`. */
  DrawerMovementRecorded = 'shift.drawer_movement',
  /** A drawer shift was counted and closed: the shift as GET /shifts/{id} answers it. */
  ShiftClosed = 'shift.closed',
  /** A customer was created, changed or erased: the customer as GET /customers/{id} answers. */
  CustomerUpdated = 'customer.updated',
  /** A line of a customer's points ledger: `{customerId, activity, points}`. */
  LoyaltyActivity = 'loyalty.activity',
  /** A schedule window opened or closed: `{reason: "schedule", edge}`, once per edge whatever the instances. */
  MenuUpdated = 'menu.updated',
  /** Something on the menu changed: every instance replaces the menu it keeps in memory. Nobody receives it. */
  MenuChanged = 'menu.changed',
  /** A session ended or a user lost access: every instance disconnects the matching sockets. Nobody receives it. */
  StaffAccessChanged = 'staff.access_changed',
  /** A table's QR token was rotated (or the table retired): guests' sockets on an old token go. Nobody receives it. */
  TableQrTokenChanged = 'table.qr_token_changed',
  /** An API key was changed, rotated, deactivated or deleted: every instance forgets it, its sockets go. Nobody receives it. */
  ApiKeyChanged = 'api_key.changed',
  /** An address block was added or lifted: every instance reloads its block list, sockets in the range go. Nobody receives it. */
  IpBlocksChanged = 'ip_blocks.changed',
  /** A business day was closed (its Z report written): every instance books later sales on the next day; managers' and admins' screens show it closed. */
  BusinessDayClosed = 'business_day.closed',
  /** The restaurant's profile changed: the profile as GET /restaurant answers it, with `version`. */
  RestaurantUpdated = 'restaurant.updated',
  /** A tax rate or mapping was changed: every instance replaces the rates it keeps in memory. Nobody receives it. */
  TaxesChanged = 'taxes.changed',
  /**
   * A linked site's hours worked or tips of some business days changed: `{from, to}` (business days). Nobody
   * receives it: the sales upstream sends those days' labour and tips to headquarters.
   */
  LabourChanged = 'labour.changed',
  /** Headquarters: a site's sales of its current business day changed (facts arrived, or its day began). */
  HqSiteSales = 'hq.site_sales',
  /** Headquarters: a catalog publication was made, or a site reported it applied or failed; its counts now. */
  HqPublicationChanged = 'hq.publication_changed',
}

/** Integration events that are guests' personal data through and through: only for customers:read. */
export const PERSONAL_EVENT_TYPES: readonly EventType[] = [
  EventType.CustomerUpdated,
  EventType.LoyaltyActivity,
];

/** The types that may reach integrations (API.md's event table): what a webhook can subscribe to. */
export const INTEGRATION_EVENT_TYPES: readonly EventType[] = [
  EventType.OrderCreated,
  EventType.OrderUpdated,
  EventType.OrderStatusChanged,
  EventType.OrderItemStatusChanged,
  EventType.OrderPaid,
  EventType.OrderFired,
  EventType.OrderFulfilmentChanged,
  EventType.MenuAvailabilityChanged,
  EventType.MenuUpdated,
  EventType.GiftCardActivity,
  EventType.ReceiptIssued,
  EventType.CustomerUpdated,
  EventType.LoyaltyActivity,
];
