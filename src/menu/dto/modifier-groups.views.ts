import { ApiProperty } from '@nestjs/swagger';
import type { ModifierOption } from '../menu.entities';
import type { OfferedGroup } from '../modifier-choices';
import { HqKeyProperty } from '../../common/errors/managed-by-hq';

export class ModifierOptionView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Aioli' })
  name!: string;

  @ApiProperty({ example: 150, description: 'Integer minor units added to the unit price; may be negative' })
  priceDelta!: number;

  @ApiProperty({ description: "false: 86'd, off the menu and refused on new order lines" })
  available!: boolean;

  @ApiProperty({ example: 0 })
  sortOrder!: number;

  @HqKeyProperty()
  hqKey!: string | null;

  static of(this: void, option: ModifierOption): ModifierOptionView {
    return {
      id: option.id,
      name: option.name,
      priceDelta: option.priceDelta,
      available: option.available,
      sortOrder: option.sortOrder,
      hqKey: option.hqKey,
    };
  }
}

export class ModifierGroupView {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'Sauce' })
  name!: string;

  @ApiProperty({ example: 1, description: 'Options an order line must choose from the group' })
  minChoices!: number;

  @ApiProperty({ example: 2, description: 'Options an order line may choose from the group' })
  maxChoices!: number;

  @HqKeyProperty()
  hqKey!: string | null;

  @ApiProperty({ type: [ModifierOptionView], description: 'By sortOrder then name' })
  options!: ModifierOptionView[];

  /** `options` in menu order; only those `shown` (all by default). */
  static of(
    this: void,
    { group, options }: OfferedGroup,
    shown: (option: ModifierOption) => boolean = () => true,
  ): ModifierGroupView {
    return {
      id: group.id,
      name: group.name,
      minChoices: group.minChoices,
      maxChoices: group.maxChoices,
      hqKey: group.hqKey,
      options: options.filter(shown).map(ModifierOptionView.of),
    };
  }
}
