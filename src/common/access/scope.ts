/** What an API key may do (API.md "Roles"): keys carry scopes instead of a role. */
export enum Scope {
  MenuRead = 'menu:read',
  MenuWrite = 'menu:write',
  TablesRead = 'tables:read',
  OrdersRead = 'orders:read',
  OrdersWrite = 'orders:write',
  PaymentsWrite = 'payments:write',
  EventsRead = 'events:read',
  ReportsRead = 'reports:read',
  /** A print agent: receives the jobs of the printers its key names (`printerIds`), nothing else. */
  PrintAgent = 'print:agent',
  GiftCardsWrite = 'gift_cards:write',
  CustomersRead = 'customers:read',
  CustomersWrite = 'customers:write',
  InventoryRead = 'inventory:read',
  InventoryWrite = 'inventory:write',
}

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);
