import { Injectable, OnModuleInit } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { SecurityEventType } from '../audit/security-event-type';
import { SecurityEventsService } from '../audit/security-events.service';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Clock } from '../common/time/clock';
import { AppConfig } from '../config/app-config';
import { Database } from '../database/database.service';
import { EventFeed } from '../event-log/event-feed';
import type { EventRecord } from '../event-log/event-record.entity';
import { EventType } from '../event-log/event-type';
import { AccessChangeReason, concernsSession } from '../event-log/staff-access-change';
import { KitchenDevicesService } from '../kitchen/kitchen-devices.service';
import { LoginBursts } from '../security/login-bursts';
import { CredentialHasher } from '../users/credential-hasher';
import { UserView } from '../users/dto/user.view';
import { User } from '../users/user.entity';
import { AuthSession } from './auth-session.entity';
import { MeView } from './dto/me.view';
import { TokenPairView } from './dto/token-pair.view';
import { lockedOutMessage, loginSubjects, LoginThrottle } from './login-throttle';
import { RefreshToken } from './refresh-token.entity';
import { proofOf, SecondFactorLoginInput } from './second-factor/dto/second-factor.inputs';
import { LoginChallengeView } from './second-factor/dto/second-factor.views';
import { SecondFactorLogin } from './second-factor/second-factor-login';
import { SessionRevocation } from './session-revocation';

/** What an access token carries; `sid` ties it to the session that logout and re-use detection revoke. */
export interface AccessTokenClaims {
  sub: string;
  sid: string;
  role: string;
}

export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  /** A waiter tablet's X-Device-Id: failures count per device as well as per person. */
  deviceId?: string | null;
}

type LoginMethod = AuthSession['method'];

const INVALID_CREDENTIALS = 'Invalid credentials';

/** Bounds the memory of live sessions; past it they are read again, one database read each. */
const MAX_LIVE_SESSIONS = 10_000;

@Injectable()
export class AuthService implements OnModuleInit {
  private readonly liveSessions = new Map<string, StaffPrincipal>();
  private revocations = 0;

  constructor(
    private readonly database: Database,
    private readonly hasher: CredentialHasher,
    private readonly throttle: LoginThrottle,
    private readonly securityEvents: SecurityEventsService,
    private readonly revocation: SessionRevocation,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly feed: EventFeed,
    private readonly secondFactor: SecondFactorLogin,
    private readonly loginBursts: LoginBursts,
    private readonly kitchenDevices: KitchenDevicesService,
  ) {}

  onModuleInit(): void {
    this.feed.subscribe((event) => this.forgetSessions(event));
  }

  async loginWithPassword(
    username: string,
    password: string,
    client: ClientInfo,
  ): Promise<TokenPairView | LoginChallengeView> {
    const claimed = username.trim().toLowerCase();
    const user = await this.users.findOne({ where: { username: claimed } });
    return this.login('password', claimed, user, client, () =>
      this.hasher.verifyPassword(password, user?.passwordHash ?? null),
    );
  }

  /**
   * A PIN login; with a kitchen screen's device token, the session belongs to that screen (revoking the screen ends
   * it, its sockets hear the screen's stations) and failures count against it too. A token of no paired screen
   * is 401 before any PIN is checked.
   */
  async loginWithPin(
    userId: string,
    pin: string,
    client: ClientInfo,
    kitchenDeviceToken?: string,
  ): Promise<TokenPairView> {
    const kitchenDeviceId =
      kitchenDeviceToken === undefined
        ? null
        : (await this.kitchenDevices.pairedDevice(kitchenDeviceToken)).id;
    const user = await this.users.findOne({ where: { id: userId } });
    return this.login(
      'pin',
      userId,
      user,
      client,
      () => this.hasher.verifyPin(pin, user?.pinHash ?? null),
      kitchenDeviceId,
    );
  }

  /** The second step of a password login: the challenge's user proves their second factor. */
  async loginWithSecondFactor(input: SecondFactorLoginInput, client: ClientInfo): Promise<TokenPairView> {
    const proof = proofOf(input);
    const challenge = await this.secondFactor.openChallenge(input.mfaToken);
    const user = await this.users.findOne({ where: { id: challenge.userId } });
    return this.login(proof.method, user?.username ?? challenge.userId, user, client, () =>
      this.secondFactor.complete(challenge, proof),
    );
  }

