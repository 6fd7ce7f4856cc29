import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../src/clients/shared/api-schema';
import { Clock } from '../src/common/time/clock';

/** The demo's API client: typed from the OpenAPI document, as the service's own clients are. */
export type DemoApi = Client<paths, 'application/json'>;

/** The wall clock moved back to a chosen instant; it only ever moves forward again, as real time does. */
export class DemoClock extends Clock {
  private offsetMs = 0;

  override now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  moveTo(instant: Date): void {
    const offset = instant.getTime() - Date.now();
    if (offset > this.offsetMs) this.offsetMs = Math.min(0, offset);
  }
}

/** The data of an answer, or an error naming the call and the API's refusal. */
export async function ok<T>(
  what: string,
  answer: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await answer;
  if (!response.ok) throw new Error(`${what}: ${response.status} ${JSON.stringify(error)}`);
  return data as T;
}

/** A client of the app at `url` that signs in as a member of staff. */
export async function signedIn(url: string, username: string, password: string): Promise<DemoApi> {
  const api = createClient<paths, 'application/json'>({ baseUrl: url });
  const tokens = (await ok(
    `sign in as ${username}`,
    api.POST('/api/v1/auth/login', { body: { username, password } }),
  )) as { accessToken?: string };
  if (!tokens.accessToken)
    throw new Error(`${username} needs a second factor: the demo signs in with a password`);
  api.use({
    onRequest: ({ request }) => {
      request.headers.set('Authorization', `Bearer ${tokens.accessToken}`);
      return request;
    },
  });
  return api;
}

/** The same sequence on every run: a demo looks the same each time. */
export function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}
