import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditLog } from '../audit/audit-log.service';
import type { Principal } from '../common/access/principal';
import { DomainError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { Page, pageOf, PageQuery } from '../common/pagination/page';
import { Clock } from '../common/time/clock';
import { Database, Tx } from '../database/database.service';
import { PaymentMethod, PaymentMethodKind } from '../payments/payment.entities';
import { Channel, ChannelItem } from './channel.entities';
import { ChannelMappings } from './channel-mappings';
import { ChannelItemInput, CreateChannelInput, UpdateChannelInput } from './dto/channel.inputs';
import { ChannelView } from './dto/channel.views';
import { RestaurantProfile } from '../restaurant/restaurant-profile';
import { seededName } from '../restaurant/seeded-names';

const ENTITY_TYPE = 'channel';

/** The channels that post orders, their settings and item mappings; each write is audited. */
@Injectable()
export class ChannelsService {
  constructor(
    private readonly database: Database,
    private readonly auditLog: AuditLog,
    private readonly mappings: ChannelMappings,
    private readonly clock: Clock,
    private readonly profile: RestaurantProfile,
  ) {}

  async list(query: PageQuery): Promise<Page<ChannelView>> {
    const [channels, total] = await this.database.reader.findAndCount(Channel, {
      order: { code: 'ASC' },
      skip: query.skip,
      take: query.perPage,
    });
    const items = channels.length
      ? await this.database.reader
          .createQueryBuilder(ChannelItem, 'item')
          .where('item.channelId IN (:...ids)', { ids: channels.map((channel) => channel.id) })
          .getMany()
      : [];
    const views = channels.map((channel) =>
      ChannelView.of(
        channel,
        items.filter((item) => item.channelId === channel.id),
      ),
    );
    return pageOf(views, total, query);
  }

  async get(code: string): Promise<ChannelView> {
    const channel = await this.database.reader.findOne(Channel, { where: { code } });
    if (!channel) throw DomainError.notFound('Channel');
    return ChannelView.of(
      channel,
      await this.database.reader.find(ChannelItem, { where: { channelId: channel.id } }),
    );
  }

  /**
   * A new channel; a payment method of kind `channel` is made with the first one, so that orders the channel
   * was paid for have one to be paid by.
   */
  create(actor: Principal, input: CreateChannelInput): Promise<ChannelView> {
    return this.database.transaction(async (tx) => {
      if (await tx.manager.exists(Channel, { where: { code: input.code } }))
        throw DomainError.invalidField('code', 'is taken by another channel');
      const items = input.items ?? [];
      await this.mappings.check(tx, items);
      const now = this.clock.now();
      const channel = Object.assign(new Channel(), {
        id: randomUUID(),
        code: input.code,
        name: input.name,
        active: input.active ?? true,
        paused: input.paused ?? false,
        autoAccept: input.autoAccept ?? false,
        prepBufferMinutes: input.prepBufferMinutes ?? 0,
        createdAt: now,
        updatedAt: now,
      });
      await this.database.insertRows(tx, Channel, channel);
      const rows = await this.replaceItems(tx, channel, items);
      await this.ensurePaymentMethod(tx);
      const after = ChannelView.of(channel, rows);
      await this.auditLog.record(tx, actor, {
        action: 'channel.created',
        entityType: ENTITY_TYPE,
        entityId: channel.id,
        after,
      });
      return after;
    });
  }

  /** PATCH {paused: true} is busy mode; `items` replaces the whole list of mappings. */
  update(actor: Principal, code: string, input: UpdateChannelInput): Promise<ChannelView> {
    return this.database.transaction(async (tx) => {
      const channel = await this.locked(tx, code);
      const before = ChannelView.of(
        channel,
        await tx.manager.find(ChannelItem, { where: { channelId: channel.id } }),
      );
      if (input.items) await this.mappings.check(tx, input.items);
      if (input.name !== undefined) channel.name = input.name;
      if (input.active !== undefined) channel.active = input.active;
      if (input.paused !== undefined) channel.paused = input.paused;
      if (input.autoAccept !== undefined) channel.autoAccept = input.autoAccept;
      if (input.prepBufferMinutes !== undefined) channel.prepBufferMinutes = input.prepBufferMinutes;
      channel.updatedAt = this.clock.now();
      await tx.manager.save(channel);
      const rows = input.items
        ? await this.replaceItems(tx, channel, input.items)
        : await tx.manager.find(ChannelItem, { where: { channelId: channel.id } });
      const after = ChannelView.of(channel, rows);
      const action =
        before.paused !== after.paused
          ? after.paused
            ? 'channel.paused'
            : 'channel.resumed'
          : 'channel.updated';
      await this.auditLog.record(tx, actor, {
        action,
        entityType: ENTITY_TYPE,
        entityId: channel.id,
        before,
        after,
      });
      return after;
    });
  }

  /** Its orders stay as they were; keys bound to it can no longer post. */
  remove(actor: Principal, code: string): Promise<void> {
    return this.database.transaction(async (tx) => {
      const channel = await this.locked(tx, code);
      const before = ChannelView.of(
        channel,
        await tx.manager.find(ChannelItem, { where: { channelId: channel.id } }),
      );
      await tx.manager.delete(Channel, { id: channel.id });
      await this.auditLog.record(tx, actor, {
        action: 'channel.deleted',
        entityType: ENTITY_TYPE,
        entityId: channel.id,
        before,
      });
    });
  }

  private async replaceItems(
    tx: Tx,
    channel: Channel,
    items: readonly ChannelItemInput[],
  ): Promise<ChannelItem[]> {
    await tx.manager.delete(ChannelItem, { channelId: channel.id });
    const rows = items.map((item, position) =>
      Object.assign(new ChannelItem(), {
        id: randomUUID(),
        channelId: channel.id,
        position,
        externalId: item.externalId,
        dishId: item.dishId ?? null,
        variationId: item.variationId ?? null,
        optionIds: item.optionIds ?? [],
      }),
    );
    if (rows.length > 0) await this.database.insertRows(tx, ChannelItem, rows);
    return rows;
  }

  private async ensurePaymentMethod(tx: Tx): Promise<void> {
    if (await tx.manager.exists(PaymentMethod, { where: { kind: PaymentMethodKind.Channel } })) return;
    const now = this.clock.now();
    await this.database.insertRows(
      tx,
      PaymentMethod,
      Object.assign(new PaymentMethod(), {
        id: randomUUID(),
        name: seededName('channelMethod', this.profile.locale),
        kind: PaymentMethodKind.Channel,
        active: true,
        sortOrder: 1000,
        createdAt: now,
        updatedAt: now,
      }),
    );
  }

  private async locked(tx: Tx, code: string): Promise<Channel> {
    const channel = await tx.manager.findOne(Channel, { where: { code }, ...this.database.forUpdate });
    if (!channel) throw DomainError.notFound('Channel');
    return channel;
  }
}

/** 404 for an unknown channel, 409 for one switched off or (for new orders) paused. */
export function assertOpen(channel: Channel | null, forNewOrders: boolean): Channel {
  if (!channel) throw DomainError.notFound('Channel');
  if (!channel.active)
    throw new DomainError(ErrorCode.Conflict, `The channel ${channel.code} is switched off`);
  if (forNewOrders && channel.paused)
    throw new DomainError(ErrorCode.ChannelPaused, `The channel ${channel.code} is paused (busy mode)`);
  return channel;
}
