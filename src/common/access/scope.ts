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
  GiftCardsWrite = 'gift_cards:write',
  CustomersRead = 'customers:read',
  CustomersWrite = 'customers:write',
}

export const ALL_SCOPES: readonly Scope[] = Object.values(Scope);