  /** Rotates a refresh token. A token used twice means it leaked: its whole session is revoked. */
  async refresh(presented: string, client: ClientInfo): Promise<TokenPairView> {
    const outcome = await this.database.transaction(async (tx) => {
      const { manager } = tx;
      const token = await this.findPresentedToken(manager, presented);
      if (!token) return { kind: 'invalid' as const };
      const session = await manager.findOneOrFail(AuthSession, { where: { id: token.sessionId } });
      if (token.usedAt) {
        if (!session.revokedAt) {
          await this.revocation.endSession(tx, session, AccessChangeReason.RefreshReuse);
        }
        await this.securityEvents.record(manager, {
          type: SecurityEventType.RefreshTokenReused,
          userId: session.userId,
          ip: client.ip,
          userAgent: client.userAgent,
          details: { sessionId: session.id },
        });
        return { kind: 'reused' as const };
      }
      const user = await manager.findOne(User, { where: { id: session.userId } });
      if (session.revokedAt || !user?.active || token.expiresAt <= this.clock.now())
        return { kind: 'invalid' as const };
      token.usedAt = this.clock.now();
      await manager.save(token);
      await this.securityEvents.record(manager, {
        type: SecurityEventType.RefreshSucceeded,
        userId: user.id,
        ip: client.ip,
        userAgent: client.userAgent,
        details: { sessionId: session.id },
      });
      return { kind: 'rotated' as const, pair: await this.issuePair(manager, user, session) };
    });
    if (outcome.kind !== 'rotated')
      throw new DomainError(ErrorCode.Unauthorized, 'Invalid or expired refresh token');
    return outcome.pair;
  }

  /** Ends the caller's session; the presented refresh token dies with it. */
  async logout(principal: StaffPrincipal, presented: string, client: ClientInfo): Promise<void> {
    await this.database.transaction(async (tx) => {
      const token = await this.findPresentedToken(tx.manager, presented);
      const sessionIds = new Set([principal.sessionId]);
      if (token) sessionIds.add(token.sessionId);
      for (const id of sessionIds) {
        const session = await tx.manager.findOne(AuthSession, { where: { id, userId: principal.userId } });
        if (session && !session.revokedAt) {
          await this.revocation.endSession(tx, session, AccessChangeReason.Logout);
        }
      }
      await this.securityEvents.record(tx.manager, {
        type: SecurityEventType.Logout,
        userId: principal.userId,
        ip: client.ip,
        userAgent: client.userAgent,
      });
    });
  }

