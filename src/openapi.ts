import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { license, version } from '../package.json';
import { ErrorBody, ErrorDetail } from './common/errors/error-body';
import { bodySchemasForOpenApi } from './common/http/zod-body';
import { AccessDeclaration, declareAccess, describeAccess, documentedTags } from './openapi-access';
import { applyServerConstraints } from './openapi-constraints';
import { typeEventEnvelopes } from './openapi-events';
import { declareResponseHeaders, RESPONSE_HEADERS } from './openapi-headers';
import { asOpenApi31 } from './openapi-nullable';
import { addWebhooks } from './openapi-webhooks';

type Content = Record<string, { schema?: unknown }>;
type Response = { description: string; content?: Content; [key: string]: unknown };
type Operation = {
  security?: unknown[];
  requestBody?: unknown;
  parameters?: Array<{ in?: string }>;
  responses: Record<string, Response>;
  [extension: string]: unknown;
};

const ERROR_CONTENT: Content = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } };

const errorResponse = (description: string): Response => ({ description, content: ERROR_CONTENT });

/**
 * The spec at /docs-json: built from the controllers and DTOs, then completed with what holds for every route
 * (the API.md error shape and statuses, response headers, who may call it, the tags), as OpenAPI 3.1.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Restaurant POS backend')
    .setDescription('REST API of the restaurant POS. Errors share one shape; lists share one page shape.')
    .setVersion(version)
    .setLicense(license, `https://spdx.org/licenses/${license}.html`)
    .addServer('/', 'The server that serves this document')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }, 'bearer')
    .addApiKey(
      { type: 'apiKey', in: 'header', name: 'X-API-Key', description: 'An integration’s key: see /api-keys' },
      'apiKey',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Kitchen-Device',
        description: 'A paired kitchen screen’s device token: see /kitchen/devices',
      },
      'kitchenDevice',
    )
    .addApiKey(
      {
        type: 'apiKey',
        in: 'header',
        name: 'X-Site-Credential',
        description: 'A linked site’s credential, at headquarters: see /hq/link',
      },
      'siteCredential',
    )
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody, ErrorDetail] });
  document.components = {
    ...document.components,
    schemas: { ...document.components?.schemas, ...bodySchemasForOpenApi() },
  };
  const operations: Operation[] = [];
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(pathItem as Record<string, Operation>)) {
      const namesResources =
        path.includes('{') || (operation.parameters ?? []).some((parameter) => parameter.in === 'query');
      const access = declareAccess(operation);
      declareErrors(operation, access, method, namesResources);
      declareMediaTypes(operation);
      declareResponseHeaders(operation, access);
      describeAccess(operation, access);
      operations.push(operation);
    }
  }
  document.tags = documentedTags(operations);
  document.components = { ...document.components, headers: RESPONSE_HEADERS };
  document.paths = withoutLoneAllOf(document.paths) as OpenAPIObject['paths'];
  document.components = withoutLoneAllOf(document.components) as OpenAPIObject['components'];
  applyServerConstraints(document, app);
  typeEventEnvelopes(document);
  const converted = asOpenApi31(document);
  addWebhooks(converted);
  return converted;
}

/** Nest wraps each named enum in a one-item `allOf`, which says no more than the reference itself: unwrap it. */
function withoutLoneAllOf(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLoneAllOf);
  if (node === null || typeof node !== 'object') return node;
  const schema = Object.fromEntries(
    Object.entries(node).map(([key, value]) => [key, withoutLoneAllOf(value)]),
  );
  const { allOf, ...rest } = schema;
  return Array.isArray(allOf) && allOf.length === 1 && Object.keys(rest).length === 0 ? allOf[0] : schema;
}

function declareErrors(
  operation: Operation,
  access: AccessDeclaration,
  method: string,
  namesAResource: boolean,
): void {
  const isPublic = access.anyone;
  const takesKeys = access.scopes !== null;
  // A kitchen screen's or a linked site's own route: its credential, never a person's (so no role to be refused).
  const forDevice = access.kitchenDevice;
  const forSite = access.siteCredential;
  if (isPublic) operation.security = [];
  else if (forDevice) operation.security = [{ kitchenDevice: [] }];
  else if (forSite) operation.security = [{ siteCredential: [] }];
  else if (takesKeys) operation.security = [{ bearer: [] }, { apiKey: [] }];
  const blocked = 'the client’s address is blocked (after repeated failed sign-ins, or by an admin)';
  const common: Record<string, Response> = {
    '400': errorResponse(
      'BAD_REQUEST: malformed JSON, a body that is not a JSON object, or a wrong content type',
    ),
    '403': errorResponse(
      isPublic || forDevice || forSite
        ? `FORBIDDEN: ${blocked}`
        : `FORBIDDEN: the role or API-key scope does not allow it, or ${blocked}`,
    ),
    '422': errorResponse('VALIDATION_ERROR, with the field problems in details'),
    '500': errorResponse('INTERNAL: a bug; the reply carries only the request id'),
    '503': errorResponse('SERVICE_UNAVAILABLE, with Retry-After: the database cannot be reached for now'),
  };
  // The body limit holds for whatever a write sends (a DELETE too), also where the operation reads no body.
  if (operation.requestBody || method !== 'get')
    common['413'] = errorResponse('PAYLOAD_TOO_LARGE: the body is over the limit (1 MiB)');
  if (namesAResource)
    common['404'] = errorResponse('NOT_FOUND: no such resource (in the path, or named by a query parameter)');
  // A write may lose a unique index to another at once (a name just taken): CONFLICT, never a 500.
  if (method !== 'get')
    common['409'] = errorResponse(
      'CONFLICT: the change clashes with the current state (a unique name taken)',
    );
  if (!isPublic) common['401'] = errorResponse('UNAUTHORIZED: no, bad, expired or revoked credentials');
  if (takesKeys) {
    common['429'] = errorResponse(
      'RATE_LIMITED, with Retry-After: the API key’s limit per minute, hour or day is spent (RateLimit-* headers)',
    );
  }
  for (const [status, response] of Object.entries(common)) {
    operation.responses[status] ??= response;
  }
}

/**
 * A route that produces a file (CSV, PDF, SVG, PNG, ZIP, ESC/POS) gets that media type on every response from
 * Nest, with the JSON view's schema: the files are strings of their type, and the errors are the JSON error shape
 * (an HTML page's own error page stays HTML).
 */
function declareMediaTypes(operation: Operation): void {
  for (const [status, response] of Object.entries(operation.responses)) {
    const failed = Number(status) >= 400;
    const content: Content = {};
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      if (isJson(mediaType)) content[mediaType] = media;
      else if (!failed || mediaType === 'text/html') content[mediaType] = { schema: fileSchema(mediaType) };
    }
    if (failed && Object.keys(content).length === 0) Object.assign(content, ERROR_CONTENT);
    const hasContent = Object.keys(content).length > 0;
    operation.responses[status] = { ...response, ...(hasContent ? { content } : {}) };
  }
}

const isJson = (mediaType: string) => /^application\/(.+\+)?json$/.test(mediaType);

function fileSchema(mediaType: string): Record<string, string> {
  return mediaType.startsWith('text/') || mediaType === 'image/svg+xml'
    ? { type: 'string' }
    : { type: 'string', format: 'binary' };
}
