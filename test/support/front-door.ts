import type { TestApp } from './test-app';

/**
 * GETs `path` at the front door (PrebuiltReplies) and through the router (a query string is not taken at the front
 * door, so the controller answers it with the same renderer), and checks the two replies are alike: the same bytes
 * and headers but the date and the request id, which the front door echoes. Answers the front door's reply.
 */
export async function frontDoorAsRouted(app: TestApp, path: string) {
  const direct = await app.http().get(path).set('X-Request-Id', 'front-door-probe').expect(200);
  const routed = await app.http().get(`${path}?via=router`).expect(200);
  expect(routed.text).toBe(direct.text);
  expect(direct.headers['x-request-id']).toBe('front-door-probe');
  const perReply = new Set(['date', 'x-request-id']);
  const headers = (reply: { headers: Record<string, string> }) =>
    Object.entries(reply.headers).filter(([name]) => !perReply.has(name));
  expect(headers(direct)).toEqual(headers(routed));
  return direct;
}
