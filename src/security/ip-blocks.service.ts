import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { FindOptionsWhere, IsNull, LessThanOrEqual, MoreThan, Not } from 'typeorm';
import { AuditLog } from '../audit/audit-log.service';
import { auditedChange } from '../audit/audited-change';
import { SecurityEventType } from '../audit/security-event-type';
import { SecurityEventsService } from '../audit/security-events.service';
import type { Principal } from '../common/access/principal';
import { staffUserId } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { isUniqueViolation } from '../common/errors/unique-violation';
import { AddressRanges, plainAddress } from '../common/net/address-ranges';
import { Page, pageOf } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { NOBODY } from '../event-log/audience';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { CreateIpBlockInput, IpBlockListQuery } from './dto/ip-block.inputs';
import { IpBlockView } from './dto/ip-block.view';
import { IpBlock, IpBlockSource, isActive } from './ip-block.entity';
import { IpBlockList } from './ip-block-list';
import { normalRange } from './ip-block-range';

const ENTITY_TYPE = 'ip_block';

/** What made an automatic block: the failed logins counted in the window. */
export interface LoginBurst {
  address: string;
  failures: number;
  accounts: number;
  windowMinutes: number;
  durationMs: number;
}

/**
 * The IP block list: admins add and lift blocks, bursts of failed logins add temporary ones. Every change is audited
 * and a security event in its transaction, and tells every instance (ip_blocks.changed) to reload its list; this one
 * has reloaded before it answers.
 */
