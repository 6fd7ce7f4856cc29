/**
 * Who may call each operation (`x-access`, and said in its description), from the access metadata the decorators
 * put on it, and the document's tags with what each covers.
 */
import { ALL_ROLES, Role } from './common/access/role';
import type { Scope } from './common/access/scope';

type Operation = { description?: string; tags?: string[]; [extension: string]: unknown };

/** What each tag (a domain, named on its controllers) covers; the document lists them in this order. */
const TAGS: Record<string, string> = {
  auth: 'Signing in with a password or PIN, tokens, second factors and the PIN pad’s staff list',
  restaurant: 'The restaurant’s profile: name, address, tax number, time zone, currency, country, locale',
  staff: 'Staff accounts: roles, passwords, PINs',
  floor: 'Locations, tables and their QR codes',
  menu: 'Categories, dishes, modifiers, combos, allergens, ingredients, stations and menu schedules',
  inventory:
    'Inventory by recipe: ingredients’ stock, recipes and plate cost, prep batches, the ledger of stock movements',
  taxes: 'Tax rates and how dishes and order types map to them',
  pricing: 'Price levels and price rules (happy hours, discounts by the clock)',
  orders: 'Orders, their items, courses, checks and transitions',
  payments: 'Payment methods, payments, tips and refunds',
  terminals: 'Card terminals and the payments they take',
  'gift cards': 'Gift cards: issue, top up, redeem, void',
  guests: 'Customers, their allergens and loyalty',
  receipts: 'Receipts as JSON, PDF, ESC/POS and QR codes',
  printers: 'Printers, print jobs and reprints',
  fiscal: 'Fiscal signing (TSE) and the DSFinV-K export',
  kitchen: 'Kitchen screens: tickets, stations, paired devices',
  'pickup boards': 'Pickup boards that show guests which orders are ready',
  headquarters:
    'A chain: headquarters’ sites and site groups (POS_ROLE=hq), and a site’s link to its headquarters (POS_ROLE=site)',
  channels: 'Takeaway and delivery channels and the orders they bring',
  shifts: 'Cash drawer shifts and their counts',
  'time-clock': 'Staff clocking in and out, their breaks and the hours they worked',
  jobs: 'Jobs and the hourly wage each person is paid in each',
  tips: 'Tips by rule: card and declared tips, the ordered tip-outs and pools, the tip report and payouts',
  'business-days': 'Business days: closing the day',
  reports: 'Sales, payments, staff and channel reports, as JSON and CSV',
  devices: 'Tablets’ offline outboxes: what the server applied',
  events: 'The event feed: catching up on what happened',
  webhooks: 'Webhook subscriptions and their deliveries',
  integrations: 'API keys for integrations: scopes and limits',
  audit: 'The audit log of who changed what',
  security: 'Security events and blocked addresses',
  public: 'What guests reach without signing in: the QR menu, ordering at the table, receipts by link',
  clients: 'The web clients’ pages and scripts: back office, waiter tablet, kitchen screen, pickup board',
  operations: 'Health, readiness and metrics',
};

/** Top-level tags, with descriptions, for the tags the operations use; a tag without one is a mistake here. */
export function documentedTags(operations: Operation[]): Array<{ name: string; description: string }> {
  const used = new Set(operations.flatMap((operation) => operation.tags ?? []));
  const unknown = [...used].filter((tag) => !(tag in TAGS));
  if (unknown.length > 0) throw new Error(`OpenAPI tags without a description: ${unknown.join(', ')}`);
  return Object.entries(TAGS)
    .filter(([name]) => used.has(name))
    .map(([name, description]) => ({ name, description }));
}

/**
 * Who may call an operation, as the document carries it (`x-access`): derived here, and only here, from what the
 * access decorators put on the route (`x-public`, `x-kitchen-device`, `x-site-credential`, `x-roles`, `x-scopes`,
 * `x-service-role`), which leave the document once read, so that it says who may call in one place.
 * docs/api.md and the access sweep (test/access-sweep.e2e-spec.ts) read it; a caller outside it gets 401, 403
 * or 404.
 */
export interface AccessDeclaration {
  /** Anyone, without credentials. */
  anyone: boolean;
  /** A paired kitchen screen, with its device token in X-Kitchen-Device. */
  kitchenDevice: boolean;
  /** A linked site's service, with its credential in X-Site-Credential. */
  siteCredential: boolean;
  /** The staff roles that may call it (every role when the route names none); none on the routes above. */
  roles: Role[];
  /** API keys holding every one of these scopes; null: no API key. */
  scopes: Scope[] | null;
  /** The role of the service (POS_ROLE) that serves it; null: both. The other answers 404. */
  service: 'hq' | 'site' | null;
}

/** The decorators' access extensions, read into `x-access` and then removed. */
const DECORATOR_EXTENSIONS = [
  'x-public',
  'x-kitchen-device',
  'x-site-credential',
  'x-roles',
  'x-scopes',
  'x-service-role',
] as const;

/** Sets the operation's `x-access` from its decorators' extensions, which it removes. */
export function declareAccess(operation: Operation): AccessDeclaration {
  const anyone = operation['x-public'] === true;
  const kitchenDevice = operation['x-kitchen-device'] === true;
  const siteCredential = operation['x-site-credential'] === true;
  const forPeople = !anyone && !kitchenDevice && !siteCredential;
  const roles = (operation['x-roles'] as Role[] | undefined) ?? ALL_ROLES;
  const scopes = operation['x-scopes'] as Scope[] | undefined;
  const service = operation['x-service-role'] as AccessDeclaration['service'] | undefined;
  const access: AccessDeclaration = {
    anyone,
    kitchenDevice,
    siteCredential,
    roles: forPeople ? [...roles] : [],
    scopes: forPeople && scopes ? [...scopes] : null,
    service: service ?? null,
  };
  for (const extension of DECORATOR_EXTENSIONS) delete operation[extension];
  operation['x-access'] = access;
  return access;
}

/** Appends who may call the operation (its `x-access`) to its description. */
export function describeAccess(operation: Operation, declared: AccessDeclaration): void {
  const access = `**Who may call it:** ${callers(declared)}.`;
  operation.description = operation.description ? `${operation.description}\n\n${access}` : access;
}

function callers(access: AccessDeclaration): string {
  const only =
    access.service === 'hq'
      ? ' (headquarters only: POS_ROLE=hq)'
      : access.service === 'site'
        ? ' (a site only: POS_ROLE=site)'
        : '';
  return `${who(access)}${only}`;
}

function who(access: AccessDeclaration): string {
  if (access.anyone) return 'anyone, without credentials';
  if (access.siteCredential) return 'a linked site’s service, with its site credential in X-Site-Credential';
  if (access.kitchenDevice) return 'a paired kitchen screen, with its device token in X-Kitchen-Device';
  const staff =
    access.roles.length === ALL_ROLES.length
      ? 'any signed-in staff member'
      : `staff with the role ${either(access.roles)}`;
  const scopes = access.scopes;
  const keys = scopes
    ? `API keys with the scope${scopes.length > 1 ? 's' : ''} ${scopes.join(' and ')}`
    : 'no API key';
  return `${staff}; ${keys}`;
}

function either(names: string[]): string {
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
