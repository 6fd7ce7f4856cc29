import type { IncomingMessage, ServerResponse } from 'node:http';

type Middleware = (
  request: IncomingMessage,
  response: ServerResponse,
  next: (error?: unknown) => void,
) => void;

/**
 * The headers a middleware sets alike on every response (helmet's), read once by running it against a response
 * that only records them.
 */
export function headersSetBy(middleware: Middleware): Array<[string, string]> {
  const headers = new Map<string, string>();
  const recorder = {
    setHeader: (name: string, value: unknown) => headers.set(name, String(value)),
    removeHeader: (name: string) => headers.delete(name),
  };
  let passed: { error?: unknown } | undefined;
  middleware({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (error?: unknown) => {
    passed = { error };
  });
  if (!passed || passed.error) throw new Error('The middleware did not pass the request on at once');
  return [...headers];
}
