import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { license, version } from '../package.json';
import { ErrorBody, ErrorDetail } from './common/errors/error-body';
import { applyServerConstraints } from './openapi-constraints';
import { addWebhooks } from './openapi-webhooks';

type Operation = { security?: unknown[]; responses: Record<string, unknown>; [extension: string]: unknown };

const errorResponse = (description: string) => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
});

/** The spec at /docs-json: built from the controllers and DTOs, with the API.md error shape on every route. */
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
    .addSecurityRequirements('bearer')
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorBody, ErrorDetail] });
  for (const [path, pathItem] of Object.entries(document.paths)) {
    for (const operation of Object.values(pathItem as Record<string, Operation>)) {
      declareErrors(operation, path.includes('{'));
    }
  }
  document.paths = withoutLoneAllOf(document.paths) as OpenAPIObject['paths'];
  document.components = withoutLoneAllOf(document.components) as OpenAPIObject['components'];
  applyServerConstraints(document, app);
  addWebhooks(document);
  return document;
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

function declareErrors(operation: Operation, namesAResource: boolean): void {
  const isPublic = operation['x-public'] === true;
  const takesKeys = Array.isArray(operation['x-scopes']);
  // A kitchen screen's own route: its device token, never a person's (so no role to be refused either).
  const forDevice = operation['x-kitchen-device'] === true;
  if (isPublic) operation.security = [];
  else if (forDevice) operation.security = [{ kitchenDevice: [] }];
  else if (takesKeys) operation.security = [{ bearer: [] }, { apiKey: [] }];
  const common: Record<string, ReturnType<typeof errorResponse>> = {
    '400': errorResponse(
      'BAD_REQUEST: malformed JSON, a body that is not a JSON object, or a wrong content type',
    ),
    '422': errorResponse('VALIDATION_ERROR, with the field problems in details'),
    '500': errorResponse('INTERNAL: a bug; the reply carries only the request id'),
    '503': errorResponse('SERVICE_UNAVAILABLE, with Retry-After: the database cannot be reached for now'),
  };
  if (operation.requestBody)
    common['413'] = errorResponse('PAYLOAD_TOO_LARGE: the body is over the limit (1 MiB)');
  if (namesAResource) common['404'] = errorResponse('NOT_FOUND: no such resource');
  if (!isPublic) common['401'] = errorResponse('UNAUTHORIZED: no, bad, expired or revoked credentials');
  if (!isPublic && !forDevice) {
    common['403'] = errorResponse('FORBIDDEN: the role or API-key scope does not allow it');
  }
  if (takesKeys) {
    common['429'] = errorResponse(
      'RATE_LIMITED, with Retry-After: the API key’s limit per minute, hour or day is spent (RateLimit-* headers)',
    );
  }
  for (const [status, response] of Object.entries(common)) {
    operation.responses[status] ??= response;
  }
}
