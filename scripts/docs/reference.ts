import { ErrorCode, httpStatusOf } from '../../src/common/errors/error-code';
import { ALL_ROLES, Role } from '../../src/common/access/role';
import { EventType } from '../../src/event-log/event-type';
import type { AccessDeclaration } from '../../src/openapi-access';
import { DECLARED_AUDIENCES } from '../../src/event-log/event-audiences';
import { EVENT_CATALOGUE } from './event-catalogue';

/** What each error code means to a client (docs/api.md). A Record, so a new code does not compile without one. */
const ERROR_MEANINGS: Record<ErrorCode, string> = {
  [ErrorCode.BadRequest]: 'malformed JSON, a body that is not a JSON object, or a wrong content type',
  [ErrorCode.Unauthorized]: 'no, bad, expired or revoked credentials',
  [ErrorCode.Forbidden]:
    'authenticated, but the role or API-key scope does not allow it (or a blocked address)',
  [ErrorCode.NotFound]: 'no such resource, also for one the caller may not know exists',
  [ErrorCode.Conflict]: 'the state forbids it: details say why; or concurrent writes kept meeting: try again',
  [ErrorCode.InvalidTransition]: 'the order or item state machine does not allow this change',
  [ErrorCode.VersionConflict]: '`If-Match` no longer matches: the current order is in `details`',
  [ErrorCode.NothingToFire]: 'the course has no held item to fire',
  [ErrorCode.IdempotencyInProgress]: 'a request with this `Idempotency-Key` is still running',
  [ErrorCode.TerminalPaymentRunning]:
    'a card terminal payment is running on the order: it cannot change until the attempt ends (docs/terminals.md)',
  [ErrorCode.TerminalBusy]: 'the card terminal is taking another payment',
  [ErrorCode.ChannelPaused]: 'the sales channel is in busy mode: it takes no new orders until resumed',
  [ErrorCode.BusinessDayOpen]:
    'the DSFinV-K export covers a business day not closed yet: `details.businessDay`',
  [ErrorCode.ProfileLocked]:
    'the restaurant has sold already: its time zone and currency are what its business days, receipts and exports are in',
  [ErrorCode.ManagedByHq]:
    'on a site linked to headquarters, the field belongs to its catalog (a name, a price, a deletion): `details` name the fields',
  [ErrorCode.CashNotCounted]:
    'a day close with cash taken and no cash drawer counted: the manager confirms with `uncountedCashConfirmed: true`',
  [ErrorCode.PayloadTooLarge]: 'the body is over 1 MiB',
  [ErrorCode.ValidationError]: 'well-formed but invalid input: the field problems are in `details`',
  [ErrorCode.IdempotencyKeyReused]: 'this `Idempotency-Key` was used with another body',
  [ErrorCode.OutOfStock]:
    'a counted variation has fewer portions left than ordered: `details` name the lines',
  [ErrorCode.InsufficientBalance]:
    'a gift card holds less than the payment asks of it: `details` is `{balance}`',
  [ErrorCode.PairingCodeInvalid]:
    'a kitchen screen’s pairing code is wrong, already used or expired: a manager issues a new one',
  [ErrorCode.RateLimited]: 'a rate limit is spent; `Retry-After` says when to try again',
  [ErrorCode.LockedOut]: 'too many failed logins for the account or address; `Retry-After` says when',
  [ErrorCode.Internal]: 'a bug: logged with the request id, which is all the reply carries',
  [ErrorCode.ServiceUnavailable]:
    'the database cannot be reached for now; `Retry-After` says when to try again',
};

interface SpecOperation {
  summary?: string;
  tags?: string[];
  'x-access': AccessDeclaration;
}

/** The parts of an OpenAPI document the reference reads. */
export interface OpenApiSpec {
  paths: Record<string, Record<string, SpecOperation>>;
}

