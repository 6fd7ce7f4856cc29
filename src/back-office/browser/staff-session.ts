import { byId } from '../../common/browser/dom.js';

/** The tokens of a signed-in user, as POST /auth/login and /auth/refresh answer them. */
export interface Tokens {
  accessToken: string;
  refreshToken: string;
  user: { role: string; displayName: string };
}

interface Reply {
  ok: boolean;
  status: number;
  body: unknown;
  retryAfter: string | null;
}

type LoginReply = Tokens | { mfaRequired: true; mfaToken: string };

/**
 * A manager's session on the page. The tokens live in this object only (no storage, no cookie), so closing the
 * tab signs the manager out. Reads renew an expired access token once with the refresh token.
 */
export class StaffSession {
  tokens: Tokens | null = null;
  private pendingChallenge: string | null = null;

  /** Signs in with the form's username and password, or its second-factor code once one was asked for. */
  async signIn(): Promise<'signed-in' | 'code-needed'> {
    const reply = this.pendingChallenge
      ? await this.send('POST', '/api/v1/auth/login/2fa', {
          mfaToken: this.pendingChallenge,
          code: byId<HTMLInputElement>('code').value.trim(),
        })
      : await this.send('POST', '/api/v1/auth/login', {
          username: byId<HTMLInputElement>('username').value.trim(),
          password: byId<HTMLInputElement>('password').value,
        });
    if (!reply.ok) throw new Error(this.refusal(reply));
    const answer = reply.body as LoginReply;
    if ('mfaRequired' in answer) {
      this.pendingChallenge = answer.mfaToken;
      return 'code-needed';
    }
    this.pendingChallenge = null;
    this.tokens = answer;
    return 'signed-in';
  }

  signOut(): void {
    const ending = this.tokens;
    this.tokens = null;
    if (ending) {
      this.send('POST', '/api/v1/auth/logout', { refreshToken: ending.refreshToken }).catch(() => undefined);
    }
  }

  async renew(): Promise<Tokens> {
    const refreshToken = this.tokens?.refreshToken;
    this.tokens = null;
    if (!refreshToken) throw new Error('signed out');
    const reply = await this.send('POST', '/api/v1/auth/refresh', { refreshToken });
    if (!reply.ok) throw new Error('signed out');
    this.tokens = reply.body as Tokens;
    return this.tokens;
  }

  /** GETs `path` as the signed-in user. */
  async read<T>(path: string): Promise<T> {
    const sent = this.tokens;
    const reply = await this.send('GET', path);
    if (reply.status === 401 && sent && this.tokens === sent) {
      await this.renew();
      return this.read<T>(path);
    }
    if (!reply.ok) throw new Error(errorMessage(reply.body) ?? `HTTP ${reply.status}`);
    return reply.body as T;
  }

  private async send(method: string, path: string, body?: unknown): Promise<Reply> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (this.tokens) headers.Authorization = `Bearer ${this.tokens.accessToken}`;
    const response = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
    const json = (await response.json().catch(() => null)) as unknown;
    return {
      ok: response.ok,
      status: response.status,
      body: json,
      retryAfter: response.headers.get('Retry-After'),
    };
  }

  private refusal(reply: Reply): string {
    if (reply.status === 429) {
      const wait = Math.max(1, Math.ceil(Number(reply.retryAfter || 60) / 60));
      return `Too many attempts. Try again in ${wait}${wait === 1 ? ' minute.' : ' minutes.'}`;
    }
    if (reply.status === 401)
      return this.pendingChallenge ? 'That code is not right.' : 'Wrong username or password.';
    return errorMessage(reply.body) ?? 'Signing in did not work.';
  }
}

function errorMessage(body: unknown): string | undefined {
  return (body as { error?: { message?: string } } | null)?.error?.message;
}
