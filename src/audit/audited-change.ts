import type { Principal } from '../common/access/principal';
import type { Tx } from '../database/database.service';
import type { AuditAction } from './audit-actions';
import type { AuditRecord } from './audit-log.service';

/** Where the entry goes: the AuditLog, or a domain's log that records its own event with each entry. */
export interface AuditRecorder {
  record(tx: Tx, actor: Principal | null, entry: AuditRecord): Promise<void>;
}

interface AuditedWrite<Row, View> {
  entityType: string;
  /** What the entry keeps of the row: its client-facing view, never a hash or a secret. */
  view(row: Row): View | Promise<View>;
  /** The thing's name when its view does not say it as staff know it (AuditRecord's `subject`), from the view after. */
  subject?(view: View): string;
}

/** The row is changed in memory and then saved; the entry keeps its view before and after. */
export interface AuditedUpdate<Row, View> extends AuditedWrite<Row, View> {
  /** A function of the two views when the change decides it (a new price, say). */
  action: AuditAction | ((before: View, after: View) => AuditAction);
  /** The domain checks and the change to the row; `before` is its view as loaded. */
  change(before: View): void | Promise<void>;
  /** When the change leaves the view as it was, neither save the row nor audit. */
  skipIfUnchanged?: boolean;
}

/** The row is deleted, or marked deleted and saved, by `remove`; the entry keeps its view before. */
export interface AuditedRemoval<Row, View> extends AuditedWrite<Row, View> {
  action: AuditAction;
  /** The domain checks and the removal. */
  remove(): Promise<unknown>;
}

/**
 * An audited write to one row that the caller loaded in `tx` (locked, or a 404): its view before → the change →
 * save → its view after → the audit entry, all in the caller's transaction. An update answers the view after.
 */
export function auditedChange<Row extends { id: string }, View extends object>(
  tx: Tx,
  log: AuditRecorder,
  actor: Principal | null,
  row: Row,
  write: AuditedUpdate<Row, View>,
): Promise<View>;
export function auditedChange<Row extends { id: string }, View extends object>(
  tx: Tx,
  log: AuditRecorder,
  actor: Principal | null,
  row: Row,
  write: AuditedRemoval<Row, View>,
): Promise<void>;
export async function auditedChange<Row extends { id: string }, View extends object>(
  tx: Tx,
  log: AuditRecorder,
  actor: Principal | null,
  row: Row,
  write: AuditedUpdate<Row, View> | AuditedRemoval<Row, View>,
): Promise<View | void> {
  const entry = { entityType: write.entityType, entityId: row.id };
  const before = await write.view(row);
  if ('remove' in write) {
    await write.remove();
    await log.record(tx, actor, { ...entry, subject: write.subject?.(before), action: write.action, before });
    return;
  }
  await write.change(before);
  const after = await write.view(row);
  if (write.skipIfUnchanged && JSON.stringify(before) === JSON.stringify(after)) return after;
  await tx.manager.save(row);
  const action = typeof write.action === 'string' ? write.action : write.action(before, after);
  await log.record(tx, actor, { ...entry, subject: write.subject?.(after), action, before, after });
  return after;
}
