import { Injectable } from '@nestjs/common';
import { RenderedBody, renderBody } from '../common/http/revalidated';
import { Database } from '../database/database.service';
import { MenuService } from '../menu/menu.service';
import { Channel, ChannelItem } from './channel.entities';
import { assertOpen } from './channels.service';
import { ChannelItemView, ChannelMenuView } from './dto/channel.views';

/**
 * What a channel may sell right now: its mappings whose dish, variation and options the menu kept in memory can
 * order now. Only the channel's rows are read; availability comes from memory, replaced on every menu event.
 */
@Injectable()
export class ChannelMenu {
  constructor(
    private readonly database: Database,
    private readonly menu: MenuService,
  ) {}

  async rendered(code: string): Promise<RenderedBody> {
    const channel = assertOpen(await this.database.reader.findOne(Channel, { where: { code } }), false);
    const rows = await this.database.reader.find(ChannelItem, {
      where: { channelId: channel.id },
      order: { position: 'ASC' },
    });
    const view: ChannelMenuView = { channel: channel.code, ...(await this.sellable(rows)) };
    return renderBody(view);
  }

  /** The item and option mappings that can be ordered now. */
  private async sellable(rows: ChannelItem[]): Promise<Pick<ChannelMenuView, 'items' | 'options'>> {
    const dishRows = rows.filter((row) => row.dishId !== null);
    const resolved = await this.menu.orderables(
      dishRows.map((row) => ({
        dishId: row.dishId!,
        variationId: row.variationId ?? undefined,
        modifiers: row.optionIds.map((optionId) => ({ optionId })),
      })),
    );
    // A group's count ("choose at least 1") is met by the options the channel sends with each order, so only
    // problems of the dish, the variation or a preset option take an item off.
    const items = dishRows.filter((_row, i) => {
      const result = resolved[i];
      return !Array.isArray(result) || result.every((problem) => problem.field === 'modifiers');
    });
    const choosable = await this.choosableOptions();
    const options = rows.filter(
      (row) => row.dishId === null && row.optionIds.every((optionId) => choosable.has(optionId)),
    );
    return { items: items.map(ChannelItemView.of), options: options.map(ChannelItemView.of) };
  }

  /** Options that some dish on the menu offers and that are available. */
  private async choosableOptions(): Promise<Set<string>> {
    const menu = await this.menu.menu();
    return new Set(
      menu.categories.flatMap((category) =>
        category.dishes.flatMap((dish) =>
          dish.modifierGroups.flatMap((group) => group.options.map((option) => option.id)),
        ),
      ),
    );
  }
}
