import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import type { StaffPrincipal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { definedOnly } from '../common/patch';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { LockKind } from '../database/lock-order';
import { TerminalInput, TerminalView, UpdateTerminalInput } from './dto/terminal.dto';
import { TerminalAdapters } from './terminal-adapters';
import { Terminal, TerminalPayment } from './terminal.entities';

/** The registered card terminals (admin): each with its provider and its id there. */
@Injectable()
export class TerminalsService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly adapters: TerminalAdapters,
    private readonly clock: Clock,
  ) {}

  async list(query: PageQuery): Promise<Page<TerminalView>> {
    const [terminals, total] = await this.database.reader.findAndCount(Terminal, {
      order: { name: 'ASC', id: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(terminals.map(TerminalView.of), total, query);
  }

  async get(id: string): Promise<TerminalView> {
    const terminal = await this.database.reader.findOneBy(Terminal, { id });
    if (!terminal) throw DomainError.notFound('Terminal');
    return TerminalView.of(terminal);
  }

  async create(actor: StaffPrincipal, input: TerminalInput): Promise<TerminalView> {
    this.adapters.of(input.provider);
    return this.database.transaction(async (tx) => {
      const now = this.clock.now();
      const terminal = Object.assign(new Terminal(), {
        id: randomUUID(),
        name: input.name,
        provider: input.provider,
        providerDeviceId: input.providerDeviceId,
        tipOnTerminal: input.tipOnTerminal ?? false,
        active: input.active ?? true,
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, Terminal, terminal);
      const after = TerminalView.of(terminal);
      await this.auditLog.record(tx, actor, {
        action: 'terminal.created',
        entityType: 'terminal',
        entityId: terminal.id,
        after,
      });
      return after;
    });
  }

  async update(actor: StaffPrincipal, id: string, input: UpdateTerminalInput): Promise<TerminalView> {
    if (input.provider !== undefined) this.adapters.of(input.provider);
    return this.database.transaction(async (tx) => {
      const terminal = await this.locked(tx, id);
      return auditedChange(tx, this.auditLog, actor, terminal, {
        action: 'terminal.updated',
        entityType: 'terminal',
        view: TerminalView.of,
        change: () => void Object.assign(terminal, definedOnly(input), { updatedAt: this.clock.now() }),
      });
    });
  }

  /** A terminal that took attempts is only deactivated: they keep pointing at it. */
  async remove(actor: StaffPrincipal, id: string): Promise<void> {
    await this.database.transaction(async (tx) => {
      const terminal = await this.locked(tx, id);
      await auditedChange(tx, this.auditLog, actor, terminal, {
        action: 'terminal.deleted',
        entityType: 'terminal',
        view: TerminalView.of,
        remove: async () => {
          if (!(await tx.manager.exists(TerminalPayment, { where: { terminalId: id } }))) {
            return tx.manager.delete(Terminal, { id });
          }
          terminal.active = false;
          terminal.updatedAt = this.clock.now();
          return tx.manager.save(terminal);
        },
      });
    });
  }

  private async locked(tx: Tx, id: string): Promise<Terminal> {
    const [terminal] = await this.database.lockRows(tx, LockKind.Terminal, Terminal, 'id = $1 ORDER BY id', [
      id,
    ]);
    if (!terminal) throw new DomainError(ErrorCode.NotFound, 'Terminal not found');
    return terminal;
  }
}
