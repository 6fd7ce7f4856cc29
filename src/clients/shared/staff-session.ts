import { language } from '../../i18n/browser/page-i18n';
import { type Api, apiClient, ok, type Schemas } from './api';

export type TokenPair = Schemas['TokenPairView'];

/** What POST /auth/login answers: the tokens, or a second factor to ask for. */
export type SignInOutcome = 'signed-in' | 'code-needed';

/**
 * A person signed in: a cook on the kitchen screen by PIN, a manager on the back office by password (and a second
 * factor). With a `storageKey` the tokens live in sessionStorage, so a reload of the tab keeps the person signed
 * in and closing it signs them out; without one they live in this object only. The access token is renewed with the
 * refresh token before it expires (and at once if a request finds it expired); a refused renewal signs out.
 */
export class StaffSession {
  private tokens: TokenPair | null;
  private renewal: Promise<TokenPair | null> | null = null;
  private renewTimer: ReturnType<typeof setTimeout> | null = null;
  private pendingChallenge: string | null = null;
  /** Every call of the API, as this person. */
  readonly api: Api;

  constructor(
    private readonly storageKey: string | null,
    private readonly onSignedOut: () => void,
    /** Sent with every request: a waiter tablet's `X-Device-Id`. */
    private readonly deviceHeaders: Readonly<Record<string, string>> = {},
  ) {
    this.tokens = storageKey ? readTokens(storageKey) : null;
    this.api = apiClient((request) => this.send(request));
    this.scheduleRenewal();
  }

  get user(): TokenPair['user'] | null {
    return this.tokens?.user ?? null;
  }

  get accessToken(): string | null {
    return this.tokens?.accessToken ?? null;
  }

  /** On a kitchen screen with its device token: the session is the screen's (revoking the screen ends it). */
  async signInWithPin(userId: string, pin: string, kitchenDeviceToken?: string): Promise<TokenPair['user']> {
    const header = kitchenDeviceToken === undefined ? {} : { 'X-Kitchen-Device': kitchenDeviceToken };
    const tokens = await ok(this.api.POST('/api/v1/auth/pin', { body: { userId, pin }, params: { header } }));
    this.keep(tokens);
    return tokens.user;
  }

  /** Signs in with a password; when the account has a second factor, signInWithCode() finishes. */
  async signInWithPassword(username: string, password: string): Promise<SignInOutcome> {
    const answer = await ok(this.api.POST('/api/v1/auth/login', { body: { username, password } }));
    if ('mfaRequired' in answer) {
      this.pendingChallenge = answer.mfaToken;
      return 'code-needed';
    }
    this.keep(answer);
    return 'signed-in';
  }

  /** The second factor's code, after signInWithPassword() answered 'code-needed'. */
  async signInWithCode(code: string): Promise<SignInOutcome> {
    const mfaToken = this.pendingChallenge;
    if (!mfaToken) throw new Error('Sign in with the password first.');
    this.keep(await ok(this.api.POST('/api/v1/auth/login/2fa', { body: { mfaToken, code } })));
    this.pendingChallenge = null;
    return 'signed-in';
  }

  get awaitsCode(): boolean {
    return this.pendingChallenge !== null;
  }

  /**
   * Signs out here at once, and ends the session on the service: its refresh token stops working. Offline, the end
   * is tried again until the service answers, so a sign-out during a drop does not leave the session alive.
   */
  signOut(): void {
    const ending = this.tokens;
    this.keep(null);
    if (ending) this.endSessionOnService(ending);
    this.onSignedOut();
  }

  private endSessionOnService(ending: TokenPair): void {
    this.endSession(ending).catch(() => setTimeout(() => this.endSessionOnService(ending), OFFLINE_RETRY_MS));
  }

  /**
   * A fresh access token (one renewal at a time, however many ask), or null when the session is over. Offline,
   * the tokens are kept and the current access token answered: a later try may work.
   */
  async renew(): Promise<string | null> {
    const sent = this.tokens;
    if (!sent) return null;
    this.renewal ??= this.refresh(sent).finally(() => (this.renewal = null));
    return (await this.renewal)?.accessToken ?? null;
  }

  private async send(request: Request): Promise<Response> {
    const sent = this.tokens;
    const retry = sent ? request.clone() : null;
    const response = await fetch(this.withCredentials(request, sent));
    if (response.status !== 401 || !sent || !retry || request.url.includes('/api/v1/auth/')) return response;
    const renewed = await this.renew();
    return renewed ? fetch(this.withCredentials(retry, this.tokens)) : response;
  }

  /**
   * POST /auth/logout with the ending tokens (this session holds none any more). An access token that expired
   * meanwhile is renewed once for it, so the refresh token dies either way.
   */
  private async endSession(ending: TokenPair): Promise<void> {
    const logout = (tokens: TokenPair) =>
      this.api.POST('/api/v1/auth/logout', {
        body: { refreshToken: tokens.refreshToken },
        headers: { Authorization: `Bearer ${tokens.accessToken}` },
      });
    const answer = await logout(ending);
    if (answer.response.status !== 401) return;
    const renewed = await this.api.POST('/api/v1/auth/refresh', {
      body: { refreshToken: ending.refreshToken },
    });
    if (renewed.data) await logout(renewed.data);
  }

  private async refresh(sent: TokenPair): Promise<TokenPair | null> {
    const answer = await this.api
      .POST('/api/v1/auth/refresh', { body: { refreshToken: sent.refreshToken } })
      .catch(() => null);
    if (this.tokens !== sent) return this.tokens; // signed out (or in again) meanwhile
    if (!answer) {
      this.scheduleRenewal(OFFLINE_RETRY_MS); // offline: keep the tokens, a later try may work
      return sent;
    }
    if (!answer.data) {
      this.keep(null);
      this.onSignedOut();
      return null;
    }
    this.keep(answer.data);
    return answer.data;
  }

  private withCredentials(request: Request, tokens: TokenPair | null): Request {
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(this.deviceHeaders)) headers.set(name, value);
    if (tokens) headers.set('Authorization', `Bearer ${tokens.accessToken}`);
    // The API says a field's problem in the page's language, which may not be the browser's.
    headers.set('Accept-Language', language);
    return new Request(request, { headers });
  }

  /** Renews ahead of the access token's expiry: a third of its life, at most a minute, before it. */
  private scheduleRenewal(delayMs = this.tokens ? renewalDelayMs(this.tokens.accessToken) : null): void {
    if (this.renewTimer) clearTimeout(this.renewTimer);
    this.renewTimer = delayMs === null ? null : setTimeout(() => void this.renew(), delayMs);
  }

  private keep(tokens: TokenPair | null): void {
    this.tokens = tokens;
    this.scheduleRenewal();
    if (!this.storageKey) return;
    if (tokens) sessionStorage.setItem(this.storageKey, JSON.stringify(tokens));
    else sessionStorage.removeItem(this.storageKey);
  }
}

/** After a failed try offline, the next one. */
const OFFLINE_RETRY_MS = 5000;

/** Milliseconds from now until an access token should be renewed (0: now); null when it cannot be read. */
function renewalDelayMs(accessToken: string): number | null {
  try {
    const payload = accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const { iat, exp } = JSON.parse(atob(payload)) as { iat: number; exp: number };
    const renewAt = exp * 1000 - Math.min(60_000, ((exp - iat) * 1000) / 3);
    return Math.max(0, renewAt - Date.now());
  } catch {
    return null;
  }
}

function readTokens(key: string): TokenPair | null {
  try {
    return JSON.parse(sessionStorage.getItem(key) ?? 'null') as TokenPair | null;
  } catch {
    return null;
  }
}
