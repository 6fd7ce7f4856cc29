import { raw, type RequestHandler } from 'express';
import type { TerminalAdapters } from './terminal-adapters';

/**
 * What reads the body of POST /terminals/webhooks/:provider, mounted on that path before the JSON parser. A
 * provider that takes no webhooks here is refused (404) before a byte of its body is read, so that no one can make
 * the service read, let alone keep, a body for nobody. A known provider's body stays the raw bytes it signed
 * (TerminalWebhooksController), capped at `limitBytes`; the JSON parser and the middlewares that walk parsed
 * bodies leave a Buffer alone.
 */
export function terminalWebhookBodies(adapters: TerminalAdapters, limitBytes: number): RequestHandler[] {
  const knownProvider: RequestHandler = (request, _response, next) => {
    try {
      adapters.ofWebhook(String(request.params.provider));
      next();
    } catch (error) {
      next(error);
    }
  };
  return [knownProvider, raw({ type: 'application/json', limit: limitBytes })];
}
