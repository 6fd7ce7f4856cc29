import type { Principal } from './principal';
import { Scope } from './scope';

/**
 * Who receives guests' personal data (API.md "Where features meet"): a customer's name and allergens on an order,
 * and its fulfilment's contact (name, phone, address). Staff do, by their roles; an API key (or a webhook, which
 * stands in for one) only with `customers:read`. The one visibility rule (src/visibility) applies it to every event
 * a key or webhook receives; REST order reads apply it to what they answer. It lives below both, beside the
 * channel rule.
 */
export function seesPersonalData(principal: Principal): boolean {
  return principal.kind === 'staff' || principal.scopes.includes(Scope.CustomersRead);
}

/** The fields of a fulfilment that reach a person: left out for whoever may not see personal data. */
const CONTACT_FIELDS = ['customerName', 'phone', 'address'] as const;

/**
 * An order (a view, or an order event's data) as someone without `customers:read` receives it: `customer: {id}`
 * and the fulfilment without its contact fields. The same object when it shows nobody, so shared envelopes stay
 * shared.
 */
export function withoutPersonalData<T extends object>(order: T): T {
  const { customer: shown, fulfilment: given } = order as { customer?: unknown; fulfilment?: unknown };
  const customer = isRecord(shown) ? shown : null;
  const fulfilment = isRecord(given) ? given : null;
  const showsContact = fulfilment !== null && CONTACT_FIELDS.some((field) => field in fulfilment);
  const showsCustomer = customer !== null && Object.keys(customer).some((field) => field !== 'id');
  if (!showsContact && !showsCustomer) return order;
  const stripped: Record<string, unknown> = { ...(order as Record<string, unknown>) };
  if (showsCustomer) stripped.customer = { id: customer.id };
  if (showsContact) {
    const rest = { ...fulfilment };
    for (const field of CONTACT_FIELDS) delete rest[field];
    stripped.fulfilment = rest;
  }
  return stripped as T;
}

/** An order for this caller: whole for those who see personal data, without it for the others. */
export function orderFor<T extends object>(principal: Principal, order: T): T {
  return seesPersonalData(principal) ? order : withoutPersonalData(order);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