  /** For socket handshakes: verifies an access token as the HTTP guard does; null when it is not good. */
  async authenticateAccessToken(
    token: string,
  ): Promise<{ principal: StaffPrincipal; expiresAt: Date } | null> {
    let claims: AccessTokenClaims & { exp: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp: number }>(token, {
        algorithms: ['HS256'],
      });
    } catch {
      return null;
    }
    const principal = await this.principalFor(claims);
    return principal ? { principal, expiresAt: new Date(claims.exp * 1000) } : null;
  }

  /**
   * Turns verified access-token claims into a principal, if its session and user are still alive. Live sessions
   * are kept in memory; `staff.access_changed` (logout, revocation, deactivation, deletion, a new role, password,
   * PIN or second factor) drops them as it passes through the event feed, on every instance, before the next
   * request is read.
   */
  async principalFor(claims: AccessTokenClaims): Promise<StaffPrincipal | null> {
    if (!isWellFormed(claims)) return null;
    const known = this.liveSessions.get(claims.sid);
    if (known) return known.userId === claims.sub ? known : null;
    const revocationsBefore = this.revocations;
    const session = await this.database.reader.getRepository(AuthSession).findOne({
      where: { id: claims.sid, userId: claims.sub },
      relations: { user: true },
    });
    const user = session?.user;
    if (!session || session.revokedAt || !user?.active) return null;
    const principal: StaffPrincipal = {
      kind: 'staff',
      userId: user.id,
      username: user.username,
      role: user.role,
      sessionId: session.id,
      kitchenDeviceId: session.kitchenDeviceId,
    };
    // A revocation that passed while this read ran may not be in what it read: keep nothing then.
    if (this.revocations === revocationsBefore) {
      if (this.liveSessions.size >= MAX_LIVE_SESSIONS) this.liveSessions.clear();
      this.liveSessions.set(session.id, principal);
    }
    return principal;
  }

  private forgetSessions(event: EventRecord): void {
    if (event.type !== EventType.StaffAccessChanged) return;
    this.revocations += 1;
    for (const [id, principal] of this.liveSessions) {
      if (concernsSession(event.data, principal.userId, id)) this.liveSessions.delete(id);
    }
  }

  async me(principal: StaffPrincipal): Promise<MeView> {
    const [user, twoFactorEnabled] = await Promise.all([
      this.users.findOneOrFail({ where: { id: principal.userId } }),
      this.secondFactor.isEnabled(principal.userId),
    ]);
    return { ...UserView.of(user), twoFactorEnabled };
  }

  private get users() {
    return this.database.reader.getRepository(User);
  }

  /**
   * The one login path for passwords, PINs and second factors. Unknown user, inactive user and wrong secret
   * answer alike, after the same hashing work; failures count against the person, and the people failing count
   * against the device (a kitchen screen, a tablet's X-Device-Id) and the client IP.
   */
  private login(
    method: 'password',
    claimed: string,
    user: User | null,
    client: ClientInfo,
    verify: () => Promise<boolean>,
  ): Promise<TokenPairView | LoginChallengeView>;
  private login(
    method: Exclude<LoginMethod, 'password'>,
    claimed: string,
    user: User | null,
    client: ClientInfo,
    verify: () => Promise<boolean>,
    kitchenDeviceId?: string | null,
  ): Promise<TokenPairView>;
  private async login(
    method: LoginMethod,
    claimed: string,
    user: User | null,
    client: ClientInfo,
    verify: () => Promise<boolean>,
    kitchenDeviceId: string | null = null,
  ): Promise<TokenPairView | LoginChallengeView> {
    const subjects = loginSubjects(
      user ? `user:${user.id}` : `${method}:${claimed}`,
      client,
      kitchenDeviceId,
    );
    const event = { userId: user?.id ?? null, subject: claimed, ip: client.ip, userAgent: client.userAgent };

    const lock = await this.throttle.longestLock(subjects);
    if (lock) {
      await this.database.transaction(({ manager }) =>
        this.securityEvents.record(manager, {
          ...event,
          type: SecurityEventType.LoginRefusedWhileLocked,
          details: { method },
        }),
      );
      await this.loginBursts.failed(client.ip);
      throw new DomainError(ErrorCode.LockedOut, lockedOutMessage(lock), undefined, lock.forMs / 1000);
    }

    const verified = await verify();
    if (!verified || !user?.active) {
      await this.database.transaction(async ({ manager }) => {
        const lockouts = await this.throttle.recordFailure(manager, subjects);
        await this.securityEvents.record(manager, {
          ...event,
          type: SecurityEventType.LoginFailed,
          details: { method },
        });
        for (const lockout of lockouts) {
          await this.securityEvents.record(manager, {
            ...event,
            type: SecurityEventType.LockedOut,
            details: { method, scope: lockout.scope },
          });
        }
      });
      await this.loginBursts.failed(client.ip);
      throw new DomainError(ErrorCode.Unauthorized, INVALID_CREDENTIALS);
    }

    // A right password of an account with a second factor earns a challenge, not a session, and resets no
    // failure count: only the second step does, or knowing the password would reset the count of wrong codes.
    if (method === 'password') {
      const challenge = await this.secondFactor.challengeFor(user, client);
      if (challenge) return challenge;
    }

    return this.database.transaction(async ({ manager }) => {
      await this.throttle.recordSuccess(manager, subjects);
      const session = manager.create(AuthSession, {
        id: randomUUID(),
        userId: user.id,
        method,
        kitchenDeviceId,
        createdAt: this.clock.now(),
        revokedAt: null,
        revokedReason: null,
      });
      await manager.insert(AuthSession, session);
      await this.securityEvents.record(manager, {
        ...event,
        type: SecurityEventType.LoginSucceeded,
        details: { method },
      });
      return this.issuePair(manager, user, session);
    });
  }

  private async issuePair(manager: EntityManager, user: User, session: AuthSession): Promise<TokenPairView> {
    const secret = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const token = manager.create(RefreshToken, {
      id: randomUUID(),
      sessionId: session.id,
      secretHash: sha256(secret),
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.refreshTokenTtlDays * 86_400_000),
      usedAt: null,
    });
    await manager.insert(RefreshToken, token);
    const claims: AccessTokenClaims = { sub: user.id, sid: session.id, role: user.role };
    return {
      accessToken: await this.jwt.signAsync(claims),
      refreshToken: `${token.id}.${secret}`,
      tokenType: 'Bearer',
      expiresIn: this.config.accessTokenTtlSeconds,
      user: UserView.of(user),
    };
  }

  private async findPresentedToken(manager: EntityManager, presented: string): Promise<RefreshToken | null> {
    const [id, secret] = presented.split('.');
    if (!id || !secret) return null;
    const token = await manager.findOne(RefreshToken, { where: { id }, ...this.database.forUpdate });
    if (!token) return null;
    const matches = timingSafeEqual(Buffer.from(sha256(secret), 'hex'), Buffer.from(token.secretHash, 'hex'));
    return matches ? token : null;
  }
}

/**
 * Every access token we issue expires and names its user and session. The signature alone would let a token
 * without `exp` (signed by a leaked key, or by a bug) live for ever.
 */
function isWellFormed(claims: Partial<AccessTokenClaims> & { exp?: unknown }): boolean {
  return (
    typeof claims.exp === 'number' &&
    Number.isFinite(claims.exp) &&
    typeof claims.sub === 'string' &&
    typeof claims.sid === 'string'
  );
}

function sha256(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}
