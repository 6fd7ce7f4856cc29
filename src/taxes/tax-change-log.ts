import { Injectable } from '@nestjs/common';
import { AuditLog, AuditRecord } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import type { Tx } from '../database/database.service';
import { NOBODY } from '../event-log/audience';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';

/**
 * Every write to rates and mappings, in the writer's transaction: its audit entry, and `taxes.changed` in the event
 * log, so that the rates kept in memory (TaxCatalog) are replaced on every instance that tails the log.
 */
@Injectable()
export class TaxChangeLog {
  constructor(
    private readonly auditLog: AuditLog,
    private readonly eventLog: EventLog,
  ) {}

  record(tx: Tx, actor: Principal | null, entry: AuditRecord): Promise<void> {
    this.eventLog.append(tx, { type: EventType.TaxesChanged, data: {}, audience: NOBODY });
    return this.auditLog.record(tx, actor, entry);
  }
}