export interface DocumentedOperation {
  /** `GET /api/v1/orders/{id}`, as the spec names it. */
  name: string;
  tag: string;
  whoMayCall: string;
  summary: string;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

/** Who may call an operation, from its `x-access`: anyone, a machine's credential, staff roles, API-key scopes. */
export function whoMayCall(operation: SpecOperation): string {
  const access = operation['x-access'];
  return access.service ? `${callers(access)} (\`POS_ROLE=${access.service}\` only)` : callers(access);
}

function callers(access: AccessDeclaration): string {
  if (access.anyone) return 'anyone';
  if (access.siteCredential) return 'a linked site (`X-Site-Credential`)';
  if (access.kitchenDevice) return 'a paired kitchen screen (`X-Kitchen-Device`)';
  const staff = access.roles.length === ALL_ROLES.length ? 'any staff' : access.roles.join(', ');
  const scopes = access.scopes;
  return scopes ? `${staff}; key ${scopes.map((scope) => `\`${scope}\``).join(' + ')}` : staff;
}

/** Every operation of the spec, in the spec's order. */
export function operationsOf(spec: OpenApiSpec): DocumentedOperation[] {
  return Object.entries(spec.paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => HTTP_METHODS.has(method))
      .map(([method, operation]) => ({
        name: `${method.toUpperCase()} ${path}`,
        tag: operation.tags?.[0] ?? 'other',
        whoMayCall: whoMayCall(operation),
        summary: operation.summary ?? '',
      })),
  );
}

/** A table cell: pipes escaped, one line. */
const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** The operations section of docs/api.md: one table per tag, one row per operation. */
export function renderOperations(spec: OpenApiSpec): string {
  const byTag = new Map<string, DocumentedOperation[]>();
  for (const operation of operationsOf(spec)) {
    byTag.set(operation.tag, [...(byTag.get(operation.tag) ?? []), operation]);
  }
  const sections = [...byTag].map(([tag, operations]) =>
    [
      `### ${tag}`,
      '',
      '| operation | who may call | what it does |',
      '| --- | --- | --- |',
      ...operations.map((op) => `| \`${op.name}\` | ${cell(op.whoMayCall)} | ${cell(op.summary)} |`),
    ].join('\n'),
  );
  return sections.join('\n\n');
}

/** The error codes section of docs/api.md, from the ErrorCode enum. */
export function renderErrorCodes(): string {
  const rows = Object.values(ErrorCode).map(
    (code) => `| ${httpStatusOf(code)} | \`${code}\` | ${cell(ERROR_MEANINGS[code])} |`,
  );
  return ['| status | code | when |', '| --- | --- | --- |', ...rows].join('\n');
}

const STAFF_NAMES: Array<[Role, string]> = [
  [Role.Waiter, 'waiters'],
  [Role.Manager, 'managers'],
  [Role.Admin, 'admins'],
];

/** Who receives an event type: its declared audience, then what narrows it (the catalogue's note). */
export function receiversOf(type: EventType): string {
  const declared = DECLARED_AUDIENCES[type];
  const note = EVENT_CATALOGUE[type].note;
  const parts: string[] = [];
  if (declared.roles.length === ALL_ROLES.length && !declared.byStation) parts.push('every staff role');
  else {
    if (declared.roles.includes(Role.Kitchen)) {
      parts.push(
        declared.byStation ? 'kitchen (a screen with `stations`: those the event names)' : 'kitchen',
      );
    }
    parts.push(...STAFF_NAMES.filter(([role]) => declared.roles.includes(role)).map(([, name]) => name));
  }
  if (declared.guests === 'all') parts.push('guests on every QR page');
  if (declared.guests === 'party') parts.push("the guests of its table's party");
  if (declared.integrations) {
    const scope = declared.integrationScope;
    parts.push(scope ? `integrations whose key holds \`${scope}\`` : 'integrations');
  }
  const audience =
    parts.length === 0
      ? 'nobody: every instance acts on it as it tails the event log'
      : `${parts.join(', ')}${declared.headquarters ? ' (at headquarters)' : ''}`;
  return note ? `${audience}; ${note}` : audience;
}

/** The catalogue section of docs/events.md: one row per event type. */
export function renderEvents(): string {
  const rows = Object.values(EventType).map((type) => {
    const event = EVENT_CATALOGUE[type];
    const webhooks = event.integrations ? 'yes' : 'no';
    return `| \`${type}\` | ${cell(event.data)} | ${cell(receiversOf(type))} | ${webhooks} |`;
  });
  return ['| type | data | who receives it | webhooks |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

/** The text between `<!-- name:start -->` and `<!-- name:end -->` replaced; throws when the markers are missing. */
export function replaceGenerated(document: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(end);
  if (from < 0 || to < from) throw new Error(`The markers ${start} … ${end} are missing`);
  return `${document.slice(0, from + start.length)}\n\n${content}\n\n${document.slice(to)}`;
}

/** The text between a pair of markers, for the docs test. */
export function generatedPart(document: string, name: string): string {
  const start = `<!-- ${name}:start -->`;
  const from = document.indexOf(start);
  const to = document.indexOf(`<!-- ${name}:end -->`);
  return from < 0 || to < from ? '' : document.slice(from + start.length, to);
}
