import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MenuView } from '../menu/dto/menu.views';
import { ItemModifierView } from '../orders/dto/order-item.views';
import type { OrderView } from '../orders/dto/order.views';
import { ItemStatus, OrderStatus } from '../orders/order-status';

export class PublicTableRef {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'T12' })
  name!: string;
}

export class PublicTableView {
  @ApiProperty({ type: PublicTableRef })
  table!: PublicTableRef;

  @ApiProperty({ type: MenuView })
  menu!: MenuView;
}

export class PublicComponentModifierView {
  @ApiProperty({ example: 'No onions' }) name!: string;
}

export class WaiterCalledView {
  @ApiProperty({ example: true })
  called!: true;

  @ApiProperty({ example: 'T12' })
  tableName!: string;
}

/** A combo line's chosen component as its guest sees it: what it is and how far along, never its part of the price. */
export class PublicComboComponentView {
  @ApiProperty({ example: 'Fries' }) name!: string;
  @ApiProperty({ example: 'Regular' }) variationName!: string;
  @ApiProperty({ example: 'Side', description: 'The combo slot it fills' }) slotName!: string;
  @ApiProperty({ type: [PublicComponentModifierView], description: 'The options chosen on it' })
  modifiers!: PublicComponentModifierView[];
  @ApiProperty({ enum: ItemStatus, enumName: 'ItemStatus' }) status!: ItemStatus;
}

export class PublicOrderItemView {
  @ApiProperty({ example: 'Margherita' }) name!: string;
  @ApiProperty({ example: 'Large' }) variationName!: string;
  @ApiProperty({ example: 2 }) quantity!: number;
  @ApiProperty({ example: 1250, description: 'Minor units: the menu price when it was ordered' })
  listPrice!: number;
  @ApiProperty({ example: 1000, description: 'Minor units: what it sells at (a happy-hour price, say)' })
  unitPrice!: number;
  @ApiProperty({ type: [ItemModifierView], description: 'The options chosen, with what each adds' })
  modifiers!: ItemModifierView[];
  @ApiProperty({
    example: 2800,
    description: '(unitPrice + priceDeltas) × quantity, minor units; 0 once cancelled',
  })
  total!: number;
  @ApiProperty({ enum: ItemStatus, enumName: 'ItemStatus' }) status!: ItemStatus;
  @ApiPropertyOptional({
    type: [PublicComboComponentView],
    description:
      'Only on a combo line (docs/combos.md): its chosen components, without prices; the line’s prices and ' +
      'total are the whole combo’s',
  })
  components?: PublicComboComponentView[];
}

/** What a guest may see of their table's order: no staff, stations, payments or internal notes. */
export class PublicOrderView {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 42, description: 'Ticket number, restarting each business day' }) number!: number;
  @ApiProperty({ enum: OrderStatus, enumName: 'OrderStatus' }) status!: OrderStatus;
  @ApiProperty({ type: String, nullable: true, description: 'Why the restaurant cancelled it' })
  cancelReason!: string | null;
  @ApiProperty({ type: [PublicOrderItemView] }) items!: PublicOrderItemView[];
  @ApiProperty({ description: 'Minor units' }) total!: number;
  @ApiProperty({ description: 'Grows on every change: the newer of two copies has the larger one' })
  version!: number;

  static of(this: void, order: OrderView): PublicOrderView {
    return {
      id: order.id,
      number: order.number,
      status: order.status,
      cancelReason: order.cancelReason,
      items: order.items.map((item) => ({
        name: item.name,
        variationName: item.variationName,
        quantity: item.quantity,
        listPrice: item.listPrice,
        unitPrice: item.unitPrice,
        modifiers: item.modifiers,
        total: item.total,
        status: item.status,
        ...(item.components && {
          components: item.components.map((component) => ({
            name: component.name,
            variationName: component.variationName,
            slotName: component.slotName,
            modifiers: component.modifiers.map(({ name }) => ({ name })),
            status: component.status,
          })),
        }),
      })),
      total: order.total,
      version: order.version,
    };
  }
}
