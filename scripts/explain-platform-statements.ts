/**
 * The statements under every route, as the audit (scripts/explain-plans.ts) explains them: the event log,
 * idempotency keys, authentication and the QR lookup.
 */
import { IsNull, MoreThan } from 'typeorm';
import { SecurityEvent } from '../src/audit/security-event.entity';
import { AuthSession } from '../src/auth/auth-session.entity';
import { LoginAttempt } from '../src/auth/login-attempt.entity';
import { RefreshToken } from '../src/auth/refresh-token.entity';
import { EventRecord } from '../src/event-log/event-record.entity';
import { DiningTable } from '../src/floor/table.entity';
import { IdempotencyKey } from '../src/idempotency/idempotency-key.entity';
import { User } from '../src/users/user.entity';
import { DAY_MS, Samples } from './explain-generator';
import { PAGE, QueryCase, SqlBuilder } from './explain-sql';

const TAKE_SEQS = 'UPDATE event_sequence SET last_seq = last_seq + $1 WHERE id = 1 RETURNING last_seq';
const BOUNDS =
  'SELECT (SELECT last_seq FROM event_sequence WHERE id = 1) AS last_seq, (SELECT MIN(seq) FROM events) AS oldest_seq';

export function eventCases(): QueryCase[] {
  const after = (since: (s: Samples) => number, take: number) => (b: SqlBuilder, s: Samples) =>
    b.find(EventRecord, { where: { seq: MoreThan(since(s)) }, order: { seq: 'ASC' }, take });
  return [
    {
      name: 'events after a seq, LIMIT 500 (feed)',
      source: 'event-feed readLog',
      build: after((s) => s.lastSeq - 50, 500),
    },
    {
      name: 'events after seq 0, LIMIT 100 (catch-up)',
      source: 'event-log after',
      build: after(() => 0, 100),
    },
    {
      name: 'event log bounds: last_seq, MIN(seq)',
      source: 'event-log bounds',
      build: (b) => b.raw(BOUNDS, []),
    },
    {
      name: 'take event seqs (event_sequence)',
      source: 'event-log insertWithSeqs',
      write: true,
      build: (b) => b.raw(TAKE_SEQS, [1]),
    },
    {
      name: 'event prune (steady state: 1 h past retention)',
      source: 'event-log prune',
      write: true,
      build: (b, s) =>
        b.raw('DELETE FROM "events" WHERE "occurred_at" < $1', [
          b.time(new Date(s.oldestEventAt.getTime() + 3_600_000)),
        ]),
    },
  ];
}

const STORE_UNLESS_LIVE = `INSERT INTO "idempotency_keys" ("scope", "key", "fingerprint", "response_status",
  "response_body", "created_at", "expires_at") VALUES ($1, $2, $3, $4, $5, $6, $7)
  ON CONFLICT (scope, key) DO UPDATE SET fingerprint = excluded.fingerprint,
  response_status = excluded.response_status, response_body = excluded.response_body,
  created_at = excluded.created_at, expires_at = excluded.expires_at
  WHERE idempotency_keys.expires_at <= excluded.created_at
  RETURNING key`;

export function idempotencyCases(): QueryCase[] {
  return [
    {
      name: 'idempotency key store (upsert)',
      source: 'idempotency.service execute',
      write: true,
      build: (b, s) => {
        const now = new Date();
        const params = [s.idempotency.scope, s.idempotency.key, 'f', 201, '{}'];
        return b.raw(STORE_UNLESS_LIVE, [...params, b.time(now), b.time(new Date(now.getTime() + DAY_MS))]);
      },
    },
    {
      name: 'idempotency key by (scope, key)',
      source: 'idempotency.service storedReply',
      build: (b, s) => b.findOne(IdempotencyKey, { where: s.idempotency }),
    },
    {
      name: 'idempotency prune (expires_at < now)',
      source: 'idempotency.service prune',
      write: true,
      build: (b) => b.raw('DELETE FROM "idempotency_keys" WHERE "expires_at" < $1', [b.time(new Date())]),
    },
  ];
}

/** AuthService.principalFor: findOne with a relation, which TypeORM splits into a DISTINCT id query and a load. */
function principalCases(): QueryCase[] {
  return [
    {
      name: 'session with user (token check, 1/2: ids)',
      source: 'auth.service principalFor',
      build: (b, s) => {
        const [inner, params] = b.ds
          .getRepository(AuthSession)
          .createQueryBuilder('AuthSession')
          .setFindOptions({
            where: { id: s.session.id, userId: s.session.userId },
            relations: { user: true },
          })
          .getQueryAndParameters();
        const sql = `SELECT DISTINCT "distinctAlias"."AuthSession_id" AS "ids_AuthSession_id" FROM (${inner}) "distinctAlias" ORDER BY "AuthSession_id" ASC LIMIT 1`;
        return { sql, params };
      },
    },
    {
      name: 'session with user (token check, 2/2: load)',
      source: 'auth.service principalFor',
      build: (b, s) =>
        b.find(AuthSession, {
          where: { id: s.session.id, userId: s.session.userId },
          relations: { user: true },
        }),
    },
  ];
}

export function authCases(): QueryCase[] {
  const subjects = (s: Samples) => [
    { scope: 'account' as const, subject: `user:${s.session.userId}` },
    { scope: 'ip' as const, subject: '10.0.3.1' },
  ];
  return [
    ...principalCases(),
    {
      name: 'user by username (login)',
      source: 'auth.service loginWithPassword',
      build: (b, s) => b.findOne(User, { where: { username: s.username } }),
    },
    {
      name: 'login attempts of account and IP',
      source: 'login-throttle lockedForMs',
      build: (b, s) => b.find(LoginAttempt, { where: subjects(s) }),
    },
    {
      name: 'login attempt row, locked',
      source: 'database.service lockedRow',
      build: (b, s) => b.findOne(LoginAttempt, b.locked<LoginAttempt>({ where: subjects(s)[0] })),
    },
    {
      name: 'refresh token by id, locked',
      source: 'auth.service findPresentedToken',
      build: (b, s) => b.findOne(RefreshToken, b.locked({ where: { id: s.refreshTokenId } })),
    },
    {
      name: 'session by id (refresh)',
      source: 'auth.service refresh',
      build: (b, s) => b.findOne(AuthSession, { where: { id: s.session.id } }),
    },
    {
      name: 'GET /security/events',
      source: 'security-events.service list',
      build: (b) => b.find(SecurityEvent, { order: { occurredAt: 'DESC', id: 'DESC' }, skip: 0, take: PAGE }),
    },
    {
      name: 'GET /security/events: COUNT',
      source: 'security-events.service list',
      build: (b) => b.count(SecurityEvent, {}),
    },
  ];
}

export function otherCases(): QueryCase[] {
  return [
    {
      name: 'table by QR token (public QR routes)',
      source: 'floor.service tableByQrToken',
      build: (b, s) => b.findOne(DiningTable, { where: { qrToken: s.qrToken, deletedAt: IsNull() } }),
    },
  ];
}