@Injectable()
export class IpBlocksService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly securityEvents: SecurityEventsService,
    private readonly eventLog: EventLog,
    private readonly blockList: IpBlockList,
    private readonly clock: Clock,
  ) {}

  async list(query: IpBlockListQuery): Promise<Page<IpBlockView>> {
    const now = this.clock.now();
    const where: FindOptionsWhere<IpBlock>[] | undefined =
      query.active === undefined
        ? undefined
        : query.active
          ? [
              { liftedAt: IsNull(), expiresAt: IsNull() },
              { liftedAt: IsNull(), expiresAt: MoreThan(now) },
            ]
          : [{ liftedAt: Not(IsNull()) }, { expiresAt: LessThanOrEqual(now) }];
    const [blocks, total] = await this.database.reader.getRepository(IpBlock).findAndCount({
      where,
      order: { createdAt: 'DESC', id: 'DESC' },
      skip: query.skip,
      take: query.perPage,
    });
    return pageOf(
      blocks.map((block) => IpBlockView.of(block, now)),
      total,
      query,
    );
  }

  /** `callerAddress` is where the request comes from: a block that holds it needs `force`. */
  async create(
    actor: Principal,
    input: CreateIpBlockInput,
    callerAddress: string | undefined,
  ): Promise<IpBlockView> {
    const range = normalRange(input.range);
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
    if (expiresAt && expiresAt <= now) throw DomainError.invalidField('expiresAt', 'must be in the future');
    if (!input.force && new AddressRanges([range]).includes(callerAddress)) {
      throw DomainError.invalidField(
        'range',
        `holds your own address (${plainAddress(callerAddress!)}): send force: true to block it all the same`,
      );
    }
    const blockedAlready = (id?: string) =>
      new DomainError(ErrorCode.Conflict, `${range} is blocked already${id ? ` (block ${id})` : ''}`);
    const view = await this.database
      .transaction(async (tx) => {
        const clash = await this.blockInForce(tx, range, now);
        if (clash) throw blockedAlready(clash.id);
        const block = await this.add(tx, actor, {
          range,
          reason: input.reason,
          source: IpBlockSource.Manual,
          expiresAt,
        });
        await this.securityEvents.record(tx.manager, {
          type: SecurityEventType.IpBlockCreated,
          userId: staffUserId(actor),
          ip: range,
          details: {
            blockId: block.id,
            reason: block.reason,
            expiresAt: block.expiresAt,
            from: callerAddress,
          },
        });
        return IpBlockView.of(block, now);
      })
      .catch((error: unknown) => {
        // A concurrent request blocked the range first: its index entry refused this one.
        throw isUniqueViolation(error) ? blockedAlready() : error;
      });
    await this.blockList.reload();
    return view;
  }

  /** Lifts a block in force; its row stays, as history. */
  async lift(actor: Principal, id: string, callerAddress: string | undefined): Promise<void> {
    await this.database.transaction(async (tx) => {
      const block = await tx.manager.findOne(IpBlock, { where: { id }, ...this.database.forUpdate });
      if (!block) throw DomainError.notFound('IP block');
      const now = this.clock.now();
      if (!isActive(block, now)) {
        throw new DomainError(ErrorCode.Conflict, 'This block is no longer in force: lifted or expired');
      }
      await auditedChange(tx, this.auditLog, actor, block, {
        entityType: ENTITY_TYPE,
        action: 'ip_block.lifted',
        view: (row) => IpBlockView.of(row, now),
        change: () => {
          block.liftedAt = now;
          block.liftedBy = staffUserId(actor);
          block.activeRange = null;
        },
      });
      await this.securityEvents.record(tx.manager, {
        type: SecurityEventType.IpBlockLifted,
        userId: staffUserId(actor),
        ip: block.range,
        details: { blockId: block.id, from: callerAddress },
      });
      this.changed(tx, block);
    });
    await this.blockList.reload();
  }

  /**
   * Blocks an address after a burst of failed logins, unless a block of its own is in force already: a lock on the
   * address serialises instances that saw the same burst at once, and should an admin block it at that instant,
   * the range's unique index keeps the admin's block.
   */
  async blockAutomatically(burst: LoginBurst): Promise<void> {
    const range = plainAddress(burst.address);
    const created = await this.database
      .transaction(async (tx) => {
        await this.database.serialise(tx, `ip_block:${range}`);
        const now = this.clock.now();
        if (this.blockList.blocking(range)) return false;
        if (await this.blockInForce(tx, range, now)) return false;
        const block = await this.add(tx, null, {
          range,
          reason: `${burst.failures} failed logins for ${burst.accounts} accounts within ${burst.windowMinutes} minutes`,
          source: IpBlockSource.Automatic,
          expiresAt: new Date(now.getTime() + burst.durationMs),
        });
        await this.securityEvents.record(tx.manager, {
          type: SecurityEventType.IpBlockedAutomatically,
          ip: range,
          details: {
            blockId: block.id,
            failures: burst.failures,
            accounts: burst.accounts,
            windowMinutes: burst.windowMinutes,
            expiresAt: block.expiresAt,
          },
        });
        return true;
      })
      .catch((error: unknown) => {
        if (isUniqueViolation(error)) return false;
        throw error;
      });
    if (created) await this.blockList.reload();
  }

  /** When the latest block of exactly this address stopped being in force; null when none has. */
  async lastBlockEndOf(address: string): Promise<Date | null> {
    const now = this.clock.now();
    const [latest] = await this.database.reader.getRepository(IpBlock).find({
      where: { range: plainAddress(address) },
      order: { createdAt: 'DESC' },
      take: 1,
    });
    if (!latest || isActive(latest, now)) return null;
    return latest.liftedAt ?? latest.expiresAt;
  }

  /**
   * The block of exactly this range that is in force, if any. One that has expired gives up the range's index
   * entry here, so that the range can be blocked again.
   */
  private async blockInForce(tx: Tx, range: string, now: Date): Promise<IpBlock | null> {
    await tx.manager.update(
      IpBlock,
      { activeRange: range, expiresAt: LessThanOrEqual(now) },
      { activeRange: null },
    );
    return tx.manager.findOne(IpBlock, { where: { activeRange: range } });
  }

  /** Inserts a block, audited, and announces it. */
  private async add(
    tx: Tx,
    actor: Principal | null,
    fields: Pick<IpBlock, 'range' | 'reason' | 'source' | 'expiresAt'>,
  ): Promise<IpBlock> {
    const now = this.clock.now();
    const block = Object.assign(new IpBlock(), {
      id: randomUUID(),
      ...fields,
      createdBy: staffUserId(actor),
      createdAt: now,
      liftedAt: null,
      liftedBy: null,
      activeRange: fields.range,
    });
    await this.database.insertRows(tx, IpBlock, block);
    await this.auditLog.record(tx, actor, {
      action:
        fields.source === IpBlockSource.Automatic ? 'ip_block.created_automatically' : 'ip_block.created',
      entityType: ENTITY_TYPE,
      entityId: block.id,
      after: IpBlockView.of(block, now),
    });
    this.changed(tx, block);
    return block;
  }

  /** Every instance reloads its list; sockets from the range go when it is a new block. */
  private changed(tx: Tx, block: IpBlock): void {
    this.eventLog.append(tx, {
      type: EventType.IpBlocksChanged,
      data: { blockId: block.id, range: block.range, active: block.liftedAt === null },
      audience: NOBODY,
    });
  }
}
