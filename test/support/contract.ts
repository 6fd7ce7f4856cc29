import Ajv2020, { type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { readFileSync } from 'node:fs';
import { DOCUMENT_FILE_VARIABLE } from './contract-document';

/** One request the suite sent and the reply it received, as the contract check needs them. */
export interface Exchange {
  method: string;
  url: string;
  /** The JSON the request carried, when it carried JSON. */
  requestBody?: unknown;
  /**
   * The request was sent invalid on purpose (a hostile or malformed one): only the reply is held to the document.
   * Any other request the server took (2xx) must be valid by the document: its parameters and its JSON body.
   */
  sentInvalid?: boolean;
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The reply's parsed JSON (undefined when it is not JSON). */
  body: unknown;
  /** Whether the reply carried a body at all. */
  hasBody: boolean;
}

interface Header {
  required?: boolean;
  $ref?: string;
}
interface Response {
  headers?: Record<string, Header>;
  content?: Record<string, { schema?: unknown }>;
}
interface Parameter {
  name: string;
  in: string;
  required?: boolean;
  schema?: ParameterSchema;
}
/** The little of a parameter's schema that says how to read its text (every parameter's is a plain type). */
interface ParameterSchema {
  type?: string | string[];
  $ref?: string;
}
interface Operation {
  operationId?: string;
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses: Record<string, Response>;
}
interface Document {
  openapi: string;
  paths: Record<string, Record<string, Operation>>;
  webhooks?: Record<string, { post: Operation }>;
  components?: {
    schemas?: { EventEnvelope?: { discriminator?: { mapping?: Record<string, string> } } };
  };
}
interface Route {
  method: string;
  template: string;
  pattern: RegExp;
  parameters: number;
  operation: Operation;
  pointer: string;
}

/**
 * The served OpenAPI document (written by the global setup) as a checker of exchanges: the reply's status, media
 * type, declared headers and body, and for a request the server took (2xx), its JSON body. Built once per spec
 * file; the document's own schemas are compiled with Ajv (JSON Schema 2020-12, as OpenAPI 3.1 says).
 */
export class Contract {
  private readonly ajv: Ajv2020;
  private readonly routes: Route[];
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly document: Document) {
    this.ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      validateSchema: false,
      // multipleOf 0.0001 (a tax percent's four places) in floating point: 7.1234 / 0.0001 is not a whole number.
      multipleOfPrecision: 9,
    });
    addFormats(this.ajv);
    // OpenAPI's own formats say how to read a string, not what it may hold.
    for (const format of ['binary', 'byte', 'password', 'int32', 'int64', 'float', 'double']) {
      this.ajv.addFormat(format, true);
    }
    this.ajv.addSchema(document, 'openapi');
    this.routes = Object.entries(document.paths)
      .flatMap(([template, item]) =>
        Object.entries(item).map(([method, operation]) => ({
          method: method.toUpperCase(),
          template,
          pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
          parameters: (template.match(/\{/g) ?? []).length,
          operation,
          pointer: `#/paths/${escapePointer(template)}/${method}`,
        })),
      )
      // A literal segment wins over a parameter: /orders/summary before /orders/{id}.
      .sort((a, b) => a.parameters - b.parameters);
  }

  static fromSetup(): Contract {
    const file = process.env[DOCUMENT_FILE_VARIABLE];
    if (!file) throw new Error(`${DOCUMENT_FILE_VARIABLE} is not set: run the specs through jest.config.js`);
    return new Contract(JSON.parse(readFileSync(file, 'utf8')) as Document);
  }

  /** What is wrong with this exchange by the document; empty when nothing, or when no operation describes it. */
  violations(exchange: Exchange): string[] {
    const method = exchange.method.toUpperCase();
    // The path as sent: URL would resolve `customers/../loyalty`, which the server routes as a customer's id.
    const pathname = /^[a-z]+:\/\/[^/?#]+(\/[^?#]*)/i.exec(exchange.url)?.[1] ?? null;
    const route = this.routes.find(
      (r) => r.method === method && pathname !== null && r.pattern.test(pathname),
    );
    if (!route) return [];
    const name = `${method} ${route.template} (${route.operation.operationId ?? 'no operationId'})`;
    const problems = [
      ...this.replyProblems(route, exchange),
      ...(exchange.status >= 200 && exchange.status < 300 && !exchange.sentInvalid
        ? [
            ...this.parameterProblems(route, pathname!, exchange.url),
            ...this.requestProblems(route, exchange),
          ]
        : []),
    ];
    return problems.map((problem) => `${name} answered ${exchange.status}: ${problem}`);
  }

  private replyProblems(route: Route, exchange: Exchange): string[] {
    const responses = route.operation.responses;
    const status =
      [String(exchange.status), `${String(exchange.status)[0]}XX`, 'default'].find((key) => responses[key]) ??
      null;
    if (status === null) return [`status ${exchange.status} is not declared`];
    const response = responses[status];
    const problems = Object.entries(response.headers ?? {})
      .filter(([, header]) => this.resolved(header).required)
      .filter(([name]) => exchange.headers[name.toLowerCase()] === undefined)
      .map(([header]) => `the declared header ${header} is missing`);
    const declared = Object.keys(response.content ?? {});
    if (!exchange.hasBody) {
      if (declared.length > 0) problems.push(`no body, though ${declared.join(', ')} is declared`);
      return problems;
    }
    const mediaType = String(exchange.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    const match = declared.find((d) => mediaTypeMatches(d, mediaType));
    if (match === undefined) {
      return [
        ...problems,
        `media type ${mediaType || '(none)'} is not declared (${declared.join(', ') || 'none'})`,
      ];
    }
    const isJson = /^application\/(.+\+)?json$/.test(mediaType);
    if (!isJson || response.content?.[match]?.schema === undefined) return problems;
    const pointer = `${route.pointer}/responses/${status}/content/${escapePointer(match)}/schema`;
    return [...problems, ...this.schemaProblems(pointer, exchange.body, 'body')];
  }

  /** An object with a `$ref` (into this document) followed. */
  private resolved<Target extends { $ref?: string }>(node: Target): Target {
    if (node.$ref === undefined) return node;
    const target = node.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>(
        (parent, token) => (parent as Record<string, unknown>)[token.replace(/~1/g, '/').replace(/~0/g, '~')],
        this.document,
      );
    return this.resolved(target as Target);
  }

  /** The path and query parameters of a request, read as the schema's type says, against their schemas. */
  private parameterProblems(route: Route, pathname: string, url: string): string[] {
    const pathValues = new Map(
      route.template
        .split('/')
        .map((segment, index) => [segment, pathname.split('/')[index]] as const)
        .filter(([segment]) => segment.startsWith('{'))
        .map(([segment, value]) => [segment.slice(1, -1), decodeURIComponent(value)]),
    );
    const query = new URL(url).searchParams;
    return (route.operation.parameters ?? []).flatMap((parameter, index): string[] => {
      if (parameter.in !== 'path' && parameter.in !== 'query') return [];
      const what = `${parameter.in} parameter ${parameter.name}`;
      const values =
        parameter.in === 'path' ? [pathValues.get(parameter.name)] : query.getAll(parameter.name);
      const sent = values.filter((value) => value !== undefined);
      if (sent.length === 0) return parameter.required ? [`the required ${what} is missing`] : [];
      if (sent.length > 1) return [`${what} is sent ${sent.length} times`];
      if (!parameter.schema) return [];
      const pointer = `${route.pointer}/parameters/${index}/schema`;
      return this.schemaProblems(pointer, this.asTyped(sent[0], parameter.schema), what);
    });
  }

  /** A parameter's text as the value its schema's type reads it as: `7` an integer, `true` a boolean. */
  private asTyped(text: string, schema: ParameterSchema): unknown {
    const declared = this.resolved(schema).type;
    const types = Array.isArray(declared) ? declared : [declared];
    if ((types.includes('integer') || types.includes('number')) && /^-?\d+(\.\d+)?$/.test(text)) {
      return Number(text);
    }
    if (types.includes('boolean') && (text === 'true' || text === 'false')) return text === 'true';
    return text;
  }

  private requestProblems(route: Route, exchange: Exchange): string[] {
    if (exchange.requestBody === undefined) return [];
    const content = route.operation.requestBody?.content;
    if (!content?.['application/json']?.schema) return [];
    return this.schemaProblems(jsonBodyPointer(route.pointer), exchange.requestBody, 'request body');
  }

  /** What is wrong with an event a client received as `name`, by the document's `EventEnvelope`. */
  eventViolations(name: string, envelope: unknown): string[] {
    const type = String((envelope as { type?: unknown } | null)?.type);
    // The envelope's own member for its type, so that the complaint is that type's alone.
    const member = this.document.components?.schemas?.EventEnvelope?.discriminator?.mapping?.[type];
    const problems = member
      ? this.schemaProblems(member, envelope, 'event')
      : [`the type ${type} is none of EventEnvelope's`];
    if (type !== name) problems.unshift(`the event ${name} carries the type ${type}`);
    return problems.map((problem) => `socket.io ${name}: ${problem}`);
  }

  /** What is wrong with a webhook delivery (its headers and JSON body) by the document's `webhooks`. */
  webhookViolations(headers: Record<string, string | string[] | undefined>, body: unknown): string[] {
    const type = String(headers['x-webhook-event']);
    const delivery = this.document.webhooks?.[type]?.post;
    if (!delivery) return [`the webhook ${type} is not in the document`];
    const problems = (delivery.parameters ?? [])
      .filter((parameter) => parameter.in === 'header' && parameter.required)
      .filter((parameter) => headers[parameter.name.toLowerCase()] === undefined)
      .map((parameter) => `the declared header ${parameter.name} is missing`);
    const pointer = jsonBodyPointer(`#/webhooks/${escapePointer(type)}/post`);
    problems.push(...this.schemaProblems(pointer, body, 'body'));
    return problems.map((problem) => `webhook ${type}: ${problem}`);
  }

  /** Whether the JSON body schema of the operation (`post`, `/api/v1/dishes`) allows this body. */
  allowsBody(method: string, template: string, body: unknown): boolean {
    const pointer = jsonBodyPointer(`#/paths/${escapePointer(template)}/${method.toLowerCase()}`);
    return this.schemaProblems(pointer, body, 'request body').length === 0;
  }

  private schemaProblems(pointer: string, value: unknown, what: string): string[] {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `openapi${pointer.replace(/[{}]/g, encodeURIComponent)}` });
      this.validators.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${what} ${describe(error)}`);
  }
}

let served: Contract | undefined;

/**
 * The error a test fails with when this exchange breaks the served document (every problem, each naming the
 * operation and status), or null. The one check every HTTP client of the test support goes through.
 */
export function contractBreach(exchange: Exchange): Error | null {
  served ??= Contract.fromSetup();
  return breachOf('reply', served.violations(exchange));
}

function breachOf(what: string, problems: string[]): Error | null {
  if (problems.length === 0) return null;
  const breach = new Error(`The ${what} breaks the OpenAPI document:\n  ${problems.join('\n  ')}`);
  // Where the client noticed is no news: the message says which exchange it was.
  breach.stack = breach.message;
  return breach;
}

/** The error a test fails with when an event a staff or API-key socket received breaks the document, or null. */
export function eventBreach(name: string, envelope: unknown): Error | null {
  served ??= Contract.fromSetup();
  return breachOf('event', served.eventViolations(name, envelope));
}

/** The error a test fails with when a webhook delivery breaks the document's `webhooks`, or null. */
export function webhookBreach(
  headers: Record<string, string | string[] | undefined>,
  body: unknown,
): Error | null {
  served ??= Contract.fromSetup();
  return breachOf('webhook delivery', served.webhookViolations(headers, body));
}

function describe(error: ErrorObject): string {
  const params = Object.keys(error.params).length > 0 ? ` ${JSON.stringify(error.params)}` : '';
  return `at ${error.instancePath || '/'} ${error.message ?? 'is invalid'}${params} (schema ${error.schemaPath})`;
}

function mediaTypeMatches(declared: string, actual: string): boolean {
  if (declared === '*/*' || declared === actual) return true;
  return declared.endsWith('/*') && actual.startsWith(declared.slice(0, -1));
}

const jsonBodyPointer = (operation: string) => `${operation}/requestBody/content/application~1json/schema`;

/** A JSON pointer token: `~` and `/` escaped (RFC 6901). */
function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
