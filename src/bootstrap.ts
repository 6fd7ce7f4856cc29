import { INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Request, Response } from 'express';
import { SwaggerModule } from '@nestjs/swagger';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { AppModule } from './app.module';
import { clientAddress, clientAddressMiddleware, proxyTrust } from './common/http/client-address';
import { AllExceptionsFilter } from './common/errors/all-exceptions.filter';
import { API_PREFIX } from './common/http/api-prefix';
import { DomainError } from './common/errors/domain-error';
import { BrowserAssets } from './common/html/browser-assets';
import { validationProblems } from './common/errors/validation-problems';
import { cacheValidationMetadata } from './common/validation-metadata-cache';
import { headersSetBy } from './common/http/headers-set-by';
import { jsonBodyShapeMiddleware } from './common/http/json-body-shape';
import { jsonOnlyMiddleware } from './common/http/json-only';
import { refusedCharactersMiddleware } from './common/http/refused-characters';
import { PrebuiltReplies } from './common/http/prebuilt-replies';
import { requestIdMiddleware } from './common/http/request-id';
import { AppConfig } from './config/app-config';
import { RealtimeIoAdapter } from './realtime/realtime-io.adapter';
import { RequestObserver } from './health/request-observer';
import { IpBlockGate } from './security/ip-block-gate';
import { IpBlockList } from './security/ip-block-list';
import { buildOpenApiDocument } from './openapi';
import { TerminalAdapters } from './terminals/terminal-adapters';
import { terminalWebhookBodies } from './terminals/terminal-webhooks.bodies';

/**
 * Response headers the API sets that a browser script may read across origins. The CORS-safelisted ones
 * (Cache-Control, Content-Type, Content-Length...) need no listing.
 */
const CORS_EXPOSED_HEADERS = [
  'X-Request-Id',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'ETag',
  'Idempotent-Replayed',
  'Content-Disposition',
];

/**
 * Everything that makes a Nest application this service, shared by main.ts and the tests. Answers its socket.io
 * adapter, whose transports a graceful shutdown closes.
 */
export function configureApp(app: NestExpressApplication): RealtimeIoAdapter {
  const config = app.get(AppConfig);
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  // Behind a trusted proxy request.ip, which lock-outs, allow-lists, rate limits and security events key on, is the
  // client rather than the proxy, and always an address (or undefined), never what a client wrote.
  const trust = proxyTrust(config.trustProxy);
  app.set('trust proxy', trust);
  app.use(clientAddressMiddleware(trust));
  app.use(requestIdMiddleware);
  const observer = app.get(RequestObserver);
  app.use(observer.middleware);
  const securityHeaders = helmet();
  app.use(securityHeaders);
  // Blocked addresses are refused before anything reads their requests, authentication included.
  app.use(app.get(IpBlockGate).middleware);
  // Without CORS_ORIGINS no origin is allowed: no CORS middleware at all, rather than one that says no each time.
  if (config.corsOrigins.length > 0) {
    app.enableCors({ origin: config.corsOrigins, exposedHeaders: CORS_EXPOSED_HEADERS });
  }
  const blockList = app.get(IpBlockList);
  app.get(PrebuiltReplies).openFrontDoor(app.getHttpServer(), {
    address: (request) => clientAddress(request, trust),
    blocked: (address) => blockList.blocking(address) !== null,
    corsOrigins: config.corsOrigins.length > 0,
    securityHeaders: headersSetBy(securityHeaders),
    observe: (request, response) =>
      observer.middleware(request as Request, response as Response, () => undefined),
  });
  const assets = app.get(BrowserAssets);
  app.useStaticAssets(assets.directory, { prefix: assets.prefix, ...BrowserAssets.serving });
  app.use(jsonOnlyMiddleware);
  // Terminal providers sign the bytes they send: their webhooks keep the raw body (TerminalWebhooksController).
  app.use(
    `/${API_PREFIX}/terminals/webhooks/:provider`,
    ...terminalWebhookBodies(app.get(TerminalAdapters), config.bodyLimitBytes),
  );
  app.useBodyParser('json', { limit: config.bodyLimitBytes });
  app.use(jsonBodyShapeMiddleware);
  app.use(refusedCharactersMiddleware);
  const realtime = new RealtimeIoAdapter(app);
  app.useWebSocketAdapter(realtime);
  app.setGlobalPrefix(API_PREFIX, {
    exclude: [
      { path: '/', method: RequestMethod.GET },
      'health',
      'metrics',
      't/:qrToken',
      'r/:receiptToken',
      'back-office',
      'kitchen',
      'kitchen-sw.js',
      'pickup',
      'waiter',
      'waiter-sw.js',
    ],
  });
  app.useGlobalFilters(new AllExceptionsFilter());
  cacheValidationMetadata();
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) => DomainError.validation(validationProblems(errors)),
    }),
  );
  SwaggerModule.setup('docs', app, () => buildOpenApiDocument(app), { jsonDocumentUrl: 'docs-json' });
  return realtime;
}

export interface ServiceApp {
  app: INestApplication;
  realtime: RealtimeIoAdapter;
}

export async function createApp(config: AppConfig): Promise<ServiceApp> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    bufferLogs: true,
    bodyParser: false,
    abortOnError: false,
  });
  return { app, realtime: configureApp(app) };
}
