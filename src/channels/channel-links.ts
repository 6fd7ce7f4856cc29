import { Injectable, OnModuleInit } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys/api-keys.service';
import type { Tx } from '../database/database.service';
import { AvailabilityChange, ChannelExternalIds, MenuChangeLog } from '../menu/menu-change-log';
import { Channel, ChannelItem } from './channel.entities';

/**
 * What lower modules ask of channels, answered here so that they import nothing of it: whether a key may be bound
 * to a code, and which external ids an 86 (or its end) touches.
 */
@Injectable()
export class ChannelLinks implements OnModuleInit {
  constructor(
    private readonly apiKeys: ApiKeysService,
    private readonly menuChanges: MenuChangeLog,
  ) {}

  onModuleInit(): void {
    this.apiKeys.checkChannelsWith((tx, code) => tx.manager.exists(Channel, { where: { code } }));
    this.menuChanges.nameChannelsWith((tx, change) => externalIdsOf(tx, change));
  }
}

/**
 * The mappings of active channels that a change names: a dish's items, a variation's items (and the dish's
 * items that name no variation), and every mapping that presets or stands for an option.
 */
async function externalIdsOf(tx: Tx, change: AvailabilityChange): Promise<ChannelExternalIds[]> {
  const query = tx.manager
    .createQueryBuilder(ChannelItem, 'item')
    .innerJoin(Channel, 'channel', 'channel.id = item.channelId AND channel.active = :active', {
      active: true,
    })
    .select(['channel.code AS code', 'item.externalId AS "externalId"'])
    .orderBy('channel.code')
    .addOrderBy('item.position');
  if ('optionId' in change) {
    // Option ids are UUIDs inside a JSON array of strings: the quoted id matches that element and no other.
    query.where('item.optionIds LIKE :option', { option: `%"${change.optionId}"%` });
  } else if (change.variationId) {
    query.where('item.dishId = :dishId AND (item.variationId = :variationId OR item.variationId IS NULL)', {
      dishId: change.dishId,
      variationId: change.variationId,
    });
  } else {
    query.where('item.dishId = :dishId', { dishId: change.dishId });
  }
  const rows = await query.getRawMany<{ code: string; externalId: string }>();
  const byCode = new Map<string, string[]>();
  for (const { code, externalId } of rows) byCode.set(code, [...(byCode.get(code) ?? []), externalId]);
  return [...byCode].map(([code, externalIds]) => ({ code, externalIds }));
}
