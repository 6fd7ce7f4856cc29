import { Injectable } from '@nestjs/common';
import { AuditLog, AuditRecord } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import type { Tx } from '../database/database.service';
import { NOBODY } from '../event-log/audience';
import { EventLog } from '../event-log/event-log.service';
import { EventType } from '../event-log/event-type';
import { audienceOf } from '../event-log/event-audiences';

/** What menu.availability_changed tells everyone: a dish, one of its variations, or a modifier option. */
export type AvailabilityChange =
  | { dishId: string; variationId?: string; available: boolean }
  | { optionId: string; groupId: string; available: boolean };

/** The external ids that sales channels use for what changed, by channel code. */
export interface ChannelExternalIds {
  code: string;
  externalIds: string[];
}

/** Told by the channels module (above this one): which of its mappings a change of availability touches. */
export type ChannelNames = (tx: Tx, change: AvailabilityChange) => Promise<ChannelExternalIds[]>;

/**
 * Every write to the menu, in the writer's transaction: its audit entry, and `menu.changed` in the event log, so
 * the menu kept in memory is replaced on every instance that tails the log. An "86" also tells everyone who shows
 * the menu.
 */
@Injectable()
export class MenuChangeLog {
  private channelNames: ChannelNames = () => Promise.resolve([]);

  constructor(
    private readonly auditLog: AuditLog,
    private readonly eventLog: EventLog,
  ) {}

  /** `actor` null: the system (headquarters' catalog applied, say). */
  record(tx: Tx, actor: Principal | null, entry: AuditRecord): Promise<void> {
    this.changed(tx);
    return this.auditLog.record(tx, actor, entry);
  }

  /** `menu.changed` alone, for a write audited elsewhere that the menu or its prices depend on. */
  changed(tx: Tx): void {
    this.eventLog.append(tx, { type: EventType.MenuChanged, data: {}, audience: NOBODY });
  }

  nameChannelsWith(names: ChannelNames): void {
    this.channelNames = names;
  }

  /**
   * menu.availability_changed; when sales channels map what changed, `channels` names their external ids, so an
   * aggregator can stop (or start) selling them from the event alone.
   */
  async announceAvailability(tx: Tx, change: AvailabilityChange): Promise<void> {
    const channels = await this.channelNames(tx, change);
    this.eventLog.append(tx, {
      type: EventType.MenuAvailabilityChanged,
      data: channels.length > 0 ? { ...change, channels } : change,
      audience: audienceOf(EventType.MenuAvailabilityChanged),
    });
  }
}
