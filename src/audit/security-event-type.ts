/** What a security event records (GET /security/events `type`); a file of its own so the pages can name each. */
export enum SecurityEventType {
  LoginSucceeded = 'login.succeeded',
  LoginFailed = 'login.failed',
  LockedOut = 'login.locked_out',
  LoginRefusedWhileLocked = 'login.refused_locked',
  /** A refresh token traded for a new pair: the session goes on, from this address and user agent. */
  RefreshSucceeded = 'refresh.succeeded',
  RefreshTokenReused = 'refresh.reused',
  Logout = 'logout',
  /** A right password of an account with a second factor: a login challenge was issued, no session yet. */
  SecondFactorRequired = 'login.second_factor_required',
  SecondFactorEnabled = 'second_factor.enabled',
  SecondFactorDisabled = 'second_factor.disabled',
  /** A wrong code or password when turning one's second factor off; it counts towards lock-out like a login. */
  SecondFactorDisableRefused = 'second_factor.disable_refused',
  /** A wrong password when enrolling a second factor (setup or enable); it counts towards lock-out like a login. */
  SecondFactorSetupRefused = 'second_factor.setup_refused',
  /** An admin removed another user's second factor (a lost phone), ending that user's sessions. */
  SecondFactorReset = 'second_factor.reset',
  /** An unknown, expired, inactive, rotated-out, wrong-address or out-of-scope API key. */
  ApiKeyRefused = 'api_key.refused',
  /** The dispatcher disabled a webhook subscription whose deliveries kept failing. */
  WebhookDisabled = 'webhook.disabled',
  /** An admin blocked an address or range; `ip` is the range. */
  IpBlockCreated = 'ip_block.created',
  /** A burst of failed logins over several accounts blocked the address for a while. */
  IpBlockedAutomatically = 'ip_block.automatic',
  /** An admin lifted a block before it expired; `ip` is the range. */
  IpBlockLifted = 'ip_block.lifted',
  /** Requests or handshakes from a blocked address were refused: at most one event per block and minute. */
  BlockedRequestRefused = 'ip_block.refused',
}
