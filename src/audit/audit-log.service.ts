import type { AuditAction } from './audit-actions';
import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { And, FindOptionsWhere, LessThan, MoreThanOrEqual } from 'typeorm';
import { actorOf, Principal, staffUserId } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { CustomerErased, eraseFromStoredCopies, CUSTOMER_ERASED } from '../event-log/customer-erased';
import { EventLog } from '../event-log/event-log.service';
import { AuditEntry } from './audit-entry.entity';
import { subjectOfViews } from './browser/audit-subject';
import { AuditEntryView } from './dto/audit-entry.view';
import { AuditLogQuery } from './dto/audit-log.query';

/** The subject column's length: a longer name is cut, not refused (the write it records must not fail). */
const SUBJECT_LENGTH = 200;

export interface AuditRecord {
  action: AuditAction;
  entityType: string;
  entityId: string;
  /** The thing's name when its view does not say it as staff know it (a variation with its dish's name). */
  subject?: string;
  /** Client-facing views only: never a hash or a secret. */
  before?: object | null;
  after?: object | null;
}

/**
 * Records every audited write (staff, floor, menu and prices, keys, webhooks, discounts, voids, refunds, the cash
 * drawer, the time clock) inside the transaction that makes it, and lists the entries. Append-only: nothing here
 * changes or deletes one, but an erasure takes the person out of the copies they keep.
 */
@Injectable()
export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    eventLog: EventLog,
  ) {
    eventLog.on(CUSTOMER_ERASED, (tx, fact) => this.erase(tx, fact));
  }

  /**
   * The one change the log allows itself: an erased customer leaves the entries' copies of orders (their customer,
   * their fulfilment's contact), so the audit keeps who did what without the person.
   */
  private async erase(tx: Tx, fact: CustomerErased): Promise<void> {
    await eraseFromStoredCopies(tx, AuditEntry, ['before', 'after'], fact);
  }

  async record(tx: Tx, actor: Principal | null, entry: AuditRecord): Promise<void> {
    const subject = entry.subject ?? subjectOfViews(entry.entityType, entry.before, entry.after);
    const row = tx.manager.create(AuditEntry, {
      id: randomUUID(),
      actor: actor ? actorOf(actor) : 'system',
      actorUserId: staffUserId(actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      subject: subject?.slice(0, SUBJECT_LENGTH) ?? null,
      before: (entry.before ?? null) as Record<string, unknown> | null,
      after: (entry.after ?? null) as Record<string, unknown> | null,
      occurredAt: this.clock.now(),
    });
    await this.database.insertRows(tx, AuditEntry, row);
  }

  /** Newest first; every filter is an equality on an indexed column, the period half-open, [from, to). */
  async list(query: AuditLogQuery): Promise<Page<AuditEntryView>> {
    const from = query.from ? new Date(query.from) : undefined;
    const to = query.to ? new Date(query.to) : undefined;
    if (from && to && from > to) throw DomainError.invalidField('from', 'must not be after to');
    const where: FindOptionsWhere<AuditEntry> = {};
    if (query.actor) where.actor = storedActor(query.actor);
    if (query.entityType) where.entityType = query.entityType;
    if (query.entityId) where.entityId = query.entityId;
    if (query.action) where.action = query.action;
    if (from && to) where.occurredAt = And(MoreThanOrEqual(from), LessThan(to));
    else if (from) where.occurredAt = MoreThanOrEqual(from);
    else if (to) where.occurredAt = LessThan(to);
    const [entries, total] = await this.database.reader.findAndCount(AuditEntry, {
      where,
      order: { occurredAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(entries.map(AuditEntryView.of), total, query);
  }
}

/** The actor as entries store it (actorOf): a bare user id names a staff member. */
function storedActor(actor: string): string {
  return actor === 'system' || actor.includes(':') ? actor : `staff:${actor}`;
}
