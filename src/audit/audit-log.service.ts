import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { actorOf, Principal, staffUserId } from '../common/access/principal';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  /** Client-facing views only: never a hash or a secret. */
  before?: object | null;
  after?: object | null;
}

/** Records every write to staff, floor, menu and prices, inside the transaction that makes it. */
@Injectable()
export class AuditLog {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
  ) {}

  async record(tx: Tx, actor: Principal | null, entry: AuditRecord): Promise<void> {
    const row = tx.manager.create(AuditEntry, {
      id: randomUUID(),
      actor: actor ? actorOf(actor) : 'system',
      actorUserId: staffUserId(actor),
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      before: (entry.before ?? null) as Record<string, unknown> | null,
      after: (entry.after ?? null) as Record<string, unknown> | null,
      occurredAt: this.clock.now(),
    });
    await this.database.insertRows(tx, AuditEntry, row);
  }
}
