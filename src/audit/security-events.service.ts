import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { And, EntityManager, FindOperator, FindOptionsWhere, In, LessThan, MoreThanOrEqual } from 'typeorm';
import { plainAddress } from '../common/net/address-ranges';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database } from '../database/database.service';
import { LoginMethod, LoginResult, LoginView } from './dto/login.view';
import { SecurityEventQuery } from './dto/security-event.query';
import { SecurityEventView } from './dto/security-event.view';
import { SecurityEvent, USER_AGENT_LENGTH } from './security-event.entity';
import { SecurityEventType } from './security-event-type';

export interface SecurityEventInput {
  type: SecurityEventType;
  userId?: string | null;
  subject?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/** The events of a login history, and the result each one stands for. */
const LOGIN_RESULTS = new Map<SecurityEventType, LoginResult>([
  [SecurityEventType.LoginSucceeded, LoginResult.Succeeded],
  [SecurityEventType.RefreshSucceeded, LoginResult.Succeeded],
  [SecurityEventType.LoginFailed, LoginResult.Failed],
  [SecurityEventType.LockedOut, LoginResult.LockedOut],
  [SecurityEventType.LoginRefusedWhileLocked, LoginResult.RefusedLocked],
  [SecurityEventType.RefreshTokenReused, LoginResult.TokenReused],
]);

const REFRESH_EVENTS = new Set([SecurityEventType.RefreshSucceeded, SecurityEventType.RefreshTokenReused]);

@Injectable()
export class SecurityEventsService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  /** Written inside the caller's transaction, so the event stands or falls with what it describes. */
  async record(manager: EntityManager, event: SecurityEventInput): Promise<void> {
    const row = manager.create(SecurityEvent, {
      id: randomUUID(),
      type: event.type,
      userId: event.userId ?? null,
      subject: event.subject ?? null,
      ip: event.ip ? plainAddress(event.ip) : null,
      userAgent: event.userAgent?.slice(0, USER_AGENT_LENGTH) ?? null,
      details: event.details ?? null,
      occurredAt: this.clock.now(),
    });
    await manager.save(SecurityEvent, row);
  }

  async list(query: SecurityEventQuery): Promise<Page<SecurityEventView>> {
    const where: FindOptionsWhere<SecurityEvent> = {};
    if (query.type) where.type = query.type;
    if (query.userId) where.userId = query.userId;
    if (query.ip) where.ip = plainAddress(query.ip);
    const occurredAt = withinTimes(query.from, query.to);
    if (occurredAt) where.occurredAt = occurredAt;
    return this.page(where, query, SecurityEventView.of);
  }

  /** A staff member's logins, failed ones, lock-outs and refreshes, newest first. */
  loginHistory(userId: string, query: PageQuery): Promise<Page<LoginView>> {
    return this.page({ userId, type: In([...LOGIN_RESULTS.keys()]) }, query, loginViewOf);
  }

  private async page<View>(
    where: FindOptionsWhere<SecurityEvent>,
    query: PageQuery,
    view: (event: SecurityEvent) => View,
  ): Promise<Page<View>> {
    const [events, total] = await this.database.reader.getRepository(SecurityEvent).findAndCount({
      where,
      order: { occurredAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(events.map(view), total, query);
  }
}

/** `from` inclusive, `to` exclusive; undefined when neither is given. */
function withinTimes(from?: string, to?: string): FindOperator<Date> | undefined {
  if (from && to) return And(MoreThanOrEqual(new Date(from)), LessThan(new Date(to)));
  if (from) return MoreThanOrEqual(new Date(from));
  if (to) return LessThan(new Date(to));
  return undefined;
}

function loginViewOf(event: SecurityEvent): LoginView {
  const method = REFRESH_EVENTS.has(event.type)
    ? LoginMethod.Refresh
    : ((event.details?.method as LoginMethod | undefined) ?? LoginMethod.Password);
  return {
    occurredAt: event.occurredAt.toISOString(),
    ip: event.ip,
    userAgent: event.userAgent,
    method,
    result: LOGIN_RESULTS.get(event.type)!,
  };
}
